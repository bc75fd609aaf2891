package claimsweep.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.FisherExactTest;

/** Rates (divergence) and their comparisons: Wilson score intervals and Fisher's exact test. */
public final class Rates {
    private Rates() {}

    /** The 95% Wilson score interval of k successes in n trials: {low, high}. */
    public static double[] wilson(int k, int n) {
        return wilson((double) k, n);
    }

    /**
     * The same for a count that may be fractional (a tie scored as half a success): the score
     * interval is defined for any observed share k/n in [0, 1], and equals the integer one at whole k.
     */
    public static double[] wilson(double k, int n) {
        if (n <= 0 || !(k >= 0) || k > n) throw new IllegalArgumentException("need 0 <= k <= n, n > 0: k=" + k + ", n=" + n);
        double z = Z95;
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static final double Z95 = NormalDistribution.of(0, 1).inverseSurvivalProbability(0.025);

    /**
     * Two-sided p of the score test of "the share is p0" for k of n: the test the Wilson interval
     * inverts, so p < 0.05 exactly when the 95% Wilson interval excludes p0 (0 < p0 < 1).
     */
    public static double scoreP(double k, int n, double p0) {
        if (n <= 0 || !(k >= 0) || k > n || !(p0 > 0 && p0 < 1)) {
            throw new IllegalArgumentException("need 0 <= k <= n, n > 0, 0 < p0 < 1: k=" + k + ", n=" + n + ", p0=" + p0);
        }
        double z = (k / n - p0) / Math.sqrt(p0 * (1 - p0) / n);
        return Math.min(1, 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z)));
    }

    /** Two-sided Fisher exact p for k1 of n1 vs k2 of n2. */
    public static double fisher(int k1, int n1, int k2, int n2) {
        return FisherExactTest.withDefaults().test(new int[][] {{k1, n1 - k1}, {k2, n2 - k2}}).getPValue();
    }
}
