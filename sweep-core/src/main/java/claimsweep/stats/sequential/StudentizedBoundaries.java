package claimsweep.stats.sequential;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Boundaries for the paired t statistics of a group-sequential design, two ways.
 *
 * <p>{@link TScale#NOMINAL}: each z boundary is carried to the t scale by its tail probability with
 * n_k - 1 degrees of freedom (the "significance level approach", Jennison &amp; Turnbull section 11.5).
 * Every look then has exactly its nominal level, but the t statistics at different looks are less
 * correlated than the z statistics (each look has its own variance estimate), so the chance of some
 * crossing is a little higher than the spending function says: on normal differences, looks at 4,
 * 6, ..., 24 seeds, alpha = 0.05, 20,000 null sequences gave 0.0528 (O'Brien-Fleming type) and
 * 0.0571 (Pocock type) against 0.0496 and 0.0516 with simulated boundaries
 * (GroupSequentialSimulationTest); a one-off run of 100,000 gave 0.0533 and 0.0565 against 0.0507
 * and 0.0513, and with the first look at 8 seeds the nominal scale still gave 0.0533 and 0.0523.
 *
 * <p>{@link TScale#SIMULATED} (the default): under normal differences with mean theta the studentized
 * statistics T_k = (mean_k - theta) / (s_k / sqrt(n_k)) have a joint distribution that depends on
 * nothing else (not on theta, not on sigma), so it can be simulated once: {@link #PATHS} seeded
 * sequences of standard normals. Look by look, b_k is set so that the share of simulated paths that
 * first cross at look k equals the spending function's increment, counting what earlier looks
 * actually spent. This is the spending function applied to the t statistics themselves, exact under
 * normality up to Monte-Carlo error (about 0.0005 on the total at alpha = 0.05). Where an increment
 * is too small for the paths to resolve (fewer than {@link #MIN_CROSSINGS} crossings, e.g. the first
 * O'Brien-Fleming looks), the nominal conversion is used; those looks spend almost nothing either way.
 */
final class StudentizedBoundaries {
    static final int PATHS = 200_000;
    static final int MIN_CROSSINGS = 20;
    /**
     * Fixed, so that a design's boundaries are the same on every run (SplittableRandom's sequence is
     * specified; its nextGaussian is the JDK's RandomGenerator default, so a JDK change could move
     * the boundaries by Monte-Carlo noise, about 0.01 on the t scale).
     */
    private static final long SEED = 18_2026L;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private StudentizedBoundaries() {
    }

    static double[] of(TScale scale, List<Integer> looks, double[] zBounds, SpendingFunction spending, double alpha) {
        return scale == TScale.NOMINAL ? nominal(looks, zBounds) : simulated(looks, zBounds, spending, alpha);
    }

    static double[] nominal(List<Integer> looks, double[] zBounds) {
        double[] b = new double[zBounds.length];
        for (int k = 0; k < b.length; k++) b[k] = nominal(looks.get(k), zBounds[k]);
        return b;
    }

    private static double nominal(int n, double z) {
        double tail = STANDARD.survivalProbability(z);
        return tail == 0 ? Double.POSITIVE_INFINITY : TDistribution.of(n - 1).inverseSurvivalProbability(tail);
    }

    private static double[] simulated(List<Integer> looks, double[] zBounds, SpendingFunction spending, double alpha) {
        int kLooks = looks.size();
        int cap = looks.get(kLooks - 1);
        double[][] t = absT(looks);
        boolean[] stopped = new boolean[PATHS];
        int crossedSoFar = 0;
        double[] b = new double[kLooks];
        for (int k = 0; k < kLooks; k++) {
            int target = (int) Math.round(spending.spent(looks.get(k) / (double) cap, alpha) * PATHS) - crossedSoFar;
            if (target < MIN_CROSSINGS) {
                b[k] = nominal(looks.get(k), zBounds[k]);
            } else {
                double[] alive = new double[PATHS - crossedSoFar];
                int m = 0;
                for (int p = 0; p < PATHS; p++) if (!stopped[p]) alive[m++] = t[k][p];
                Arrays.sort(alive);
                // The target-th largest |T| among paths still going: exactly `target` of them reach it.
                b[k] = alive[alive.length - target];
            }
            for (int p = 0; p < PATHS; p++) {
                if (!stopped[p] && t[k][p] >= b[k]) {
                    stopped[p] = true;
                    crossedSoFar++;
                }
            }
        }
        return b;
    }

    /**
     * |T_k| of every simulated null path at every look ({@link #PATHS} paths, the fixed {@link #SEED}),
     * filled seed by seed with running sums; {@link RepeatedPValue} reads the same paths.
     */
    static double[][] absT(List<Integer> looks) {
        int kLooks = looks.size();
        int cap = looks.get(kLooks - 1);
        double[][] t = new double[kLooks][PATHS];
        SplittableRandom r = new SplittableRandom(SEED);
        for (int p = 0; p < PATHS; p++) {
            double sum = 0;
            double sq = 0;
            int k = 0;
            for (int n = 1; n <= cap; n++) {
                double x = r.nextGaussian();
                sum += x;
                sq += x * x;
                if (n == looks.get(k)) {
                    double mean = sum / n;
                    double var = Math.max(0, (sq - n * mean * mean) / (n - 1));
                    t[k][p] = Math.abs(mean) / Math.sqrt(var / n);
                    k++;
                }
            }
        }
        return t;
    }
}
