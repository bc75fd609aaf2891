package claimsweep.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The previous report's verdicts: parsed from its Markdown, kept as CSV, read back with errors that name the line. */
class PreviousVerdictsTest {
    @TempDir
    Path tmp;

    private static final String MD = """
            ### A1a: BN reaches 80% in 2x fewer steps (ReLU)

            - design: treatment `norm=none` vs control `norm=batch`
            - verdict: **inconclusive**: geometric mean ratio 1.89, 95% CI [1.31, 2.73], claimed >= 2.00, 6 of 6 seeds agree
            ### A2-mlp: BN allows higher learning rates
            - verdict: **supported** (primary): median gain 1.0 grid steps of lr (delta 2), 6 of 6 seeds gain >= 1 step
            ### B3a: oversampling
            - verdict: **supported**: treatment 6 of 6 (100%, 95% CI 61-100%) vs control 0 of 6 (0%, 0-39%): difference +1.00, 95% CI [0.45, 1.00], Fisher p 0.002
            ### B9a: seeds matter
            - verdict: **refuted**: mean test_acc difference -0.009783, 95% CI [-0.01537, -0.004196], 0 of 6 seeds agree
            """;

    @Test
    void partsVerdictsEffectsAndIntervalsAreParsedAndRoundTripThroughCsv() throws Exception {
        List<PreviousVerdicts.Row> rows = PreviousVerdicts.parseReport("R.md", MD);
        assertEquals(List.of(
                new PreviousVerdicts.Row("A1a", "inconclusive", "geometric mean ratio 1.89", "[1.31, 2.73]"),
                new PreviousVerdicts.Row("A2-mlp", "supported", "median gain 1.0 grid steps of lr (delta 2)", ""),
                new PreviousVerdicts.Row("B3a", "supported", "difference +1.00", "[0.45, 1.00]"),
                new PreviousVerdicts.Row("B9a", "refuted", "mean test_acc difference -0.009783", "[-0.01537, -0.004196]")), rows);
        Path csv = tmp.resolve("v.csv");
        Files.writeString(csv, PreviousVerdicts.toCsv(rows));
        assertEquals(rows, PreviousVerdicts.read(csv));
        assertTrue(Files.readString(csv).startsWith("part,verdict,effect,ci\n"));
    }

    @Test
    void aPartWithoutAVerdictNamesItsLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> PreviousVerdicts.parseReport("R.md",
                "### A1a: x\n- design: y\n### A1b: z\n- verdict: **supported**: mean d 1, 95% CI [0, 2]\n"));
        assertEquals("R.md:1: part A1a has no '- verdict: **...**' line before the next part", e.getMessage());
    }

    @Test
    void aCsvWithAnotherHeaderOrShortRowsNamesFileLineAndExpected() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "id,verdict\nA1a,supported\n");
        var e = assertThrows(IllegalArgumentException.class, () -> PreviousVerdicts.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":1: found header id,verdict, expected part,verdict,effect,ci"), e.getMessage());
        Path shortRow = Files.writeString(tmp.resolve("short.csv"), "part,verdict,effect,ci\nA1a,supported\n");
        e = assertThrows(IllegalArgumentException.class, () -> PreviousVerdicts.read(shortRow));
        assertTrue(e.getMessage().startsWith(shortRow + ":2: found 2 fields (part 'A1a'), expected 4"), e.getMessage());
    }

    @Test
    void theCommittedTableIsTheOneThePreviousReportGives() throws Exception {
        Path dir = claimsweep.spark.SweepJobTest.repoRoot().resolve("reports/fashion-mnist-cpu");
        List<PreviousVerdicts.Row> parsed = PreviousVerdicts.parseReport("REPORT.md", Files.readString(dir.resolve("REPORT.md")));
        assertEquals(parsed, PreviousVerdicts.read(dir.resolve("verdicts.csv")), "rerun PreviousVerdicts to refresh verdicts.csv");
        assertEquals(65, parsed.size());
    }
}
