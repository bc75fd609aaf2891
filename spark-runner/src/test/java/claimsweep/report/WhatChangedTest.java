package claimsweep.report;

import claimsweep.cli.ReportMain;
import claimsweep.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static claimsweep.testing.SyntheticRuns.ok;
import static org.junit.jupiter.api.Assertions.*;

/** scripts/report --previous: the section listing each part's old and new verdict and why it changed. */
class WhatChangedTest {
    @TempDir
    Path tmp;

    @Test
    void oneRowPerPartInEitherTableWithTheRevisedNoteAsTheReason() throws Exception {
        Path out = SyntheticRuns.sweep(tmp.resolve("S.conf"), """
                name = S
                dataset = fashion-mnist
                budget { steps = 10 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { norm = [none, batch], seed = [1, 2, 3, 4, 5, 6] }
                claims = [
                  { id = S1a, text = "BN is better", metric = test_acc, treatment { norm = batch }, control { norm = none },
                    direction = greater, revised = "tuned | per arm: a shared LR favoured one arm" }
                  { id = S1b, text = "BN is no worse", metric = test_acc, treatment { norm = batch }, control { norm = none },
                    direction = greater }
                  { id = S1c, text = "BN is worse", metric = test_acc, treatment { norm = batch }, control { norm = none },
                    direction = less }
                ]
                """, tmp.resolve("results/S"),
                r -> ok(r, (r.stringParam("norm").equals("batch") ? 0.85 : 0.80) + 0.001 * r.longParam("seed")));
        Path previous = Files.writeString(tmp.resolve("verdicts.csv"), PreviousVerdicts.toCsv(List.of(
                new PreviousVerdicts.Row("S1a", "inconclusive", "mean test_acc difference +0.01", "[-0.01, 0.03]"),
                new PreviousVerdicts.Row("S1b", "supported", "mean test_acc difference +0.05", "[0.04, 0.06]"),
                new PreviousVerdicts.Row("S2", "refuted", "geometric mean ratio 1.0", "[0.9, 1.1]"))));
        Path report = tmp.resolve("report");
        assertEquals(0, ReportMain.execute(out.toString(), "--out", report.toString(), "--previous", previous.toString(),
                "--no-tensorboard"));
        String md = Files.readString(report.resolve("REPORT.md"));
        assertTrue(md.contains(WhatChanged.HEADING), md);
        assertTrue(md.contains("1 of 4 parts changed verdict"), md);
        assertTrue(md.contains("| S1a | inconclusive (mean test_acc difference +0.01) | supported (0.05000) | **changed** "
                + "| tuned \\| per arm: a shared LR favoured one arm |"), md);
        assertTrue(md.contains("| S1b | supported (mean test_acc difference +0.05) | supported (0.05000) |  | design unchanged |"), md);
        assertTrue(md.contains("| S1c | — | opposite (0.05000) |  | new part |"), md);
        assertTrue(md.contains("| S2 | refuted (geometric mean ratio 1.0) | — |  | dropped |"), md);
        assertTrue(Files.readString(report.resolve("index.html")).contains("What changed since the previous report"));
    }

    @Test
    void aClaimEvaluatedPerSettingShowsOneNewVerdictPerSetting() throws Exception {
        Path out = SyntheticRuns.sweep(tmp.resolve("T.conf"), """
                name = T
                budget { steps = 10 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { dataset = [fashion-mnist, mnist], norm = [none, batch], seed = [1, 2, 3, 4, 5, 6] }
                settings = [dataset]
                claims = [
                  { id = T1, text = "BN is better", metric = test_acc, treatment { norm = batch }, control { norm = none },
                    direction = greater }
                ]
                """, tmp.resolve("results/T"), r -> {
            // BN helps on MNIST only
            boolean gain = r.stringParam("norm").equals("batch") && r.stringParam("dataset").equals("mnist");
            return ok(r, (gain ? 0.85 : 0.80) + 0.001 * r.longParam("seed"));
        });
        Path previous = Files.writeString(tmp.resolve("v.csv"), PreviousVerdicts.toCsv(List.of(
                new PreviousVerdicts.Row("T1", "supported", "mean test_acc difference +0.05", "[0.04, 0.06]"))));
        Path report = tmp.resolve("report-t");
        assertEquals(0, ReportMain.execute(out.toString(), "--out", report.toString(), "--previous", previous.toString(),
                "--no-tensorboard"));
        String md = Files.readString(report.resolve("REPORT.md"));
        assertTrue(md.contains("| T1 | supported (mean test_acc difference +0.05) | dataset=fashion-mnist: no effect (0.000); "
                + "dataset=mnist: supported (0.05000) | **changed** | design unchanged |"), md);
    }

    @Test
    void previousNeedsTheCombinedReport() throws Exception {
        assertEquals(2, ReportMain.execute(tmp.toString(), "--previous", tmp.resolve("v.csv").toString()));
    }
}
