package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MaxStableTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);
    private static final double[] GRID = {0.01, 0.1, 1.0, 3.0};

    /** BN stable up to lrMaxBn (index), none up to lrMaxNone; beyond: diverged. */
    private static List<RunResult> runs(int lastStableBn, int lastStableNone) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            for (int i = 0; i < GRID.length; i++) {
                for (String norm : new String[] {"batch", "none"}) {
                    int last = norm.equals("batch") ? lastStableBn : lastStableNone;
                    boolean ok = i <= last;
                    double acc = 0.80 + 0.001 * s;
                    out.add(new RunResult(Runs.small("norm=" + norm, "lr=" + GRID[i], "seed=" + s),
                            ok ? RunStatus.OK : RunStatus.DIVERGED, "", ok ? acc : null, ok ? acc : null, ok ? acc : null,
                            80L, ok ? acc : null, 0.5, 80, 10, P, List.of()));
                }
            }
        }
        return out;
    }

    private static ClaimSpec claim() {
        return ClaimParser.parse("t.conf", """
                claims = [{ id = A2, text = "BN allows higher LRs", metric = best_val_acc, rule = max_stable, over = lr,
                            treatment { norm = batch }, control { norm = none }, direction = greater, margin = 2 }]
                """).get(0);
    }

    @Test
    void twoMoreStableGridStepsInEverySeedIsSupported() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(), runs(3, 1));
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(2.0, r.effect(), 1e-12);
        assertEquals(0.0, r.p(), 0, "the same 2-step gain in every seed: a point CI, no doubt about the sign");
    }

    @Test
    void oneStepIsWeakerThanAClaimedTwo() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(), runs(2, 1));
        assertEquals(Verdict.Kind.WEAKER, r.verdict().kind(), r.verdict().reason());
    }

    @Test
    void noGainInAnySeedIsNoEffect() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(), runs(1, 1));
        assertEquals(Verdict.Kind.NO_EFFECT, r.verdict().kind(), r.verdict().reason());
    }

    @Test
    void maxStableNeedsOver() {
        var e = assertThrows(claimsweep.spec.SpecException.class, () -> ClaimParser.parse("t.conf", """
                claims = [{ id = A2, text = "t", metric = best_val_acc, rule = max_stable,
                            treatment { norm = batch }, control { norm = none }, direction = greater, margin = 2 }]
                """));
        assertTrue(e.getMessage().contains("claims[0].over"), e.getMessage());
    }
}
