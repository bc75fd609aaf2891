package claimsweep.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.FisherExactTest;

/** Rates (divergence) and their comparisons: Wilson score intervals and Fisher's exact test. */
public final class Rates {
    private Rates() {}

    /** The 95% Wilson score interval of k successes in n trials: {low, high}. */
    public static double[] wilson(int k, int n) {
        if (n <= 0 || k < 0 || k > n) throw new IllegalArgumentException("need 0 <= k <= n, n > 0: k=" + k + ", n=" + n);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(0.025);
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Two-sided Fisher exact p for k1 of n1 vs k2 of n2. */
    public static double fisher(int k1, int n1, int k2, int n2) {
        return FisherExactTest.withDefaults().test(new int[][] {{k1, n1 - k1}, {k2, n2 - k2}}).getPValue();
    }
}
