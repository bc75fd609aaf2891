package claimsweep.stats.sequential;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The numerical integration behind {@link GroupSequentialDesign} against published boundaries and
 * against a direct simulation of the canonical joint distribution. Two-sided alpha = 0.05 throughout.
 */
class GroupSequentialBoundariesTest {
    private static final double ALPHA = 0.05;

    private static double[] equallySpaced(int k) {
        double[] t = new double[k];
        for (int i = 0; i < k; i++) t[i] = (i + 1.0) / k;
        return t;
    }

    /**
     * Pocock's constant C_P(K, 0.05) for K = 2..5 equally spaced looks, as tabulated by Jennison &amp;
     * Turnbull (2000), Table 2.1 (and Pocock 1977): 2.178, 2.289, 2.361, 2.413.
     */
    @Test
    void pocockConstantsMatchTheTextbook() {
        double[] published = {2.178, 2.289, 2.361, 2.413};
        for (int k = 2; k <= 5; k++) {
            double[] shape = new double[k];
            java.util.Arrays.fill(shape, 1);
            double[] c = CanonicalJoint.scaledBounds(equallySpaced(k), shape, ALPHA);
            System.out.printf("Pocock K = %d: C = %.4f (published %.3f)%n", k, c[0], published[k - 2]);
            assertEquals(published[k - 2], c[0], 0.0006, "Pocock K = " + k);
        }
    }

    /**
     * O'Brien &amp; Fleming's design, c_k = C_B sqrt(K / k), for K = 2..5: the final boundary C_B is
     * 1.977, 2.004, 2.024, 2.040 (Jennison &amp; Turnbull Table 2.3; O'Brien &amp; Fleming 1979).
     */
    @Test
    void obrienFlemingConstantsMatchTheTextbook() {
        double[] published = {1.977, 2.004, 2.024, 2.040};
        for (int k = 2; k <= 5; k++) {
            double[] shape = new double[k];
            for (int i = 0; i < k; i++) shape[i] = Math.sqrt((double) k / (i + 1));
            double[] c = CanonicalJoint.scaledBounds(equallySpaced(k), shape, ALPHA);
            System.out.printf("O'Brien-Fleming K = %d: C_B = %.4f, first look %.4f (published C_B %.3f)%n", k, c[k - 1], c[0],
                    published[k - 2]);
            assertEquals(published[k - 2], c[k - 1], 0.0006, "O'Brien-Fleming K = " + k);
        }
    }

    /**
     * The Lan-DeMets O'Brien-Fleming-type boundaries for 4 equally spaced looks, as printed by the R
     * package ldbounds (Reboussin, DeMets, Kim &amp; Lan's programs), bounds(t = c(.25, .5, .75, 1)):
     * 4.3326, 2.9631, 2.3590, 2.0141. One look spends everything at once: the fixed-n 1.96.
     */
    @Test
    void lanDeMetsObrienFlemingMatchesLdbounds() {
        double[] published = {4.3326, 2.9631, 2.3590, 2.0141};
        double[] c = CanonicalJoint.spendingBounds(equallySpaced(4), SpendingFunction.OBRIEN_FLEMING, ALPHA);
        System.out.printf("Lan-DeMets O'Brien-Fleming, 4 looks: %.4f %.4f %.4f %.4f%n", c[0], c[1], c[2], c[3]);
        for (int k = 0; k < 4; k++) assertEquals(published[k], c[k], 0.0005, "look " + (k + 1));
        for (SpendingFunction f : SpendingFunction.values()) {
            assertEquals(1.959964, CanonicalJoint.spendingBounds(new double[] {1}, f, ALPHA)[0], 1e-5, f.label());
        }
    }

    /**
     * Independent of the integration: simulate the canonical joint distribution directly (a Gaussian
     * random walk observed at the fractions of the 4, 6, ..., 24 seed design) and count crossings of
     * the Pocock-type boundaries. The cumulative crossing rate at each look must match the spending
     * function within 4 binomial standard errors (200,000 paths; a wrong recursion, e.g. one that
     * ignored the earlier looks, would be off by far more).
     */
    @Test
    void simulatedCrossingRatesFollowTheSpendingFunction() {
        GroupSequentialDesign d = GroupSequentialDesign.of(4, 2, 24, ALPHA, SpendingFunction.POCOCK);
        int looks = d.looks().size();
        int paths = 200_000;
        SplittableRandom r = new SplittableRandom(5);
        int[] crossedBy = new int[looks];
        for (int p = 0; p < paths; p++) {
            double s = 0;
            double prev = 0;
            for (int k = 0; k < looks; k++) {
                double t = d.looks().get(k) / (double) d.cap();
                s += Math.sqrt(t - prev) * r.nextGaussian();
                prev = t;
                if (Math.abs(s / Math.sqrt(t)) >= d.zBounds().get(k)) {
                    for (int j = k; j < looks; j++) crossedBy[j]++;
                    break;
                }
            }
        }
        for (int k = 0; k < looks; k++) {
            double expected = SpendingFunction.POCOCK.spent(d.looks().get(k) / (double) d.cap(), ALPHA);
            double measured = (double) crossedBy[k] / paths;
            double se = Math.sqrt(expected * (1 - expected) / paths);
            assertEquals(expected, measured, 4 * se, "cumulative crossing by look " + (k + 1) + " (" + d.looks().get(k) + " seeds)");
        }
        System.out.printf("Pocock-type 4..24 step 2: simulated crossing by the last look %.4f (alpha %.2f, %d paths)%n",
                (double) crossedBy[looks - 1] / paths, ALPHA, paths);
    }

    @Test
    void spendingFunctionsSpendAlphaByTheEndAndObrienFlemingSpendsLittleEarly() {
        for (SpendingFunction f : SpendingFunction.values()) {
            assertEquals(ALPHA, f.spent(1, ALPHA), 1e-12, f.label());
            assertEquals(0, f.spent(0, ALPHA), f.label());
            assertEquals(f, SpendingFunction.parse(f.label()));
        }
        assertTrue(SpendingFunction.OBRIEN_FLEMING.spent(4 / 24.0, ALPHA) < 1e-5);
        assertTrue(SpendingFunction.POCOCK.spent(4 / 24.0, ALPHA) > 0.01);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpendingFunction.parse("obf"))
                .getMessage().contains("found \"obf\""));
    }
}
