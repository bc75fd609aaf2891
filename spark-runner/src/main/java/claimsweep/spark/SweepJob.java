package claimsweep.spark;

import claimsweep.store.ParquetTables;
import claimsweep.store.ResultStore;

import claimsweep.data.DataStore;

import claimsweep.spec.RunSpec;
import claimsweep.result.ResultCodec;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.SweepSpec;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pending runs of a sweep as one Spark job (one task per run) and keeps the results:
 * each result is committed the moment its task finishes (through Spark's per-task result handler),
 * then the Parquet tables are rebuilt from everything committed. Runs already committed are
 * skipped, so rerunning the same command resumes an interrupted sweep.
 */
public final class SweepJob {
    /** How to run: where results and data live, which Spark master, and the resume policy. */
    public record Options(Path out, Path dataDir, String master, boolean retryFailed, boolean force, boolean ui,
                          boolean sparkInfoLogs, String gitCommit, String trainer) {
        public Options {
            if (!RunPartition.TRAINERS.contains(trainer)) {
                throw new IllegalArgumentException("trainer " + trainer + ", expected one of " + RunPartition.TRAINERS);
            }
        }

        /** The usual options: DL4J training. */
        public Options(Path out, Path dataDir, String master, boolean retryFailed, boolean force, boolean ui,
                       boolean sparkInfoLogs, String gitCommit) {
            this(out, dataDir, master, retryFailed, force, ui, sparkInfoLogs, gitCommit, RunPartition.DL4J);
        }
    }

    /** What a sweep invocation did. */
    /** What a sweep invocation did; {@code jobMs} is the Spark job's wall time (submit to last commit), 0 if none ran. */
    public record Outcome(int total, int skipped, int ok, int diverged, int failed, long jobMs) {}

    /** Told about the sweep's runs on the driver as it goes (the TensorBoard export listens). */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** Before training: every run of the sweep, and the results committed for them earlier. */
        default void started(List<RunSpec> runs, Map<String, RunResult> committed) {}

        /** Right after {@code r} is committed. */
        default void committed(RunResult r) {}
    }

    private SweepJob() {}

    public static Outcome run(SweepSpec spec, List<RunSpec> runs, Options opt, PrintStream log) {
        return run(spec, runs, opt, log, Listener.NONE);
    }

    public static Outcome run(SweepSpec spec, List<RunSpec> runs, Options opt, PrintStream log, Listener listener) {
        preflightData(runs, opt);
        ResultStore store = new ResultStore(opt.out());
        store.open(spec, opt.force());
        Map<String, RunResult> stored = store.load();
        List<RunSpec> todo = new ArrayList<>();
        for (RunSpec r : runs) {
            RunResult prev = stored.get(r.runId());
            boolean retry = prev != null && prev.status() == RunStatus.FAILED && opt.retryFailed();
            if (prev == null || retry) todo.add(r);
        }
        int skipped = runs.size() - todo.size();
        log.printf("sweep %s: %d runs, %d already done in %s, %d to run%n", spec.name(), runs.size(), skipped,
                opt.out(), todo.size());
        Map<String, RunResult> done = new LinkedHashMap<>();
        runs.stream().filter(r -> stored.containsKey(r.runId())).forEach(r -> done.put(r.runId(), stored.get(r.runId())));
        listener.started(runs, done);
        Progress progress = new Progress(log, todo.size(), System::currentTimeMillis);
        long jobMs = todo.isEmpty() ? 0 : execute(spec, todo, opt, store, progress, log, listener);
        writeTables(store, runs);
        log.printf("tables: %s/%s and %s/%s%n", opt.out(), ParquetTables.RUNS, opt.out(), ParquetTables.CURVES);
        return new Outcome(runs.size(), skipped, progress.ok(), progress.diverged(), progress.failed(), jobMs);
    }

    /**
     * In local mode the driver sees the executors' data folder, so missing or corrupt data is
     * reported before anything is written (rather than as N failed runs). On a cluster the data
     * lives on the workers; there a missing file makes each run fail with the loader's message.
     */
    static void preflightData(List<RunSpec> runs, Options opt) {
        if (!opt.master().startsWith("local") || !opt.trainer().equals(RunPartition.DL4J)) return;
        runs.stream().map(r -> r.config().data().dataset()).distinct()
                .forEach(d -> DataStore.load(opt.dataDir(), d));
    }

    /** Rebuilds runs/ and curves/ from the committed results of the sweep's current runs. */
    static void writeTables(ResultStore store, List<RunSpec> runs) {
        Map<String, RunResult> stored = store.load();
        Map<String, RunResult> current = new LinkedHashMap<>();
        for (RunSpec r : runs) {
            RunResult res = stored.get(r.runId());
            // Re-key to the current spec: same id, same parameters, but index and tag follow this expansion.
            if (res != null) current.put(r.runId(), withSpec(res, r));
        }
        ParquetTables.write(store.dir(), current.values());
    }

    private static RunResult withSpec(RunResult r, RunSpec spec) {
        return new RunResult(spec, r.status(), r.reason(), r.finalValLoss(), r.finalValAcc(), r.bestValAcc(),
                r.bestValStep(), r.testAcc(), r.testLoss(), r.steps(), r.wallMs(), r.provenance(), r.curve(),
                r.finalTrainAcc());
    }

    private static long execute(SweepSpec spec, List<RunSpec> todo, Options opt, ResultStore store, Progress progress,
                                PrintStream log, Listener listener) {
        SparkSession spark = session(spec, opt);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            if (!opt.sparkInfoLogs()) jsc.setLogLevel("WARN");
            TaskLabels.announce(spark.sparkContext(), log);
            jsc.setJobGroup("claimsweep-" + spec.name(), "claimsweep sweep " + spec.name() + " (" + todo.size() + " runs)",
                    true);
            List<String> payload = todo.stream().map(RunSpec::toJson).toList();
            JavaRDD<String> rdd = jsc.parallelize(payload, payload.size()).setName("runs of " + spec.name());
            List<Object> partitions = new ArrayList<>();
            for (int i = 0; i < payload.size(); i++) partitions.add(i);

            LinkedBlockingQueue<String> finished = new LinkedBlockingQueue<>();
            RunPartition task = new RunPartition(opt.dataDir().toAbsolutePath().toString(), spec.sourceHash(),
                    opt.gitCommit(), opt.trainer());
            long submitted = System.nanoTime();
            SimpleFutureAction<BoxedUnit> job = spark.sparkContext().submitJob(rdd.rdd(),
                    TaskLabels.label(task, spark.sparkContext()),
                    scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(),
                    new Collect(finished), new Done());
            int received = 0;
            while (received < payload.size()) {
                String json = finished.poll(1, TimeUnit.SECONDS);
                if (json != null) {
                    RunResult r = ResultCodec.fromJson(json);
                    store.commit(r);
                    listener.committed(r);
                    progress.finished(r);
                    received++;
                } else if (job.isCompleted() && finished.isEmpty()) {
                    break;
                }
            }
            // Surfaces a job failure (e.g. lost executors beyond spark.task.maxFailures) after committing what finished.
            job.get();
            return (System.nanoTime() - submitted) / 1_000_000;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new claimsweep.spec.InputError("interrupted; finished runs are committed, rerun the command to resume", e);
        } catch (org.apache.spark.SparkException e) {
            throw new claimsweep.spec.InputError("the Spark job failed (" + e.getCause() + "); finished runs are committed, "
                    + "rerun the same command to resume", e.getCause());
        } finally {
            spark.stop();
        }
    }

    private static SparkSession session(SweepSpec spec, Options opt) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) conf.setMaster(opt.master());
        boolean local = conf.get("spark.master").startsWith("local");
        conf.setAppName(conf.get("spark.app.name", "claimsweep:" + spec.name()));
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.ui.enabled", Boolean.toString(opt.ui()));
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        // the OpenBLAS kernel choice of scripts/lib.sh (docs/perf.md), passed on to executors
        String core = System.getenv("OPENBLAS_CORETYPE");
        if (core != null && !core.isBlank()) conf.setIfMissing("spark.executorEnv.OPENBLAS_CORETYPE", core);
        if (local) {
            // Nothing listens beyond this machine in local mode.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        GpuRequest.checkMaster(conf);
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        try {
            GpuRequest.awaitExecutors(conf, JavaSparkContext.fromSparkContext(session.sparkContext()));
        } catch (IllegalStateException e) {
            session.stop();
            throw e;
        }
        return session;
    }

    /** Driver-side: hands each task's result to the committing thread. Called by Spark once per partition. */
    private static final class Collect extends AbstractFunction2<Object, String, BoxedUnit> {
        private final LinkedBlockingQueue<String> queue;

        Collect(LinkedBlockingQueue<String> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, String json) {
            queue.add(json);
            return BoxedUnit.UNIT;
        }
    }

    private static final class Done extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
