package claimsweep.bench;

import claimsweep.data.DataStore;
import claimsweep.data.Dataset;
import claimsweep.expand.Expander;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;
import claimsweep.backend.NativeSetup;
import claimsweep.backend.NativeThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training-speed benchmark (run by {@code scripts/bench}): trains each reference model on one
 * native thread through the same path as a sweep run (sweep parser, network factory, minibatch
 * feeder, {@code net.fit}), prints ms/step, images/s, nominal GFLOP/s and the share of the measured
 * single-thread sgemm ceiling, and, when PyTorch is importable, the same models in PyTorch side by
 * side. A benchmark, not a test: it prints figures and asserts nothing.
 *
 * <p>Usage: {@code TrainBench [--data-dir DIR] [--steps N] [--cnn-steps N] [--models a,b] [--python EXE] [--repeats R]
 * [--cost-csv FILE]}; {@code --cost-csv} also writes the normalization cost table in docs/cost-table.csv's
 * format (nothing is written by default: the committed file holds an idle machine's figures).
 */
public final class TrainBench {
    record Timing(double msPerStep, double bestMsPerStep) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        Path dataDir = Path.of(opt.getOrDefault("--data-dir", "data"));
        int steps = Integer.parseInt(opt.getOrDefault("--steps", "300"));
        int cnnSteps = Integer.parseInt(opt.getOrDefault("--cnn-steps", "40"));
        int repeats = Integer.parseInt(opt.getOrDefault("--repeats", "3"));
        String python = opt.getOrDefault("--python", "");
        Path costCsv = opt.containsKey("--cost-csv") ? Path.of(opt.get("--cost-csv")) : null;
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<ReferenceModel> models = new ArrayList<>(ReferenceModel.standard());
        models.addAll(ReferenceModel.normalizations());
        if (opt.containsKey("--models")) {
            List<String> keep = List.of(opt.get("--models").split(","));
            models.removeIf(m -> !keep.contains(m.key()));
        }

        NativeSetup.configure();
        NativeThreads.pinToOne();
        System.out.printf(Locale.ROOT, "backend: %s, maxPhysicalBytes=%s, java %s, OMP_NUM_THREADS=%s, fused layers: %s%n",
                NativeThreads.backend(), System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes"),
                System.getProperty("java.version"), System.getenv("OMP_NUM_THREADS"),
                System.getProperty(claimsweep.model.fused.FusedLayers.PROPERTY, "all"));
        System.out.println("clock: " + (ModelPasses.CPU_CLOCK ? "the training thread's CPU time (CS_BENCH_CLOCK=cpu)" : "wall time"));
        double ceiling = sgemmCeiling();
        System.out.printf(Locale.ROOT, "single-thread sgemm ceiling (ND4J, best of 1024^3 / 512^3): %.1f GFLOP/s%n%n", ceiling);

        Dataset data = DataStore.load(dataDir, "fashion-mnist");
        Map<String, Timing> dl4j = new LinkedHashMap<>();
        Map<String, Double> torch = new LinkedHashMap<>();
        Path script = Path.of(System.getProperty("claimsweep.repo.root", ".")).resolve("scripts/bench_torch.py");
        String torchNote;
        try (TorchWorker pt = TorchWorker.start(python, script, dataDir, models)) {
            torchNote = pt.note();
            if (pt.available()) System.out.println("PyTorch: " + torchNote);
            List<ModelPasses> runs = new ArrayList<>();
            for (ReferenceModel m : models) runs.add(new ModelPasses(m, data, m.model().equals("cnn") ? cnnSteps : steps));
            // round after round over all models (see ModelPasses), each DL4J pass followed by PyTorch's
            for (int r = 0; r < repeats; r++) {
                for (ModelPasses run : runs) {
                    run.pass();
                    if (pt.available()) torch.merge(run.model.key(), pt.pass(run.model.key(), r == 0 ? run.warmup : 0, run.steps), Math::min);
                }
            }
            for (ModelPasses run : runs) {
                TrainBench.Timing t = run.timing();
                dl4j.put(run.model.key(), t);
                if (!run.finite()) System.out.println("warning: " + run.model.key() + " reached a non-finite loss");
                System.out.printf(Locale.ROOT, "  %-12s %8.2f ms/step (mean of %d passes %.2f)%s%n", run.model.key(), t.bestMsPerStep(),
                        run.passes(), t.msPerStep(), pt.available() ? String.format(Locale.ROOT, "   torch %.2f ms/step", torch.get(run.model.key())) : "");
            }
        }
        System.out.println();

        System.out.println("| model | batch | DL4J ms/step | images/s | GFLOP/s | % of sgemm | PyTorch ms/step | ratio DL4J/PyTorch |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (ReferenceModel m : models) {
            Timing t = dl4j.get(m.key());
            double ms = t.bestMsPerStep();
            double gflops = m.flopsPerStep() / (ms * 1e6);
            Double pt = torch.get(m.key());
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.1f | %.0f%% | %s | %s |%n", m.label(), m.batch(), ms,
                    m.batch() * 1000.0 / ms, gflops, 100 * gflops / ceiling,
                    pt == null ? "-" : String.format(Locale.ROOT, "%.2f", pt),
                    pt == null ? "-" : String.format(Locale.ROOT, "%.2fx", ms / pt));
        }
        List<NormCostTable.Row> cost = NormCostTable.rows(models, dl4j, torch);
        NormCostTable.print(cost);
        System.out.println();
        String how = "best of " + repeats + " timed passes of " + steps + " steps (CNN " + cnnSteps
                + ") after a warm-up pass, round after round over the models, DL4J's and PyTorch's passes alternating";
        System.out.println("ms/step: " + how + "; epoch time = ms/step x 60000/batch.");
        System.out.println("PyTorch: " + torchNote);
        if (costCsv != null) writeCostCsv(costCsv, cost, args, how + ", " + conditions(loadAtStart) + "; PyTorch: " + torchNote);
    }

    /** Where and how the figures were taken, for the CSV's measured column: the clock and the machine's load when the run began. */
    private static String conditions(double loadAtStart) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return (ModelPasses.CPU_CLOCK ? "the training thread's CPU time" : "wall time") + ", one thread each, "
                + (loadAtStart < 0 ? "load average unknown" : String.format(Locale.ROOT, "load average %.1f on %d CPUs at the start",
                loadAtStart, cpus)) + ", " + Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * Writes the cost table as CSV with the command that measured it ({@code scripts/bench train} and
     * this run's options, without the data directory the script adds and the output file itself).
     */
    private static void writeCostCsv(Path file, List<NormCostTable.Row> cost, String[] args, String measured) throws IOException {
        if (cost.stream().noneMatch(r -> r.torchMs() != null)) {
            System.out.println("cost table not written to " + file + ": no normalized model was measured in both DL4J and PyTorch");
            return;
        }
        StringBuilder cmd = new StringBuilder("scripts/bench train");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--data-dir") && !args[i].equals("--cost-csv")) cmd.append(' ').append(args[i]).append(' ').append(args[i + 1]);
        }
        Files.writeString(file, NormCostTable.csv(cost, cmd.toString(), measured));
        System.out.println("cost table written to " + file);
    }

    /** The run spec of a reference model, through the sweep parser like any sweep run. */
    static RunSpec spec(ReferenceModel m) {
        String text = """
                name = bench
                dataset = fashion-mnist
                budget { steps = 1 }
                eval_every = 1
                fixed { optimizer = momentum, momentum = 0.9, lr = 0.01, init = he, seed = 1, train_size = 0, val_size = 2000 }
                """;
        return Expander.expand(SweepParser.parse("bench", text, "bench", m.overrides())).get(0);
    }

    /** Best single-thread sgemm throughput over two square sizes: the ceiling the models are compared with. */
    static double sgemmCeiling() {
        double best = 0;
        for (int n : new int[] {512, 1024}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray c = Nd4j.create(DataType.FLOAT, n, n);
            for (int i = 0; i < 3; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            int reps = n == 512 ? 20 : 5;
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                double s = (System.nanoTime() - t0) / 1e9 / reps;
                best = Math.max(best, 2.0 * n * n * n / s / 1e9);
            }
        }
        return best;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
            }
            m.put(args[i], args[++i]);
        }
        return m;
    }

}
