package claimsweep.stats.sequential;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeated p-value of a group-sequential design with simulated t boundaries (Jennison &amp;
 * Turnbull, "Group Sequential Methods", section 9.1): for a statistic x read at look k, the smallest
 * alpha at which the same design (same looks, same spending function, alpha in place of its own)
 * would have a boundary b_k(alpha) &lt;= x. Because every design of the family keeps its total error
 * at its own alpha under the null, P(p &lt;= u) &lt;= u for every u, at whatever look sampling
 * stopped: a valid p-value under optional stopping, which is what Holm's correction needs.
 *
 * <p>b_k(alpha) is computed exactly as {@link StudentizedBoundaries} computes the design's bounds, on
 * the same {@link StudentizedBoundaries#PATHS} seeded null paths (kept here sorted per look, so that
 * one alpha costs a walk over the paths that cross rather than a sort), with one difference: at a
 * look that spends fewer than {@link StudentizedBoundaries#MIN_CROSSINGS} paths, where the design
 * converts its canonical z bound (a numerical integration per alpha, ~0.1 s), the p-value takes the t
 * quantile of half that look's increment of the spending function. That bound is at least the
 * design's (P(|T_k| &gt;= b) equals the increment, which is at least the chance of first crossing
 * there), and crossings at such looks are counted like any other, so the family still spends
 * exactly alpha in total. Those looks spend under 1e-4, so the difference shows only in p-values
 * below about 1e-4.
 */
final class RepeatedPValue {
    /** The smallest p reported: below it nothing a claims table decides (Holm over < 500 primaries) changes. */
    static final double FLOOR = 1e-6;
    /** The largest alpha the spending functions accept; a statistic that does not cross there gets p = 1. */
    private static final double CEILING = 0.999;
    /** Bisection steps on log alpha: ln(CEILING / FLOOR) / 2^24 ~ 1e-6 relative, far below the 3 digits a table shows. */
    private static final int STEPS = 24;
    /** A few designs per JVM at most (one per seeds block); each holds ~2.4 MB per look. */
    private static final Map<List<Integer>, Sorted> CACHE = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Integer>, Sorted> e) {
            return size() > 4;
        }
    };

    private RepeatedPValue() {}

    /** Per look, the null |T| in descending order and the path each value belongs to. */
    private record Sorted(double[][] value, int[][] path) {}

    /**
     * The smallest alpha (at least {@link #FLOOR}, 1 when even alpha = 0.999 does not reach x) whose
     * boundary at look k (0-based) is at most x; rounded up, so the p is never smaller than the exact one.
     */
    static double of(List<Integer> looks, SpendingFunction spending, int k, double x) {
        if (!(x > 0)) return 1;
        Sorted s = sorted(looks);
        if (bound(s, looks, spending, k, FLOOR) <= x) return FLOOR;
        if (bound(s, looks, spending, k, CEILING) > x) return 1;
        double lo = Math.log(FLOOR);
        double hi = Math.log(CEILING);
        for (int i = 0; i < STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (bound(s, looks, spending, k, Math.exp(mid)) <= x) hi = mid;
            else lo = mid;
        }
        return Math.exp(hi);
    }

    /** The design's t boundary at look k for the given alpha (see the class comment for the looks spending almost nothing). */
    static double bound(List<Integer> looks, SpendingFunction spending, int k, double alpha) {
        return bound(sorted(looks), looks, spending, k, alpha);
    }

    private static double bound(Sorted s, List<Integer> looks, SpendingFunction spending, int k, double alpha) {
        int paths = StudentizedBoundaries.PATHS;
        double cap = looks.get(looks.size() - 1);
        boolean[] stopped = new boolean[paths];
        int crossed = 0;
        double spentBefore = 0;
        for (int j = 0; ; j++) {
            double spent = spending.spent(looks.get(j) / cap, alpha);
            int target = (int) Math.round(spent * paths) - crossed;
            double b;
            if (target < StudentizedBoundaries.MIN_CROSSINGS) {
                double tail = (spent - spentBefore) / 2;
                b = tail <= 0 ? Double.POSITIVE_INFINITY : TDistribution.of(looks.get(j) - 1).inverseSurvivalProbability(tail);
            } else {
                // the target-th largest |T| among the paths still going, as StudentizedBoundaries takes it
                b = Double.NaN;
                int alive = 0;
                for (int i = 0; i < paths; i++) {
                    if (stopped[s.path[j][i]]) continue;
                    if (++alive == target) {
                        b = s.value[j][i];
                        break;
                    }
                }
            }
            if (j == k) return b;
            for (int i = 0; i < paths && s.value[j][i] >= b; i++) {
                int p = s.path[j][i];
                if (!stopped[p]) {
                    stopped[p] = true;
                    crossed++;
                }
            }
            spentBefore = spent;
        }
    }

    private static synchronized Sorted sorted(List<Integer> looks) {
        return CACHE.computeIfAbsent(List.copyOf(looks), RepeatedPValue::sort);
    }

    private static Sorted sort(List<Integer> looks) {
        double[][] t = StudentizedBoundaries.absT(looks);
        int paths = StudentizedBoundaries.PATHS;
        double[][] value = new double[t.length][paths];
        int[][] path = new int[t.length][paths];
        for (int j = 0; j < t.length; j++) {
            // sort (value, path) pairs as longs: the float's bits (order-preserving for values >= 0) above the path index,
            // then put values that share a float back in exact double order
            long[] keys = new long[paths];
            for (int p = 0; p < paths; p++) keys[p] = ((long) Float.floatToIntBits((float) t[j][p]) << 32) | p;
            Arrays.sort(keys);
            for (int i = 0; i < paths; i++) {
                int p = (int) keys[paths - 1 - i];
                path[j][i] = p;
                value[j][i] = t[j][p];
            }
            for (int i = 1; i < paths; i++) {
                for (int m = i; m > 0 && value[j][m] > value[j][m - 1]; m--) {
                    double v = value[j][m];
                    value[j][m] = value[j][m - 1];
                    value[j][m - 1] = v;
                    int q = path[j][m];
                    path[j][m] = path[j][m - 1];
                    path[j][m - 1] = q;
                }
            }
        }
        return new Sorted(value, path);
    }
}
