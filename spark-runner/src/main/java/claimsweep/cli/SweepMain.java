package claimsweep.cli;

import claimsweep.report.Reports;
import claimsweep.spark.GpuRequest;
import claimsweep.spark.SweepJob;
import claimsweep.store.EvidenceData;
import claimsweep.store.ResultStore;

import claimsweep.expand.Expander;
import claimsweep.claims.Experiment;
import claimsweep.spec.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sweep CONF [options] [key=value ...]}: parse, expand, run on Spark, write Parquet.
 * Exit codes: 0 done (diverged and failed runs are results), 2 invalid sweep definition or
 * arguments, 1 anything else (data, output folder, Spark).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a claimsweep sweep: one DL4J training run per Spark task, results as Parquet tables.",
        footer = {"", "key=value overrides a value: lr=0.1 fixes it, lr=[0.01,0.1] makes it an axis,",
                "profile=quick applies a profile of the file. Rerunning the same command resumes."})
public final class SweepMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONF", description = "HOCON sweep file, e.g. experiments/quickstart.conf")
    Path conf;

    @Parameters(index = "1..*", paramLabel = "key=value", description = "overrides and profile=NAME")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: results/<sweep name>)")
    Path out;

    @Option(names = "--dry-run", description = "print the expanded runs and where each value came from, run nothing")
    boolean dryRun;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not set by spark-submit (default: ${DEFAULT-VALUE})")
    String master = "local[*]";

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder with <dataset>/ IDX files (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("data");

    @Option(names = "--data", paramLabel = "DIR", description = "committed evidence data (e.g. reports/evidence-v2/data): "
            + "its done runs of this sweep are skipped, and DIR/<sweep>/ is rewritten with every run when the sweep ends")
    Path data;

    @Option(names = "--retry-failed", description = "run again the runs whose stored status is failed")
    boolean retryFailed;

    @Option(names = "--force", description = "use an output folder that holds another sweep or unrelated files")
    boolean force;

    @Option(names = "--ui", description = "start the Spark web UI (local mode binds it to 127.0.0.1)")
    boolean ui;

    @Option(names = "--spark-logs", description = "keep Spark's INFO logging (default: warnings only)")
    boolean sparkLogs;

    @Option(names = "--tensorboard", paramLabel = "DIR",
            description = "write TensorBoard event files here as runs finish (default: <out>/tensorboard)")
    Path tensorboard;

    @Option(names = "--no-tensorboard", description = "write no TensorBoard event files")
    boolean noTensorboard;

    @Option(names = "--gpus-per-executor", paramLabel = "N",
            description = "GPUs each executor requests (Spark resource scheduling; needs a cluster whose workers offer GPUs)")
    Integer gpusPerExecutor;

    @Option(names = "--gpus-per-task", paramLabel = "X",
            description = "GPUs each run's task takes; a fraction packs several runs per GPU, e.g. 0.5 (default: 1)")
    Double gpusPerTask;

    @Option(names = "--gpu-discovery", paramLabel = "SCRIPT",
            description = "script that prints the executor's GPU addresses as Spark expects, e.g. {\"name\":\"gpu\",\"addresses\":[\"0\"]}")
    Path gpuDiscovery;

    @Option(names = "--run-timeout", paramLabel = "MIN",
            description = "stop a run after MIN minutes (checked between steps) and record it as failed; the same as "
                    + "max_minutes=MIN, which is not part of run ids, so adding it keeps a sweep resumable")
    Double runTimeout;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark property for the driver's SparkConf, "
            + "repeatable, e.g. --conf spark.eventLog.enabled=true (a local spark.eventLog.dir is created)")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit code (no System.exit, for tests). */
    public static int execute(String... args) {
        return Cli.execute(new SweepMain(), args);
    }

    @Override
    public Integer call() {
        if (runTimeout != null) overrides.add("max_minutes=" + runTimeout);
        // sweep, claims and calibration in one parse, before anything runs: a bad claims block exits 2 here
        Experiment experiment = Experiment.parse(conf, overrides);
        SweepSpec spec = experiment.sweep();
        Expander.Expansion expansion = Expander.expandWithWarnings(spec);
        if (dryRun) {
            if (spec.seeds().isPresent()) {
                // the seeds block's grid, of which only the first round is listed
                DryRun.print(spec.atSeedCap(), AdaptiveSweep.firstRound(experiment),
                        expansion.warnings(), System.out);
                DryRun.printClaims(experiment, System.out);
                AdaptiveSweep.printDryRun(experiment, System.out);
                return 0;
            }
            DryRun.print(spec, expansion.runs(), expansion.warnings(), System.out);
            DryRun.printClaims(experiment, System.out);
            return 0;
        }
        expansion.warnings().forEach(w -> System.err.println("warning: " + w));
        if (tensorboard != null && noTensorboard) {
            System.err.println("error: --tensorboard DIR and --no-tensorboard exclude each other");
            return 2;
        }
        Path outDir = out != null ? out : Path.of("results", spec.name());
        claimsweep.cli.SparkConfArgs.apply(sparkConf, command.commandLine());
        GpuRequest.fromOptions(gpusPerExecutor, gpusPerTask, gpuDiscovery).apply();
        SweepJob.Listener events = noTensorboard ? SweepJob.Listener.NONE : new claimsweep.tensorboard.LiveExport(
                new claimsweep.tensorboard.TensorBoardExport(tensorboard != null ? tensorboard : outDir.resolve("tensorboard")),
                System.out);
        SweepJob.Options options = new SweepJob.Options(outDir, dataDir, master, retryFailed, force, ui, sparkLogs,
                claimsweep.io.GitCommit.current());
        if (data != null) {
            ResultStore store = new ResultStore(outDir);
            store.open(spec, force);
            int n = EvidenceData.resume(store, data, spec.name());
            System.out.printf("evidence data: %d done runs of %s taken from %s%n", n, spec.name(),
                    EvidenceData.folder(data, spec.name()));
        }
        int failed;
        String adaptiveSummary = "";
        if (spec.seeds().isPresent()) {
            // adaptive seeding: rounds of ordinary jobs, planned from the committed results
            AdaptiveSweep.Result a = AdaptiveSweep.run(experiment, options, System.out, events);
            System.out.printf("done: %d runs trained in %d round(s) (%d already done), %d failed%n", a.trained(), a.rounds(),
                    a.skipped(), a.failed());
            failed = a.failed();
            adaptiveSummary = claimsweep.report.AdaptiveReport.write(outDir.resolve("report"), a.plan(), a.planner());
            System.out.printf("adaptive seeding: %s/report/ADAPTIVE.md%n", outDir);
        } else {
            SweepJob.Outcome o = SweepJob.run(spec, expansion.runs(), options, System.out, events);
            System.out.printf("done: %d runs (%d skipped as already done): %d ok, %d diverged, %d failed%n",
                    o.total(), o.skipped(), o.ok(), o.diverged(), o.failed());
            failed = o.failed();
        }
        if (data != null) {
            int n = EvidenceData.save(new ResultStore(outDir), data, spec.name());
            var sizes = EvidenceData.sizes(data, spec.name());
            long bytes = sizes.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("evidence data: %d runs in %s, %d bytes (%d per run) %s%n", n,
                    EvidenceData.folder(data, spec.name()), bytes, n == 0 ? 0 : bytes / n, sizes);
        }
        if (java.nio.file.Files.isRegularFile(Path.of(spec.source()))) {
            Reports.build(outDir, experiment, Path.of(spec.source()), claimsweep.io.GitCommit.current(),
                    System.out, adaptiveSummary);
        }
        if (failed > 0) {
            System.out.println("failed runs keep their reason in the runs table; rerun with --retry-failed to try them again");
        }
        return 0;
    }
}
