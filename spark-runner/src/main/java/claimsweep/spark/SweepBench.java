package claimsweep.spark;

import claimsweep.store.ResultStore;

import claimsweep.expand.Expander;
import claimsweep.spec.RunSpec;
import claimsweep.result.RunResult;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Sweep-level benchmark (run by {@code scripts/bench sweep}): prints
 * <ul>
 *   <li>parallel efficiency: sum of the runs' own wall times / (task slots x the job's wall time),
 *       for real MLP training runs with one native thread per task and as many slots as cores;</li>
 *   <li>orchestration throughput: runs per second dispatched, trained by a no-op trainer and
 *       committed, through the same Spark job and result store as a real sweep.</li>
 * </ul>
 * Usage: {@code SweepBench [--data-dir DIR] [--runs N] [--steps S] [--noop-runs M] [--slots K]}
 */
public final class SweepBench {
    public static void main(String[] args) throws IOException {
        java.util.Map<String, String> opt = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i], args[i + 1]);
        Path dataDir = Path.of(opt.getOrDefault("--data-dir", "data"));
        int runs = Integer.parseInt(opt.getOrDefault("--runs", "12"));
        int steps = Integer.parseInt(opt.getOrDefault("--steps", "600"));
        int noopRuns = Integer.parseInt(opt.getOrDefault("--noop-runs", "2000"));
        int slots = Integer.parseInt(opt.getOrDefault("--slots", String.valueOf(Runtime.getRuntime().availableProcessors())));
        String master = "local[" + slots + "]";
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        Path tmp = Files.createTempDirectory("claimsweep-bench");
        try {
            String text = """
                    name = bench-efficiency
                    dataset = fashion-mnist
                    model = mlp
                    budget { steps = %d }
                    eval_every = %d
                    fixed { depth = 2, width = 256, batch_size = 64, optimizer = momentum, momentum = 0.9, lr = 0.01,
                            train_size = 12000, val_size = 2000 }
                    axes { seed = [%s] }
                    """.formatted(steps, steps, seeds(runs));
            SweepSpec spec = SweepParser.parse("bench-efficiency", text, "bench", List.of());
            List<RunSpec> specs = Expander.expand(spec);
            Path out = tmp.resolve("efficiency");
            long t0 = System.nanoTime();
            SweepJob.Outcome o = SweepJob.run(spec, specs, new SweepJob.Options(out, dataDir, master, false, false, false,
                    false, "bench"), quiet);
            long totalMs = (System.nanoTime() - t0) / 1_000_000;
            long sumRunMs = new ResultStore(out).load().values().stream().mapToLong(RunResult::wallMs).sum();
            System.out.printf(Locale.ROOT, "parallel efficiency, %d MLP runs of %d steps on %s (1 native thread each):%n",
                    runs, steps, master);
            System.out.printf(Locale.ROOT, "  sum of run times %.1f s, job wall %.1f s -> efficiency %.2f (goal >= 0.90)%n",
                    sumRunMs / 1000.0, o.jobMs() / 1000.0, sumRunMs / (double) (slots * o.jobMs()));
            System.out.printf(Locale.ROOT, "  including Spark start-up and table writing (%.1f s wall): %.2f%n",
                    totalMs / 1000.0, sumRunMs / (double) (slots * totalMs));

            String noop = """
                    name = bench-noop
                    dataset = fashion-mnist
                    model = mlp
                    budget { steps = 1 }
                    eval_every = 1
                    axes { seed = [%s] }
                    """.formatted(seeds(noopRuns));
            SweepSpec nspec = SweepParser.parse("bench-noop", noop, "bench", List.of());
            List<RunSpec> nspecs = Expander.expand(nspec);
            Path nout = tmp.resolve("noop");
            long n0 = System.nanoTime();
            SweepJob.Outcome no = SweepJob.run(nspec, nspecs, new SweepJob.Options(nout, dataDir, master, false, false,
                    false, false, "bench", RunPartition.NOOP), quiet);
            long nTotal = (System.nanoTime() - n0) / 1_000_000;
            System.out.printf(Locale.ROOT, "orchestration, %d no-op runs on %s:%n", noopRuns, master);
            System.out.printf(Locale.ROOT, "  dispatched + committed: %.0f runs/s (job %.2f s; goal >= 200 runs/s)%n",
                    no.ok() * 1000.0 / no.jobMs(), no.jobMs() / 1000.0);
            System.out.printf(Locale.ROOT, "  end to end incl. Spark start-up and Parquet tables: %.0f runs/s (%.2f s)%n",
                    no.ok() * 1000.0 / nTotal, nTotal / 1000.0);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String seeds(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) sb.append(i == 1 ? "" : ", ").append(i);
        return sb.toString();
    }
}
