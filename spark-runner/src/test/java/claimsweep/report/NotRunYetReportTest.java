package claimsweep.report;

import claimsweep.cli.ReportMain;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import claimsweep.store.EvidenceData;
import claimsweep.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static claimsweep.testing.SyntheticRuns.commitRuns;
import static claimsweep.testing.SyntheticRuns.okWithCurve;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A report built from evidence data while part of the evidence has not run (issue 19, "Data and
 * reproducibility"): a file without data and a setting without runs read "not run yet" everywhere,
 * never as a verdict.
 */
class NotRunYetReportTest {
    @TempDir
    Path tmp;

    private static final String CLAIMS = """
            claims = [
              { id = %s-1, text = "BN is better", metric = test_acc, treatment { norm = batch }, control { norm = none },
                direction = greater, primary = true }
            ]
            """;

    /** An experiment file over norm x dataset x 6 seeds, claims per dataset. */
    private Path conf(String name) throws Exception {
        Path f = tmp.resolve("experiments").resolve(name + ".conf");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                name = %s
                budget { steps = 20 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { norm = [none, batch], dataset = [mnist, fashion-mnist], seed = [1, 2, 3, 4, 5, 6] }
                settings = [dataset]
                profiles { standard { } }
                """.formatted(name) + CLAIMS.formatted(name));
        return f;
    }

    /** Commits the runs of {@code conf} whose tag contains {@code only} (BN +5 pp) into the data folder. */
    private void commit(Path conf, String only, Path data) throws Exception {
        SweepSpec spec = SweepParser.parse(conf, List.of("profile=standard"));
        Path out = commitRuns(spec, tmp.resolve("results").resolve(spec.name()), r -> !r.tag().contains(only) ? null
                : okWithCurve(r, (r.stringParam("norm").equals("batch") ? 0.85 : 0.80) + 0.001 * r.longParam("seed")));
        EvidenceData.save(new ResultStore(out), data, spec.name());
    }

    private String report(Path data, String... more) throws Exception {
        Path out = tmp.resolve("report");
        var old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            List<String> args = new java.util.ArrayList<>(List.of("--data", data.toString(), "--conf-dir",
                    tmp.resolve("experiments").toString(), "--out", out.toString(), "--title", "E"));
            args.addAll(List.of(more));
            assertEquals(0, ReportMain.execute(args.toArray(String[]::new)));
        } finally {
            System.setOut(old);
        }
        return Files.readString(out.resolve("REPORT.md"));
    }

    @Test
    void dataHoldingNoneOfTheCurrentDesignsRunsIsNotRunYetAndOnlyExpectedFilesAreListed() throws Exception {
        Path data = tmp.resolve("data");
        Path a = conf("A1x");
        commit(a, "seed=", data); // every run
        conf("Q1x"); // a tutorial file the evidence does not cover: not matched by the default [AB]*.conf
        assertTrue(report(data).contains("| [A1x-1](#claim-a1x-1) | dataset=mnist | **supported** |"));
        // the design changes (a longer budget): every run id changes, the committed runs no longer count
        Files.writeString(a, Files.readString(a).replace("steps = 20", "steps = 40"));
        String md = report(data);
        assertTrue(md.contains("**Not run yet: 2 of 2 claim parts**"), md);
        assertTrue(md.contains("1 of 1 experiment files have not run at all: `A1x`."), md);
        assertTrue(md.contains("- verdict: **not run yet** (primary): no run of this part in dataset=mnist is committed yet"), md);
        assertFalse(md.contains("Q1x"), md);
    }

    @Test
    void aFileWithoutDataAndASettingWithoutRunsReadNotRunYetInEveryTable() throws Exception {
        Path data = tmp.resolve("data");
        commit(conf("A1x"), "dataset=fashion-mnist", data); // MNIST not run yet
        conf("A2x"); // no data at all
        Files.writeString(tmp.resolve("experiments/B9-no-claims.conf"), "name = B9-no-claims\nbudget { steps = 20 }\n"
                + "axes { seed = [1] }\nprofiles { standard { } }\n");
        Path previous = tmp.resolve("verdicts.csv");
        Files.writeString(previous, "part,verdict,effect,ci\nA1x-1,supported,0.05,\nA2x-1,inconclusive,0.01,\n");
        String md = report(data, "--expected", "A*.conf", "--previous", previous.toString());
        // the preamble: how many parts and files, and which
        assertTrue(md.contains("**Not run yet: 3 of 4 claim parts** (part x setting)"), md);
        assertTrue(md.contains("1 of 2 experiment files have not run at all: `A2x`."), md);
        assertTrue(md.contains("In files that have run, not yet: A1x-1 in `dataset=mnist`."), md);
        assertFalse(md.contains("B9-no-claims"), "a file without claims is not part of the evidence");
        assertTrue(md.indexOf("**Not run yet") < md.indexOf("claims from 2 sweeps over 12 committed runs"), "first, after the title");
        // the scope table and its summary
        assertTrue(md.contains("| claim | dataset=fashion-mnist | dataset=mnist |"), md);
        assertTrue(md.contains("| A1x-1 | **supported** (0.05000) | **not run yet** |"), md);
        assertTrue(md.contains("| A2x-1 | **not run yet** | **not run yet** |"), md);
        assertTrue(md.contains("- A1: supported in `dataset=fashion-mnist`; not run yet in `dataset=mnist`"), md);
        assertTrue(md.contains("- A2: not run yet in `dataset=fashion-mnist` and `dataset=mnist`"), md);
        // the verdicts by claim: the claim's verdict is from what ran, and says where the rest is missing
        assertTrue(md.contains("| A1 | **supported** | supported in `dataset=fashion-mnist`; not run yet in `dataset=mnist` |"), md);
        assertTrue(md.contains("| A2 | **not run yet** | not run yet in"), md);
        assertTrue(md.contains("**premise not met**, **not run yet** (planned"), "the legend explains the kind");
        // the summary table and the claim's section
        assertTrue(md.contains("| [A2x-1](#claim-a2x-1) | dataset=mnist | **not run yet** | primary | test_acc | - |"), md);
        assertTrue(md.contains("- verdict: **not run yet** (primary): no run of this part in dataset=mnist is committed yet "
                + "(6 treatment runs planned by the current design)"), md);
        // what changed: a setting not run yet neither changes nor keeps the old verdict; a part not run at all has none
        assertTrue(md.contains("| A1x-1 | supported (0.05) | dataset=fashion-mnist: supported (0.05000); dataset=mnist: not run yet |"
                + "  | design unchanged |"), md);
        assertTrue(md.contains("| A2x-1 | inconclusive (0.01) | dataset=fashion-mnist: not run yet; dataset=mnist: not run yet |"
                + "  | not run yet: no new verdict |"), md);
        String html = Files.readString(tmp.resolve("report/index.html"));
        assertTrue(html.contains("class=\"not_run\">not run yet</td>"), "the HTML marks the cells too");
    }

    /**
     * A grid extended after its runs (an LR the data lacks): the fixed-n part would otherwise be read on the
     * old points alone and choose among them; it reads "not run yet" with what is missing, until all have run.
     */
    @Test
    void aFixedNPartWhoseDesignGrewIsNotReadOnTheOldRunsAlone() throws Exception {
        Path data = tmp.resolve("data");
        Path a = conf("A3x");
        Files.writeString(a, Files.readString(a).replace("seed = [1, 2, 3, 4, 5, 6] }", "seed = [1, 2, 3, 4, 5, 6], lr = [0.01] }")
                .replace("direction = greater, primary = true", "direction = greater, primary = true, best_over = [lr]"));
        commit(a, "seed=", data);
        assertTrue(report(data).contains("| [A3x-1](#claim-a3x-1) | dataset=mnist | **supported** |"));
        Files.writeString(a, Files.readString(a).replace("lr = [0.01] }", "lr = [0.01, 0.001] }"));
        String md = report(data);
        assertTrue(md.contains("| [A3x-1](#claim-a3x-1) | dataset=mnist | **not run yet** |"), md);
        assertTrue(md.contains("- verdict: **not run yet** (primary): 12 of the 24 runs the current design plans for this part in "
                + "dataset=mnist are committed; it is read once, on all of them, so it has no verdict until the other 12 have run"), md);
        assertTrue(md.contains("**Not run yet: 2 of 2 claim parts**"), md);
        assertFalse(md.contains("have not run at all"), "the file has run, in part: " + md);
        assertTrue(md.contains("In files that have run, not yet: A3x-1 in `dataset=fashion-mnist`, A3x-1 in `dataset=mnist`."), md);
    }
}
