package claimsweep.report;

import claimsweep.cli.ReportMain;
import claimsweep.store.ClaimsTable;
import claimsweep.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static claimsweep.testing.SyntheticRuns.okWithCurve;
import static org.junit.jupiter.api.Assertions.*;

/** Claims evaluated per setting: the scope table the report opens with, the per-setting rows, the claims table's column. */
class ScopeReportTest {
    @TempDir
    Path tmp;

    /** A sweep over norm x {@code axis} x 6 seeds; BN gains 5 pp where {@code gainWhere} names the axis value, 0 elsewhere. */
    private Path sweep(String name, String settings, String axis, String gainWhere) {
        return sweep(name, settings, axis, gainWhere, "");
    }

    /** As above, with {@code premise} (", requires = [...]", or "") appended to the claim. */
    private Path sweep(String name, String settings, String axis, String gainWhere, String premise) {
        return SyntheticRuns.sweep(tmp.resolve(name + ".conf"), """
                name = %s
                budget { steps = 20 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { norm = [none, batch], %s, seed = [1, 2, 3, 4, 5, 6] }
                settings = [%s]
                claims = [
                  { id = %s-1, text = "BN is better", metric = test_acc, treatment { norm = batch }, control { norm = none },
                    direction = greater, primary = true %s }
                ]
                """.formatted(name, axis, settings, name, premise),
                tmp.resolve("results").resolve(name), r -> {
                    boolean gain = r.stringParam("norm").equals("batch") && r.tag().contains(gainWhere);
                    return okWithCurve(r, (gain ? 0.85 : 0.80) + 0.001 * r.longParam("seed"));
                });
    }

    @Test
    void oneSweepsReportOpensWithTheScopeTableAndItsClaimsTableHasTheSetting() throws Exception {
        Path out = sweep("SC", "dataset", "dataset = [mnist, fashion-mnist]", "dataset=mnist");
        var results = Reports.build(out, Reports.sourceOf(out), "abc", new PrintStream(new ByteArrayOutputStream(), true));
        assertEquals(List.of("dataset=fashion-mnist", "dataset=mnist"), results.stream().map(r -> r.setting()).toList());
        String md = Files.readString(out.resolve("report/REPORT.md"));
        int scope = md.indexOf("## Scope");
        assertTrue(scope > 0 && scope < md.indexOf("| claim | setting | verdict"), md);
        assertTrue(md.contains("| claim | dataset=fashion-mnist | dataset=mnist |"), md);
        assertTrue(md.contains("| SC-1 | **no effect** (0.000) | **supported** (0.05000) |"), md);
        assertTrue(md.contains("- SC: supported in `dataset=mnist`; no effect in `dataset=fashion-mnist`"), md);
        // the claim's section: one heading, then its row in each setting
        assertEquals(1, md.split("## SC-1: BN is better", -1).length - 1, md);
        assertTrue(md.indexOf("**In dataset=fashion-mnist**") < md.indexOf("**In dataset=mnist**"), md);
        assertEquals(1, md.split("- design: ", -1).length - 1, "the design once, before the settings' rows");
        assertTrue(md.indexOf("- design: ") < md.indexOf("**In dataset=fashion-mnist**"), md);
        assertEquals(2, md.split("- verdict: ", -1).length - 1, "one verdict per setting");
        // the HTML renders the scope table as a table (commonmark's GFM tables)
        String html = Files.readString(out.resolve("report/index.html"));
        assertTrue(html.contains("<h2>Scope</h2>"), html.substring(0, Math.min(2000, html.length())));
        assertTrue(html.contains("<th>dataset=mnist</th>"));
        // the claims table: one row per setting, with its setting
        var rows = ClaimsTable.read(out);
        assertEquals(List.of("dataset=fashion-mnist", "dataset=mnist"), rows.stream().map(ClaimsTable.Row::setting).toList());
        assertEquals("supported", rows.get(1).verdict());
        assertEquals(results.get(1).pHolm(), rows.get(1).pHolm(), 0);
    }

