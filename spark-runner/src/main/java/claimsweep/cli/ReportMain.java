package claimsweep.cli;

import claimsweep.report.ClaimsReport;
import claimsweep.report.CostTable;
import claimsweep.report.PreviousVerdicts;
import claimsweep.report.Reports;
import claimsweep.report.WhatChanged;
import claimsweep.store.ResultStore;
import claimsweep.report.Provenances;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code scripts/report DIR...}: rebuilds the claims tables and the reports from committed runs,
 * no training. One folder: its claims/ and report/. Several folders with {@code --out}: also one
 * combined report over all of them (Holm across every claim), with a provenance preamble.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Evaluates the claims declared in each sweep's file against its committed runs and writes "
                + "DIR/claims (Parquet) and DIR/report/ (REPORT.md, index.html, PNG plots). With --out, also one combined "
                + "report over all DIRs. Nothing is trained.")
public final class ReportMain implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "sweep output folders, e.g. results/A1-bn-convergence")
    List<Path> dirs = new java.util.ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "build the combined report from committed evidence data "
            + "(DIR/<sweep>/*.parquet, as scripts/evidence writes) instead of output folders; needs --out")
    Path data;

    @Option(names = "--conf", paramLabel = "FILE", description = "the sweep file with the claims (one DIR only; default: the one the sweep ran)")
    Path conf;

    @Option(names = "--conf-dir", paramLabel = "DIR", description = "read each sweep's claims from the file of the same name in DIR (e.g. experiments)")
    Path confDir;

    @Option(names = "--expected", paramLabel = "GLOB", description = "with --data and --conf-dir: the experiment files of "
            + "--conf-dir the evidence covers (default: ${DEFAULT-VALUE}, the files scripts/evidence runs); one with claims but "
            + "no data yet appears with every part \"not run yet\"")
    String expected = "[AB]*.conf";

    @Option(names = "--out", paramLabel = "DIR", description = "write the combined report (REPORT.md, index.html, plots) here")
    Path out;

    @Option(names = "--title", description = "title of the combined report")
    String title = "Claims report";

    @Option(names = "--notes", paramLabel = "FILE", description = "Markdown appended to the combined report's preamble (command, limits of the evidence)")
    Path notes;

    @Option(names = "--previous", paramLabel = "FILE.csv", description = "the previous report's per-part verdicts "
            + "(part,verdict,effect,ci, e.g. reports/fashion-mnist-cpu/verdicts.csv): adds the section "
            + "\"What changed since the previous report\" to the combined report")
    Path previous;

    @Option(names = "--cost-table", paramLabel = "FILE.csv", description = "the implementation-neutral cost of each "
            + "normalization (DL4J and PyTorch, ms/step over none) printed beside the timing of sweeps with ms_per_step claims "
            + "in the combined report (default: docs/cost-table.csv when it exists)")
    Path costTable;

    @Option(names = "--tensorboard", paramLabel = "DIR",
            description = "(re)write the TensorBoard event files of the committed runs here (one folder only; default: DIR/tensorboard)")
    Path tensorboard;

    @Option(names = "--no-tensorboard", description = "leave the TensorBoard event files alone")
    boolean noTensorboard;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return Cli.execute(new ReportMain(), args);
    }

    @Override
    public Integer call() throws IOException {
        String commit = claimsweep.io.GitCommit.current();
        if (data != null) return fromData(commit);
        if (dirs.isEmpty()) {
            System.err.println("error: give sweep output folders (e.g. results/*) or --data DIR");
            return 2;
        }
        if (conf != null && dirs.size() > 1) {
            System.err.println("error: --conf names one sweep file, but " + dirs.size() + " folders were given; use --conf-dir");
            return 2;
        }
        if (previous != null && out == null) {
            System.err.println("error: --previous FILE.csv adds a section to the combined report; give --out DIR");
            return 2;
        }
        if (out == null && dirs.size() > 1) {
            System.err.println("error: several folders need --out DIR for the combined report");
            return 2;
        }
        if (tensorboard != null && noTensorboard) {
            System.err.println("error: --tensorboard DIR and --no-tensorboard exclude each other");
            return 2;
        }
        if (tensorboard != null && dirs.size() > 1) {
            System.err.println("error: --tensorboard DIR names the event folder of one sweep folder, but " + dirs.size()
                    + " were given; without it each folder's events go to FOLDER/tensorboard");
            return 2;
        }
        if (out == null) {
            Path source = conf != null ? conf : Reports.sourceOf(dirs.get(0), confDir);
            String adaptive = AdaptiveSweep.reportSection(dirs.get(0), source);
            if (adaptive.isEmpty()) {
                Reports.build(dirs.get(0), source, commit, System.out);
            } else {
                Reports.build(dirs.get(0), claimsweep.claims.Experiment.parse(source, List.of()), source, commit, System.out, adaptive);
            }
            writeTensorBoard();
            return 0;
        }
        String extra = notes == null ? "" : Files.readString(notes).strip();
        var sections = Reports.combine(dirs, confDir, commit, System.out);
        // the report opens with the scope table and the verdicts; how the evidence was produced and what
        // changed since the previous report follow them
        String after = (extra.isEmpty() ? "" : extra) + (previous == null ? "" : (extra.isEmpty() ? "" : "\n\n")
                + WhatChanged.markdown(PreviousVerdicts.read(previous), sections, previous.toString()));
        ClaimsReport.write(out, title, Provenances.describe(sections, commit), sections, costTable(), after);
        System.out.printf("report: %s/REPORT.md and index.html%n", out);
        writeTensorBoard();
        return 0;
    }

    /** The combined report from an evidence data directory alone: no results/ folder, no training. */
    private int fromData(String commit) throws IOException {
        if (!dirs.isEmpty() || out == null || conf != null || tensorboard != null) {
            System.err.println("error: --data DIR builds one combined report: it needs --out DIR and takes no folders, "
                    + "--conf or --tensorboard (use --conf-dir for the experiment files)");
            return 2;
        }
        List<Reports.Sweep> sweeps = DataSweeps.load(data, confDir, expected, System.out);
        String extra = notes == null ? "" : Files.readString(notes).strip();
        var sections = Reports.combineSweeps(sweeps, commit, System.out);
        // the report opens with the scope table and the verdicts; how the evidence was produced and what
        // changed since the previous report follow them
        String after = (extra.isEmpty() ? "" : extra) + (previous == null ? "" : (extra.isEmpty() ? "" : "\n\n")
                + WhatChanged.markdown(PreviousVerdicts.read(previous), sections, previous.toString()));
        ClaimsReport.write(out, title, Provenances.describe(sections, commit), sections, costTable(), after);
        System.out.printf("report: %s/REPORT.md and index.html (from %d sweeps in %s)%n", out, sweeps.size(), data);
        return 0;
    }

    /** The cost table given, else docs/cost-table.csv of the working directory (the repository's root) if there, else none. */
    private CostTable costTable() {
        if (costTable != null) {
            if (!Files.isRegularFile(costTable)) {
                throw new claimsweep.spec.InputError("--cost-table " + costTable + ": no such file; expected a CSV with the header "
                        + String.join(",", CostTable.HEADER) + ", e.g. docs/cost-table.csv");
            }
            return CostTable.read(costTable);
        }
        Path fallback = Path.of("docs", "cost-table.csv");
        return Files.isRegularFile(fallback) ? CostTable.read(fallback) : null;
    }

    /** Rewrites each folder's TensorBoard event files from its committed runs (after the reports, which check the folders). */
    private void writeTensorBoard() {
        if (noTensorboard) return;
        for (Path d : dirs) {
            var runs = new ResultStore(d).load().values();
            var export = new claimsweep.tensorboard.TensorBoardExport(tensorboard != null ? tensorboard : d.resolve("tensorboard"));
            export.writeAll(runs);
            System.out.printf("tensorboard: %d runs in %s (view with: tensorboard --logdir %s)%n", runs.size(),
                    export.dir(), export.dir());
        }
    }

}
