package claimsweep.bench;

import claimsweep.data.Dataset;
import claimsweep.data.DatasetCatalog;
import claimsweep.data.Features;
import claimsweep.data.Splits;
import claimsweep.model.NetworkFactory;
import claimsweep.train.Minibatches;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * One reference model in training on the sweep's path (network factory, minibatch feeder,
 * {@code net.fit}), kept alive between timed passes so that {@link TrainBench} can go round the
 * models pass by pass: on a shared VM the speed drifts over minutes, and timing all of one model
 * before the next turned that drift into the normalization cost table's ratios (measured: the MLP
 * at batch 256 came out 2.3x slower than the same MLP with BatchNorm when the load changed
 * between them).
 */
final class ModelPasses {
    final ReferenceModel model;
    final int steps;
    final int warmup;
    private final MultiLayerNetwork net;
    private final Minibatches batches;
    private double best = Double.MAX_VALUE;
    private double sum;
    private int passes;

    /** Builds the model's network and feeder and runs the warm-up steps (JIT, workspaces). */
    ModelPasses(ReferenceModel m, Dataset data, int steps) {
        this.model = m;
        this.steps = steps;
        this.warmup = Math.max(10, steps / 3);
        Splits.Split split = Splits.split(data.train().labelArray(), DatasetCatalog.CLASSES, 0, 2000, 1);
        Features.Treatment t = Features.treatment(claimsweep.spec.DataConfig.Inputs.SCALED, data.train(), split.train());
        batches = new Minibatches(Features.rows(data.train(), split.train(), t),
                Features.labels(data.train(), split.train()), data.train().pixelsPerImage(), DatasetCatalog.CLASSES,
                m.batch(), new Random(1));
        net = NetworkFactory.build(TrainBench.spec(m));
        for (int i = 0; i < warmup; i++) net.fit(batches.next());
    }

    /**
     * The clock passes are timed by: wall time, or with {@code CS_BENCH_CLOCK=cpu} the training
     * thread's CPU time (bench_torch.py reads the same variable). Everything a step does runs on
     * that one thread (OpenBLAS and OpenMP with one thread run on the caller), so on an idle machine
     * the two agree; on a machine shared with other jobs the CPU clock leaves out the time the
     * thread waited for a core (measured: wall-clock passes of one model 2-3x apart under a load
     * of 13 on 2 cores), though not the cache it lost to them.
     */
    static final boolean CPU_CLOCK = "cpu".equalsIgnoreCase(System.getenv("CS_BENCH_CLOCK"));
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static long now() {
        return CPU_CLOCK ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** One timed pass of {@link #steps} steps; returns its ms per step. */
    double pass() {
        long t0 = now();
        for (int i = 0; i < steps; i++) net.fit(batches.next());
        double ms = (now() - t0) / 1e6 / steps;
        best = Math.min(best, ms);
        sum += ms;
        passes++;
        return ms;
    }

    boolean finite() {
        return Double.isFinite(net.score());
    }

    TrainBench.Timing timing() {
        return new TrainBench.Timing(sum / passes, best);
    }

    int passes() {
        return passes;
    }
}
