package claimsweep.tensorboard;

import claimsweep.spec.RunSpec;
import claimsweep.result.RunResult;
import claimsweep.spark.SweepJob;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The export during a sweep: the experiment record before training (with every value the sweep
 * will try), the files of runs committed by an earlier invocation that lack one, then each run's
 * file the moment it is committed, so TensorBoard pointed at the folder shows runs as they finish.
 */
public final class LiveExport implements SweepJob.Listener {
    private final TensorBoardExport export;
    private final PrintStream log;

    public LiveExport(TensorBoardExport export, PrintStream log) {
        this.export = export;
        this.log = log;
    }

    @Override
    public void started(List<RunSpec> runs, Map<String, RunResult> committed) {
        try {
            export.experiment(runs);
            for (RunResult r : committed.values()) {
                if (!export.has(r)) export.write(r);
            }
        } catch (UncheckedIOException e) {
            // before any training: fail with the fix rather than train a sweep nobody can watch
            throw new IllegalStateException(e.getMessage(), e);
        }
        log.printf("tensorboard: event files in %s (view with: tensorboard --logdir %s)%n", export.dir(), export.dir());
    }

    @Override
    public void committed(RunResult r) {
        try {
            export.write(r);
        } catch (UncheckedIOException e) {
            // the run itself is committed; its events can be rewritten later with scripts/report
            log.println("warning: " + e.getMessage() + "; scripts/report DIR rewrites the event files");
        }
    }
}
