package claimsweep.spark;

import claimsweep.data.Dataset;
import claimsweep.data.DataStore;
import claimsweep.expand.RunSpec;
import claimsweep.result.ResultCodec;
import claimsweep.result.RunResult;
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

    RunPartition(String dataDir, String sweepHash, String gitCommit) {
        this.dataDir = dataDir;
        this.sweepHash = sweepHash;
        this.gitCommit = gitCommit;
    }

    @Override
    public String apply(Iterator<String> specs) {
        if (!specs.hasNext()) throw new IllegalStateException("empty partition: one run per task expected");
        RunSpec run = RunSpec.fromJson(specs.next());
        if (specs.hasNext()) throw new IllegalStateException("more than one run in a partition");
        return ResultCodec.toJson(runOne(run, Path.of(dataDir), new Trainer.Context(sweepHash, gitCommit, host())));
    }

    /** Loads (once per JVM) the run's data set and trains; data problems become a failed run, not a crashed task. */
    static RunResult runOne(RunSpec run, Path dataDir, Trainer.Context ctx) {
        Trainer trainer = new Trainer();
        Dataset data;
        try {
            data = DataStore.load(dataDir, run.stringParam("dataset"));
        } catch (RuntimeException e) {
            return trainer.failed(run, ctx, e);
        }
        return trainer.train(run, data, ctx);
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
