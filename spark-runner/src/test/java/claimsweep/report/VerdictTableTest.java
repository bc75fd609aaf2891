package claimsweep.report;

import claimsweep.claims.ClaimResult;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The verdict table a sweep ends with: aligned columns, each claim's reason, the report's path last. */
class VerdictTableTest {
    @Test
    void alignedRowsThenReasonsThenTheReportPathLast() {
        List<ClaimResult> results = List.of(
                new ClaimResult("Q1", "BN is faster", new Verdict(Verdict.Kind.SUPPORTED, "CI excludes 0"), "final_val_acc",
                        0.0383, 0.014, 0.0627, 0.03125, 0.0625, 6, 6, 0.01, "", List.of("a", "b")),
                new ClaimResult("Q22", "no CI", new Verdict(Verdict.Kind.INCONCLUSIVE, "one seed"), "test_acc",
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, 0, 0.005, "", List.of()));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        VerdictTable.print(results, Path.of("out/report/index.html"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("claim  verdict       metric         effect   95% CI              p       seeds agreeing", lines.get(1));
        assertEquals("Q1     supported     final_val_acc  +0.0383  [+0.0140, +0.0627]  0.0313  6 of 6", lines.get(2));
        assertEquals("Q22    inconclusive  test_acc       -        -                   -       0 of 1", lines.get(3));
        assertTrue(lines.contains("Q1: BN is faster"));
        assertTrue(lines.contains("  supported: CI excludes 0"));
        assertEquals("HTML report: " + Path.of("out/report/index.html").toAbsolutePath(), lines.get(lines.size() - 1));
    }
}
