package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RatiosTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);

    private static RunResult reaching(String norm, long seed, long stepAtTarget) {
        List<CurvePoint> curve = new ArrayList<>();
        for (long s = 10; s <= 200; s += 10) curve.add(new CurvePoint(s, 1, 1, 1, s >= stepAtTarget ? 0.85 : 0.5, 0.1, s));
        return new RunResult(Runs.small("norm=" + norm, "seed=" + seed, "steps=200", "eval_every=10"), RunStatus.OK, "",
                0.5, 0.85, 0.85, 200L, 0.85, 0.4, 200, 10, P, curve);
    }

    private static ClaimSpec a1() {
        return ClaimParser.parse("t.conf", """
                claims = [{ id = A1, text = "none needs >= 2x the steps of BN", metric = steps_to_target, target = 0.8,
                            rule = ratio, treatment { norm = none }, control { norm = batch }, direction = greater, margin = 2 }]
                """).get(0);
    }

    @Test
    void stepsRatioAboveTheClaimIsSupported() {
        List<RunResult> runs = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            runs.add(reaching("batch", s, 40));
            runs.add(reaching("none", s, 90 + 10L * s)); // 100..150: ratios 2.5..3.75, distinct
        }
        ClaimResult r = ClaimEvaluator.evaluate(a1(), runs);
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.effect() > 2.5 && r.effect() < 3.75, "geometric mean ratio " + r.effect());
    }

    @Test
    void aSmallerRatioThanClaimedIsWeakerThanClaimed() {
        List<RunResult> runs = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            runs.add(reaching("batch", s, 100));
            runs.add(reaching("none", s, 110 + 10L * (s % 2))); // ratio 1.1-1.2: real, far below 2
        }
        ClaimResult r = ClaimEvaluator.evaluate(a1(), runs);
        assertEquals(Verdict.Kind.WEAKER, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.verdict().reason().startsWith("claimed ratio >= 2"), r.verdict().reason());
        assertTrue(r.ciLow() > 1 && r.ciHigh() < 2, "the CI of the geometric-mean ratio: " + r.ciLow() + ".." + r.ciHigh());
    }

    @Test
    void spreadAcrossInitsShrinksWithBn() {
        List<RunResult> runs = new ArrayList<>();
        String[] inits = {"he", "xavier", "\"normal(0.01)\""};
        double[] none = {0.80, 0.70, 0.40};
        double[] bn = {0.81, 0.805, 0.79};
        for (int s = 1; s <= 6; s++) {
            for (int i = 0; i < 3; i++) {
                for (String norm : new String[] {"batch", "none"}) {
                    double acc = (norm.equals("batch") ? bn[i] : none[i]) + 0.001 * s * (i == 2 ? 1 : 0);
                    runs.add(new RunResult(Runs.small("norm=" + norm, "init=" + inits[i], "seed=" + s), RunStatus.OK, "",
                            0.5, acc, acc, 80L, acc, 0.5, 80, 10, P, List.of()));
                }
            }
        }
        ClaimSpec c = ClaimParser.parse("t.conf", """
                claims = [{ id = A3, text = "BN's accuracy spread across inits is <= 1/3 of none's", metric = best_val_acc,
                            rule = spread_ratio, over = init, treatment { norm = batch }, control { norm = none },
                            direction = less, margin = 0.3333 }]
                """).get(0);
        ClaimResult r = ClaimEvaluator.evaluate(c, runs);
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.effect() < 0.1, "spread ratio " + r.effect());
    }
}
