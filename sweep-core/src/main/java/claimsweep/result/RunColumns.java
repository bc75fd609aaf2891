package claimsweep.result;

import java.util.List;
import java.util.function.Function;

/**
 * The columns of the runs table, named once: the JSON result codec, the Parquet schema and the
 * Parquet row writer all take their names (and, for the outcome metrics and provenance, the value
 * of each) from here, so a new metric is one entry.
 */
public final class RunColumns {
    public static final String RUN_ID = "run_id";
    public static final String TAG = "tag";
    public static final String SWEEP = "sweep";
    public static final String RUN_INDEX = "run_index";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String STEPS_DONE = "steps_done";
    public static final String WALL_MS = "wall_ms";
    /** Provenance: the sweep file's hash and the git commit are also columns of the claims table. */
    public static final String SWEEP_HASH = "sweep_hash";
    public static final String GIT_COMMIT = "git_commit";
    /** The provenance column holding the run's start, in epoch milliseconds (a timestamp in Parquet). */
    public static final String START_TIME = "start_time";

    /**
     * One column whose value is read from a result.
     *
     * @param name  column (and JSON key) name
     * @param type  Double, Long, Integer or String
     * @param value the result's value; null when the run has none (a diverged run's test accuracy)
     */
    public record Column(String name, Class<?> type, Function<RunResult, Object> value) {}

    /** Outcome metrics in table order; each may be null. */
    public static final List<Column> METRICS = List.of(
            new Column("final_val_loss", Double.class, RunResult::finalValLoss),
            new Column("final_val_acc", Double.class, RunResult::finalValAcc),
            new Column("best_val_acc", Double.class, RunResult::bestValAcc),
            new Column("best_val_step", Long.class, RunResult::bestValStep),
            new Column("test_acc", Double.class, RunResult::testAcc),
            new Column("test_loss", Double.class, RunResult::testLoss),
            new Column("final_train_acc", Double.class, RunResult::finalTrainAcc));

    /** Provenance in table order; never null. */
    public static final List<Column> PROVENANCE = List.of(
            new Column(SWEEP_HASH, String.class, r -> r.provenance().sweepHash()),
            new Column(GIT_COMMIT, String.class, r -> r.provenance().gitCommit()),
            new Column("java_version", String.class, r -> r.provenance().javaVersion()),
            new Column("os_arch", String.class, r -> r.provenance().osArch()),
            new Column("nd4j_backend", String.class, r -> r.provenance().backend()),
            new Column("threads", Integer.class, r -> r.provenance().threads()),
            new Column("host", String.class, r -> r.provenance().host()),
            new Column(START_TIME, Long.class, r -> r.provenance().startMs()),
            new Column("device", String.class, r -> r.provenance().device()));

    private RunColumns() {}
}
