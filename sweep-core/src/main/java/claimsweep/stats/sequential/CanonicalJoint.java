package claimsweep.stats.sequential;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Boundary-crossing probabilities of the canonical joint distribution of group-sequential z
 * statistics under the null: Z_1..Z_K, each N(0, 1), with Z_k sqrt(t_k) a Brownian motion observed
 * at the information fractions t_1 &lt; ... &lt; t_K = 1 (independent increments; Jennison &amp;
 * Turnbull, "Group Sequential Methods", 2000, ch. 3 and 19). A two-sided symmetric test crosses at
 * look k when |Z_k| &gt;= c_k having stayed inside at every earlier look.
 *
 * <p>The recursion of Armitage, McPherson &amp; Rowe (1969), J&amp;T section 19.2: the sub-density of
 * Z_k on the paths still inside, h_1 = phi and, with Delta = t_k - t_{k-1},
 * <pre>
 *   h_k(z)       = int_{-c_{k-1}}^{c_{k-1}} h_{k-1}(u) sqrt(t_k / Delta) phi((z sqrt(t_k) - u sqrt(t_{k-1})) / sqrt(Delta)) du
 *   P(cross at k) = int h_{k-1}(u) [Phi((u sqrt(t_{k-1}) - c_k sqrt(t_k)) / sqrt(Delta))
 *                                   + Phi((-u sqrt(t_{k-1}) - c_k sqrt(t_k)) / sqrt(Delta))] du
 * </pre>
 * The integrals use Simpson's rule on an even grid over the continuation region, truncated at
 * +-{@link #TRUNCATION} (the null sub-density there is below phi(9) ~ 1e-18). The step is at most
 * 0.02 and at most a tenth of the narrowest transition kernel's sd, so the kernel is always
 * resolved; GroupSequentialBoundariesTest shows the classical constants come out to the published 3 decimals.
 */
final class CanonicalJoint {
    static final double TRUNCATION = 9;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** The bisections stop at this width on the z scale, far below the 3 decimals anyone reads. */
    private static final double Z_TOLERANCE = 1e-9;
    private static final double Z_MAX = 40;

    private final double[] t;
    private final double step;
    /** Grid and sub-density h at the last look processed (null before the first). */
    private double[] grid;
    private double[] weightedH;
    private double prevT;
    private int looks;

    private CanonicalJoint(double[] fractions) {
        t = fractions.clone();
        for (int k = 0; k < t.length; k++) {
            if (!(t[k] > (k == 0 ? 0 : t[k - 1]) && t[k] <= 1)) {
                throw new IllegalArgumentException("information fractions: found t[" + k + "] = " + t[k]
                        + ", expected strictly increasing fractions in (0, 1]");
            }
        }
        double narrowest = Math.sqrt(t[0]);
        for (int k = 1; k < t.length; k++) narrowest = Math.min(narrowest, Math.sqrt((t[k] - t[k - 1]) / t[k]));
        step = Math.min(0.02, narrowest / 10);
    }

    /** The two-sided crossing probability at each look for the given boundaries (Double.POSITIVE_INFINITY = no stop). */
    static double[] exitProbabilities(double[] fractions, double[] bounds) {
        if (bounds.length != fractions.length) {
            throw new IllegalArgumentException("boundaries: found " + bounds.length + " for " + fractions.length
                    + " looks, expected one per look");
        }
        CanonicalJoint j = new CanonicalJoint(fractions);
        double[] p = new double[fractions.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = j.crossing(bounds[k]);
            if (k + 1 < p.length) j.advance(bounds[k]);
        }
        return p;
    }

    /** Lan-DeMets boundaries: at each look the c_k whose crossing probability is the increment of the spending function. */
    static double[] spendingBounds(double[] fractions, SpendingFunction f, double alpha) {
        CanonicalJoint j = new CanonicalJoint(fractions);
        double[] c = new double[fractions.length];
        double spentBefore = 0;
        for (int k = 0; k < c.length; k++) {
            double spent = f.spent(fractions[k], alpha);
            double increment = spent - spentBefore;
            spentBefore = spent;
            c[k] = j.solve(increment);
            if (k + 1 < c.length) j.advance(c[k]);
        }
        return c;
    }

    /**
     * Classical boundaries of a fixed shape, c_k = C shape_k, with C such that the total crossing
     * probability is alpha: shape 1 is Pocock's (1977) design, shape sqrt(t_K / t_k) O'Brien &amp;
     * Fleming's (1979). These are the designs textbooks tabulate; the spending functions approximate them.
     */
    static double[] scaledBounds(double[] fractions, double[] shape, double alpha) {
        double lo = 0;
        double hi = 10;
        while (hi - lo > Z_TOLERANCE) {
            double mid = (lo + hi) / 2;
            double total = 0;
            for (double p : exitProbabilities(fractions, scale(shape, mid))) total += p;
            if (total > alpha) lo = mid;
            else hi = mid;
        }
        return scale(shape, hi);
    }

    private static double[] scale(double[] shape, double by) {
        double[] c = new double[shape.length];
        for (int k = 0; k < c.length; k++) c[k] = shape[k] * by;
        return c;
    }

    /** The boundary at the next look whose crossing probability is {@code target} (bisection; crossing falls as c rises). */
    private double solve(double target) {
        if (target <= 0) return Double.POSITIVE_INFINITY;
        double lo = 0;
        double hi = Z_MAX;
        if (crossing(hi) >= target) return hi;
        while (hi - lo > Z_TOLERANCE) {
            double mid = (lo + hi) / 2;
            if (crossing(mid) > target) lo = mid;
            else hi = mid;
        }
        return hi;
    }

    /** P(still inside before the next look, and |Z| >= c at it). */
    private double crossing(double c) {
        if (c == Double.POSITIVE_INFINITY) return 0;
        if (looks == 0) return 2 * STANDARD.survivalProbability(c);
        double tk = t[looks];
        double sd = Math.sqrt(tk - prevT);
        double a = Math.sqrt(prevT) / sd;
        double b = c * Math.sqrt(tk) / sd;
        double p = 0;
        for (int i = 0; i < grid.length; i++) {
            double u = grid[i] * a;
            p += weightedH[i] * (STANDARD.cumulativeProbability(u - b) + STANDARD.cumulativeProbability(-u - b));
        }
        return p;
    }

    /** Moves the sub-density past the next look with boundary c: h on the continuation region (-c, c). */
    private void advance(double c) {
        double edge = Math.min(c, TRUNCATION);
        int intervals = 2 * (int) Math.ceil(edge / step);
        double h = 2 * edge / intervals;
        double[] z = new double[intervals + 1];
        double[] w = new double[intervals + 1];
        for (int i = 0; i <= intervals; i++) {
            z[i] = -edge + i * h;
            w[i] = h / 3 * (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2);
        }
        double tk = t[looks];
        double[] density = new double[z.length];
        if (looks == 0) {
            for (int i = 0; i < z.length; i++) density[i] = INV_SQRT_2PI * Math.exp(-z[i] * z[i] / 2);
        } else {
            double sd = Math.sqrt(tk - prevT);
            double scale = Math.sqrt(tk) / sd * INV_SQRT_2PI;
            for (int i = 0; i < z.length; i++) {
                double zi = z[i] * Math.sqrt(tk);
                double s = 0;
                for (int j = 0; j < grid.length; j++) {
                    double x = (zi - grid[j] * Math.sqrt(prevT)) / sd;
                    if (x > -40 && x < 40) s += weightedH[j] * Math.exp(-x * x / 2);
                }
                density[i] = scale * s;
            }
        }
        weightedH = new double[z.length];
        for (int i = 0; i < z.length; i++) weightedH[i] = w[i] * density[i];
        grid = z;
        prevT = tk;
        looks++;
    }
}
