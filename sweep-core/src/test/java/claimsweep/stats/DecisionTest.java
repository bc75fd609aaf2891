package claimsweep.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every verdict kind of the paired decision, for every direction, on differences with known answers
 * (margin 0.01 on an accuracy: higher is better). Not testable and premise not met are decided
 * before the test; their cases are in the claims package's VerdictKindsTest.
 */
class DecisionTest {
    private static final double M = 0.01;

    /** Six differences around {@code mean} with spread {@code sd} (fixed offsets, not random). */
    private static double[] diffs(double mean, double sd) {
        double[] z = {-1.34, -0.6, -0.15, 0.15, 0.6, 1.34}; // sample sd ~0.94
        double[] d = new double[6];
        for (int i = 0; i < 6; i++) d[i] = mean + sd * z[i];
        return d;
    }

    private static Verdict.Kind kind(double[] d, Direction dir) {
        return Decision.paired(d, dir, M, true, "acc").verdict().kind();
    }

    @Test
    void superiority() {
        assertEquals(Verdict.Kind.SUPPORTED, kind(diffs(0.03, 0.005), Direction.GREATER));
        assertEquals(Verdict.Kind.WEAKER, kind(diffs(0.005, 0.002), Direction.GREATER), "real but below the margin");
        assertEquals(Verdict.Kind.OPPOSITE, kind(diffs(-0.03, 0.005), Direction.GREATER));
        assertEquals(Verdict.Kind.NO_EFFECT, kind(diffs(0.0005, 0.002), Direction.GREATER), "90% CI inside +-margin");
        assertEquals(Verdict.Kind.INCONCLUSIVE, kind(diffs(0.005, 0.03), Direction.GREATER));
        // inconclusive about 0, but the claimed size is ruled out (A5c's reading): the reason says so, only then
        String excluded = "an effect as large as claimed is excluded";
        Verdict belowMargin = Decision.paired(diffs(-0.011, 0.013), Direction.GREATER, M, true, "acc").verdict();
        assertEquals(Verdict.Kind.INCONCLUSIVE, belowMargin.kind(), belowMargin.reason());
        assertTrue(belowMargin.reason().contains(excluded), belowMargin.reason());
        assertFalse(Decision.paired(diffs(0.005, 0.03), Direction.GREATER, M, true, "acc").verdict().reason().contains(excluded));
        assertTrue(Decision.paired(diffs(0.011, 0.013), Direction.LESS, M, true, "acc").verdict().reason().contains(excluded),
                "less mirrors greater");
        // less mirrors greater
        assertEquals(Verdict.Kind.SUPPORTED, kind(diffs(-0.03, 0.005), Direction.LESS));
        assertEquals(Verdict.Kind.OPPOSITE, kind(diffs(0.03, 0.005), Direction.LESS));
        assertEquals(Verdict.Kind.WEAKER, kind(diffs(-0.005, 0.002), Direction.LESS));
    }

    @Test
    void supportedSaysWhenTheCiStraddlesTheMargin() {
        Decision d = Decision.paired(diffs(0.013, 0.004), Direction.GREATER, M, true, "acc");
        assertEquals(Verdict.Kind.SUPPORTED, d.verdict().kind());
        assertTrue(d.ciLow() < M && d.effect() >= M, d.ciLow() + " " + d.effect());
        assertTrue(d.verdict().reason().contains("straddles the margin"), d.verdict().reason());
        Decision clear = Decision.paired(diffs(0.05, 0.004), Direction.GREATER, M, true, "acc");
        assertTrue(clear.verdict().reason().contains("the whole CI is beyond it"), clear.verdict().reason());
    }

    @Test
    void equivalence() {
        Decision d = Decision.paired(diffs(0.001, 0.003), Direction.EQUIVALENT, M, true, "acc");
        assertEquals(Verdict.Kind.SUPPORTED, d.verdict().kind(), d.verdict().reason());
        assertEquals(90, d.ciLevel());
        assertTrue(d.ciLow() > -M && d.ciHigh() < M);
        assertEquals(Verdict.Kind.OPPOSITE, kind(diffs(0.04, 0.005), Direction.EQUIVALENT), "differ beyond the margin");
        assertEquals(Verdict.Kind.INCONCLUSIVE, kind(diffs(0.005, 0.02), Direction.EQUIVALENT));
    }

    @Test
    void nonInferiorityFollowsTheMetricsOrientation() {
        // treatment a little worse (-0.3 pp), well within the 1 pp margin: not inferior
        assertEquals(Verdict.Kind.SUPPORTED, kind(diffs(-0.003, 0.002), Direction.NONINFERIOR));
        assertEquals(Verdict.Kind.OPPOSITE, kind(diffs(-0.04, 0.005), Direction.NONINFERIOR), "worse by more than the margin");
        assertEquals(Verdict.Kind.INCONCLUSIVE, kind(diffs(-0.008, 0.01), Direction.NONINFERIOR));
        // for a lower-is-better metric (steps), +0.003 is "a little worse" and -0.04 is "better"
        assertEquals(Verdict.Kind.SUPPORTED,
                Decision.paired(diffs(0.003, 0.002), Direction.NONINFERIOR, M, false, "steps").verdict().kind());
        assertEquals(Verdict.Kind.OPPOSITE,
                Decision.paired(diffs(0.04, 0.005), Direction.NONINFERIOR, M, false, "steps").verdict().kind());
    }

    @Test
    void identicalDifferencesOfZeroAreNoEffect() {
        assertEquals(Verdict.Kind.NO_EFFECT, kind(new double[] {0, 0, 0, 0, 0, 0}, Direction.GREATER));
        // the same nonzero difference in every seed is a certain effect, not a degenerate one
        assertEquals(Verdict.Kind.SUPPORTED, kind(new double[] {0.02, 0.02, 0.02, 0.02}, Direction.GREATER));
    }
}
