package claimsweep.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The decision procedure's error rates by simulation: 2,000 seeded sets of 6 paired differences
 * (the sweeps' seed count), normal with the A/A-like spread of the MLP sweeps (sd 0.008).
 */
class InferenceSimulationTest {
    private static final int SETS = 2_000;
    private static final int SEEDS = 6;
    private static final double SD = 0.008;
    private static final double MARGIN = 0.01;

    private static double[] sample(SplittableRandom rnd, double mean, double sd) {
        double[] d = new double[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian on Java 17
            double u = 1 - rnd.nextDouble();
            double v = rnd.nextDouble();
            d[i] = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return d;
    }

    private static int count(long seed, double mean, double sd, Direction dir, double margin, Verdict.Kind... kinds) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 0;
        for (int i = 0; i < SETS; i++) {
            Verdict.Kind k = Decision.paired(sample(rnd, mean, sd), dir, margin, true, "acc").verdict().kind();
            for (Verdict.Kind want : kinds) if (k == want) n++;
        }
        return n;
    }

    @Test
    void underTheNullTheTypeOneErrorStaysAtOrBelowFivePercent() {
        // The claim's type-I error: a true difference of 0 called an effect in the claimed direction
        // (supported or weaker than claimed). The 95% CI clearing 0 on one side: 2.5% nominal.
        int claimed = count(11, 0, SD, Direction.GREATER, MARGIN, Verdict.Kind.SUPPORTED, Verdict.Kind.WEAKER);
        assertTrue(claimed / (double) SETS <= 0.05, "type-I error " + claimed / (double) SETS);
        // Any directional call at all (either side) is the two-sided 5% test: 5% nominal. With 2,000 sets the
        // Monte Carlo sd is 0.49 pp, so the check allows 2.6 sd above nominal rather than pretend to exactness.
        int any = claimed + count(11, 0, SD, Direction.GREATER, MARGIN, Verdict.Kind.OPPOSITE);
        double rate = any / (double) SETS;
        assertTrue(rate <= 0.05 + 2.6 * Math.sqrt(0.05 * 0.95 / SETS), "two-sided error " + rate);
        assertTrue(rate > 0.03, "the test is not so conservative that it never fires: " + rate);
        // a claimed direction alone is falsely supported far less often: the effect must also reach the margin
        int supported = count(12, 0, SD, Direction.GREATER, 0.001, Verdict.Kind.SUPPORTED);
        assertTrue(supported / (double) SETS <= 0.05, "false support " + supported / (double) SETS);
    }

    @Test
    void equivalenceIsNotDeclaredAtATrueEffectOfOneAndAHalfMargins() {
        for (double sd : new double[] {0.002, SD, 0.02}) {
            int eq = count(13, 1.5 * MARGIN, sd, Direction.EQUIVALENT, MARGIN, Verdict.Kind.SUPPORTED);
            assertTrue(eq / (double) SETS <= 0.05, "equivalence declared in " + eq + " of " + SETS + " sets at sd " + sd);
            int none = count(14, -1.5 * MARGIN, sd, Direction.GREATER, MARGIN, Verdict.Kind.NO_EFFECT);
            assertTrue(none / (double) SETS <= 0.05, "no effect declared in " + none + " of " + SETS + " sets at sd " + sd);
        }
    }

    @Test
    void aTrueEffectOfTwiceTheMarginIsUsuallySupported() {
        // power check, so that the tests above cannot pass by a procedure that never decides anything
        int s = count(15, 2 * MARGIN, 0.004, Direction.GREATER, MARGIN, Verdict.Kind.SUPPORTED);
        assertTrue(s / (double) SETS > 0.8, "power " + s / (double) SETS);
    }
}
