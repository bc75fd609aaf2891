package claimsweep.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A GPU request through Spark's resource scheduling: each executor asks for {@code perExecutor}
 * GPUs (found by the discovery script) and each run's task for {@code perTask} of them (a fraction
 * packs several runs on one GPU). Spark gives every task its addresses (RunPartition.device), and
 * the trainer binds ND4J to them (claimsweep.backend.Devices).
 */
public record GpuRequest(int perExecutor, double perTask, Path discovery) {
    static final String EXECUTOR_AMOUNT = "spark.executor.resource.gpu.amount";
    static final String TASK_AMOUNT = "spark.task.resource.gpu.amount";
    static final String DISCOVERY = "spark.executor.resource.gpu.discoveryScript";
    /** How long the driver waits for an executor with GPUs before it calls the request unsatisfiable. */
    static final String WAIT = "claimsweep.gpu.wait.seconds";

    /** From the command-line options; null when none was given. */
    public static GpuRequest fromOptions(Integer perExecutor, Double perTask, Path discovery) {
        if (perExecutor == null && perTask == null && discovery == null) return new GpuRequest(0, 0, null);
        if (perExecutor == null || perExecutor < 1) {
            throw new claimsweep.spec.InputError("--gpus-per-executor must be an integer >= 1 when GPUs are requested (got "
                    + perExecutor + ")");
        }
        double task = perTask == null ? 1 : perTask;
        if (!(task > 0) || task > perExecutor) {
            throw new claimsweep.spec.InputError("--gpus-per-task must be in (0, " + perExecutor + "] (got " + task + ")");
        }
        if (task < 1 && (1 / task) != Math.rint(1 / task)) {
            throw new claimsweep.spec.InputError("--gpus-per-task " + task + ": Spark needs a fraction 1/k (0.5, 0.25, ...)");
        }
        if (discovery == null || !Files.isExecutable(discovery)) {
            throw new claimsweep.spec.InputError("--gpu-discovery must name an executable script (got " + discovery + ")");
        }
        return new GpuRequest(perExecutor, task, discovery.toAbsolutePath());
    }

    boolean requested() {
        return perExecutor > 0;
    }

    /** Sets the Spark properties the session will read (SparkConf loads spark.* system properties). */
    public void apply() {
        if (!requested()) return;
        System.setProperty(EXECUTOR_AMOUNT, Integer.toString(perExecutor));
        System.setProperty(TASK_AMOUNT, String.format(Locale.ROOT, "%s", perTask));
        System.setProperty(DISCOVERY, discovery.toString());
    }

    /** Local mode has no resource scheduling: refuse a GPU request there, before Spark starts. */
    static void checkMaster(SparkConf conf) {
        if (conf.contains(EXECUTOR_AMOUNT) && conf.get("spark.master").startsWith("local")) {
            throw new claimsweep.spec.InputError("GPUs were requested (" + EXECUTOR_AMOUNT + " = " + conf.get(EXECUTOR_AMOUNT)
                    + "), but local mode has no resource scheduling; use a cluster master (e.g. scripts/cluster start "
                    + "--gpus N --gpu-discovery SCRIPT) or drop the GPU options");
        }
    }

    /**
     * With GPUs requested, waits until an executor has registered; a cluster whose workers offer no
     * GPUs never starts one, and Spark would wait forever, so this fails with the fix instead.
     */
    static void awaitExecutors(SparkConf conf, JavaSparkContext jsc) {
        if (!conf.contains(EXECUTOR_AMOUNT)) return;
        long waitMs = (long) (Double.parseDouble(System.getProperty(WAIT, "60")) * 1000);
        long deadline = System.currentTimeMillis() + waitMs;
        while (System.currentTimeMillis() < deadline) {
            // the driver counts as one entry of the executor list
            if (jsc.sc().statusTracker().getExecutorInfos().length > 1) return;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new claimsweep.spec.InputError("GPUs were requested (" + conf.get(EXECUTOR_AMOUNT) + " per executor), but no "
                + "executor with them started within " + waitMs / 1000 + " s: the cluster's workers offer no (or too few) "
                + "GPUs. Workers need spark.worker.resource.gpu.amount and a discovery script (scripts/cluster start --gpus "
                + "N --gpu-discovery SCRIPT); or drop the GPU options to train on CPUs");
    }
}
