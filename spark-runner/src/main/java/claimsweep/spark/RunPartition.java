package claimsweep.spark;

import claimsweep.data.Dataset;
import claimsweep.data.DataStore;
import claimsweep.spec.RunSpec;
import claimsweep.result.ResultCodec;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.train.Trainer;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The function each Spark task runs: its partition holds one run spec (as JSON); it trains that
 * run and returns the result as JSON. A named, serializable class that captures only strings, so
 * what ships to executors is obvious and small.
 */
final class RunPartition extends AbstractFunction1<Iterator<String>, String> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String dataDir;
    private final String sweepHash;
    private final String gitCommit;
    private final String trainer;

    /** Trains with DL4J (the product). */
    static final String DL4J = "dl4j";
    /** Returns at once without training: measures the orchestration alone (scripts/bench sweep). */
    static final String NOOP = "noop";
    static final java.util.List<String> TRAINERS = java.util.List.of(DL4J, NOOP);

    RunPartition(String dataDir, String sweepHash, String gitCommit, String trainer) {
        this.dataDir = dataDir;
        this.sweepHash = sweepHash;
        this.gitCommit = gitCommit;
        this.trainer = trainer;
    }

    @Override
    public String apply(Iterator<String> specs) {
        if (!specs.hasNext()) throw new IllegalStateException("empty partition: one run per task expected");
        RunSpec run = RunSpec.fromJson(specs.next());
        if (specs.hasNext()) throw new IllegalStateException("more than one run in a partition");
        Trainer.Context ctx = new Trainer.Context(sweepHash, gitCommit, host(), device(org.apache.spark.TaskContext.get()));
        if (trainer.equals(NOOP)) return ResultCodec.toJson(noop(run, ctx));
        return ResultCodec.toJson(runOne(run, Path.of(dataDir), ctx));
    }

    /** Loads (once per JVM) the run's data set and trains; data problems become a failed run, not a crashed task. */
    static RunResult runOne(RunSpec run, Path dataDir, Trainer.Context ctx) {
        Trainer trainer = new Trainer();
        Dataset data;
        try {
            data = DataStore.load(dataDir, run.config().data().dataset());
        } catch (RuntimeException e) {
            return trainer.failed(run, ctx, e);
        }
        return trainer.train(run, data, ctx);
    }

    static RunResult noop(RunSpec run, Trainer.Context ctx) {
        long now = System.currentTimeMillis();
        Provenance p = new Provenance(ctx.sweepHash(), ctx.gitCommit(), System.getProperty("java.version"),
                System.getProperty("os.arch"), "noop", 0, ctx.host(), now, ctx.device());
        return new RunResult(run, RunStatus.OK, "no-op trainer (orchestration benchmark)", null, null, null, null, null,
                null, 0, 0, p, java.util.List.of());
    }

    /**
     * The GPU(s) Spark's resource scheduling assigned to this task ("gpu:0", "gpu:0,1"), or "cpu"
     * without a GPU request (or outside a task, as in unit tests).
     */
    static String device(org.apache.spark.TaskContext tc) {
        if (tc == null) return "cpu";
        var gpu = tc.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) return "cpu";
        return "gpu:" + String.join(",", gpu.addresses());
    }

    /** Looked up once per JVM: a name lookup per task would cost more than a no-op run. */
    static String host() {
        return Host.NAME;
    }

    private static final class Host {
        static final String NAME = lookup();

        private static String lookup() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
    }
}
