package claimsweep.report;

import claimsweep.claims.ClaimParser;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Outcome;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The verdict table a sweep ends with: aligned columns with the claims table's cells (so a rate
 * rule shows no "seeds agreeing" and each CI says its level), each claim's reason, the report's
 * path last.
 */
class VerdictTableTest {
    @Test
    void alignedRowsThenReasonsThenTheReportPathLast() {
        List<ClaimSpec> specs = ClaimParser.parse("t.conf", """
                claims = [
                  { id = Q1, text = "BN is faster", metric = final_val_acc, treatment { norm = batch }, control { norm = none },
                    direction = greater, margin = 0.01, primary = true }
                  { id = Q2, text = "BN diverges less", rule = rate, metric = diverged, treatment { norm = batch },
                    control { norm = none }, direction = less, margin = 0.1 }
                ]""");
        List<ClaimResult> results = List.of(
                new ClaimResult("Q1", "Q1", "BN is faster", true, new Outcome(new Verdict(Verdict.Kind.SUPPORTED, "CI excludes 0"),
                        "final_val_acc", 0.0383, 0.014, 0.0627, 95, 0.003, 6, 6, 0.01, "", List.of("a", "b")), 0.006, "", ""),
                new ClaimResult("Q2", "Q2", "BN diverges less", false, new Outcome(new Verdict(Verdict.Kind.INCONCLUSIVE, "few runs"),
                        "diverged", -0.1, -0.3, 0.1, 95, 0.2, 6, 2, 0.1, "", List.of()), Double.NaN, "", ""));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        VerdictTable.print(results, specs, Path.of("out/report/index.html"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(1).startsWith("claim  verdict       role         metric"), lines.get(1));
        String q1 = lines.get(2);
        assertTrue(q1.startsWith("Q1     supported     primary      final_val_acc"), q1);
        assertTrue(q1.contains("[0.01400, 0.06270] (95%)"), q1);
        assertTrue(q1.contains("6 of 6"), q1);
        String q2 = lines.get(3);
        assertTrue(q2.startsWith("Q2     inconclusive  exploratory  diverged"), q2);
        assertFalse(q2.contains("2 of 6"), "a rate rule has no seeds agreeing: " + q2);
        assertEquals(lines.get(1).indexOf("metric"), q1.indexOf("final_val_acc"), "columns are aligned");
        assertTrue(lines.contains("Q1: BN is faster"));
        assertTrue(lines.contains("  supported: CI excludes 0"));
        assertEquals("HTML report: " + Path.of("out/report/index.html").toAbsolutePath(), lines.get(lines.size() - 1));
    }
}