    /** The REPORT.md of one report over {@code sweeps} (results folders), built into tmp/{@code name}. */
    private String report(String name, Path... sweeps) throws Exception {
        Path target = tmp.resolve(name);
        List<String> args = new java.util.ArrayList<>();
        for (Path s : sweeps) args.add(s.toString());
        args.addAll(List.of("--out", target.toString(), "--title", "Evidence", "--no-tensorboard"));
        assertEquals(0, ReportMain.execute(args.toArray(String[]::new)));
        return Files.readString(target.resolve("REPORT.md"));
    }

    @Test
    void aCombinedReportOverSweepsWithDifferentSettingsHasTheUnionOfTheirColumns() throws Exception {
        Path a = sweep("SA", "dataset", "dataset = [mnist, fashion-mnist]", "dataset=mnist");
        Path b = sweep("SB", "lr", "lr = [0.01, 0.1]", "lr=0.1");
        String md = report("combined", a, b);
        assertTrue(md.indexOf("## Scope") < md.indexOf("## Verdicts by claim"), md);
        assertTrue(md.contains("| claim | dataset=fashion-mnist | dataset=mnist | lr=0.01 | lr=0.1 |"), md);
        assertTrue(md.contains("| SA-1 | **no effect** (0.000) | **supported** (0.05000) | - | - |"), md);
        assertTrue(md.contains("| SB-1 | - | - | **no effect** (0.000) | **supported** (0.05000) |"), md);
        assertTrue(md.contains("- SB: supported in `lr=0.1`; no effect in `lr=0.01`"), md);
        // the verdicts by claim say the same, from the same sentence (Rollup.Entry.where)
        assertTrue(md.contains("| SB | **partly supported** | supported in `lr=0.1`; no effect in `lr=0.01` | primary SB-1"), md);
    }

    @Test
    void settingsThatShareTheirFirstKeyGetOneColumnPerValueAndTheRestLabelsTheRow() throws Exception {
        // SA: dataset x lr, SB: dataset only; every setting names dataset, so the columns are its values
        Path a = sweep("SA", "dataset, lr", "dataset = [mnist, fashion-mnist], lr = [0.01, 0.1]", "lr=0.1");
        Path b = sweep("SB", "dataset", "dataset = [mnist, fashion-mnist]", "dataset=mnist");
        String md = report("shared", a, b);
        String scope = md.substring(md.indexOf("## Scope"), md.indexOf("## Verdicts by claim"));
        assertTrue(scope.contains("| claim | setting | dataset=fashion-mnist | dataset=mnist |"), scope);
        assertTrue(scope.contains("| SA-1 | lr=0.01 | **no effect** (0.000) | **no effect** (0.000) |"), scope);
        assertTrue(scope.contains("| SA-1 | lr=0.1 | **supported** (0.05000) | **supported** (0.05000) |"), scope);
        assertTrue(scope.contains("| SB-1 | - | **no effect** (0.000) | **supported** (0.05000) |"), scope);
        assertEquals(3, scope.split("\n\\| S[AB]-1 \\|", -1).length - 1, "one row per part and rest of its setting: " + scope);
    }

    @Test
    void theDesignLineStatesAOneArmPremiseAsAThresholdAndATwoArmOneAsAComparison() throws Exception {
        Path a = sweep("SP", "dataset", "dataset = [mnist, fashion-mnist]", "dataset=mnist",
                ", requires = [{ text = \"the control fits\", rule = level, metric = test_acc, treatment { norm = none }, "
                        + "direction = greater, margin = 0.5 }, { text = \"BN is not worse\", metric = test_acc, "
                        + "treatment { norm = batch }, control { norm = none }, direction = noninferior, margin = 0.02 }]");
        String md = report("premises", a);
        assertTrue(md.contains(", requires \"the control fits\": `test_acc` of `norm=none` greater than 0.5000, requires "
                + "\"BN is not worse\": `norm=batch` not worse than `norm=none` on `test_acc` by 0.02000"), md);
    }
}
