package claimsweep.stats.sequential;

import claimsweep.stats.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The repeated p-value (what Holm reads for a sequential row): its family of boundaries is the design's
 * own at alpha = 0.05 and real designs' at other alphas, it falls as the statistic grows, and it agrees
 * with the repeated interval of the design the claim was read with.
 */
class RepeatedPValueTest {
    private static final List<Integer> LOOKS = List.of(4, 6, 8, 10, 12);

    /** b_k(alpha) recomputed by the p-value code equals the t boundaries of designs built at that alpha. */
    @Test
    void theFamilyIsTheDesignsOwnBoundariesAtEveryAlpha() {
        for (double alpha : new double[]{0.05, 0.01}) {
            GroupSequentialDesign d = GroupSequentialDesign.of(LOOKS, alpha, SpendingFunction.OBRIEN_FLEMING);
            for (int k = 0; k < LOOKS.size(); k++) {
                double spent = SpendingFunction.OBRIEN_FLEMING.spent(LOOKS.get(k) / 12.0, alpha) * StudentizedBoundaries.PATHS;
                if (spent < StudentizedBoundaries.MIN_CROSSINGS) continue; // the nominal looks: see the class comment
                double b = RepeatedPValue.bound(LOOKS, SpendingFunction.OBRIEN_FLEMING, k, alpha);
                System.out.printf(Locale.ROOT, "alpha %.2f look %d: design b %.6f, p-value family b %.6f%n", alpha, k + 1,
                        d.tBounds().get(k), b);
                assertEquals(d.tBounds().get(k), b, 1e-12, "alpha " + alpha + ", look " + (k + 1));
                // the round trip: the statistic on the boundary of the 0.01 design has p 0.01, up to the family
                // being a step function of alpha (a boundary moves only when a whole path more crosses: ~1e-5 here)
                if (alpha == 0.01) assertEquals(0.01, RepeatedPValue.of(LOOKS, SpendingFunction.OBRIEN_FLEMING, k, b), 1e-4);
            }
        }
    }

    @Test
    void pFallsAsTheStatisticGrowsAndMatchesTheIntervalAtAlpha() {
        GroupSequentialDesign d = GroupSequentialDesign.of(LOOKS, 0.05, SpendingFunction.OBRIEN_FLEMING);
        int k = LOOKS.size() - 1;
        double previous = 1;
        for (double x = 0.5; x < 8; x += 0.5) {
            double p = RepeatedPValue.of(LOOKS, SpendingFunction.OBRIEN_FLEMING, k, x);
            assertTrue(p <= previous, "p at x = " + x + ": " + p + " > " + previous);
            assertEquals(x >= d.tBounds().get(k), p <= 0.05, "x = " + x + " against b = " + d.tBounds().get(k) + ", p " + p);
            previous = p;
        }
        // twelve seeds around +1 with sd ~0.5: the last look's interval clears 0 and the repeated p says so
        double[] diffs = {1.2, 0.4, 1.1, 0.9, 1.5, 0.3, 1.0, 0.8, 1.4, 0.6, 1.3, 0.7};
        Interval iv = d.repeatedInterval(diffs, k);
        double p = d.repeatedP(diffs, k, Direction.GREATER, 0.5);
        System.out.printf(Locale.ROOT, "repeated interval [%.4f, %.4f], repeated p %.3g%n", iv.lower(), iv.upper(), p);
        assertTrue(iv.lower() > 0);
        assertTrue(p < 0.05 && p > 0, "p " + p);
        // equivalence within 2: inside; within 0.9: not (the mean is ~0.9)
        assertTrue(d.repeatedP(diffs, k, Direction.EQUIVALENT, 2) <= 0.05);
        assertTrue(d.repeatedP(diffs, k, Direction.EQUIVALENT, 0.9) > 0.05);
        // the null side: the mean 0.05 of noisy seeds is no evidence against 0
        double[] noise = {0.5, -0.4, 0.3, -0.6, 0.2, 0.1, -0.2, 0.4, -0.3, 0.0, 0.2, 0.2};
        assertTrue(d.repeatedP(noise, k, Direction.GREATER, 0.5) > 0.5);
    }

    /**
     * Validity under optional stopping, what Holm needs: normal null sequences, read at looks 4, 6, ..., 12
     * and stopped at the first look whose repeated interval excludes 0; the repeated p at the stopping
     * look is at most u in at most a share u of them (u = 0.05 and 0.01), within 3 Monte-Carlo standard errors.
     */
    @Test
    void underTheNullWithOptionalStoppingPIsAtMostUInAtMostAShareU() {
        GroupSequentialDesign d = GroupSequentialDesign.of(LOOKS, 0.05, SpendingFunction.OBRIEN_FLEMING);
        java.util.SplittableRandom r = new java.util.SplittableRandom(19);
        int sequences = 4000;
        int at05 = 0;
        int at01 = 0;
        for (int i = 0; i < sequences; i++) {
            double[] x = new double[12];
            for (int j = 0; j < x.length; j++) x[j] = r.nextGaussian();
            int stop = -1;
            for (int k = 0; k < LOOKS.size() && stop < 0; k++) {
                Interval iv = d.repeatedInterval(x, k);
                if (iv.lower() > 0 || iv.upper() < 0) stop = k;
            }
            // a sequence that reached the cap without excluding 0 has p > 0.05 (checked above): only the others are computed
            if (stop < 0) continue;
            double p = d.repeatedP(x, stop, Direction.GREATER, 0.5);
            assertTrue(p <= 0.05, "stopped because the interval excluded 0, p " + p);
            if (p <= 0.05) at05++;
            if (p <= 0.01) at01++;
        }
        System.out.printf(Locale.ROOT, "null, optional stopping, %d sequences: p <= 0.05 in %.3f, p <= 0.01 in %.3f%n", sequences,
                at05 / (double) sequences, at01 / (double) sequences);
        assertTrue(at05 / (double) sequences <= 0.05 + 3 * Math.sqrt(0.05 * 0.95 / sequences), "share with p <= 0.05: " + at05);
        assertTrue(at01 / (double) sequences <= 0.01 + 3 * Math.sqrt(0.01 * 0.99 / sequences), "share with p <= 0.01: " + at01);
    }
}
