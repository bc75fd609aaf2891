package claimsweep.stats.sequential;

/**
 * The hedged capital process of Waudby-Smith &amp; Ramdas, "Estimating means of bounded random
 * variables by betting", JRSS-B 86(1), 2024 (arXiv:2010.09686), Section 4, Theorem 3, with their
 * predictable plug-in (PrPl) bets. On observations x_i in [0, 1] (the differences rescaled by the
 * bounds) and a candidate mean m:
 * <pre>
 *   mu_t      = (1/2 + sum_{i&lt;=t} x_i) / (t + 1)                         regularized running mean
 *   sigma2_t  = (1/4 + sum_{i&lt;=t} (x_i - mu_i)^2) / (t + 1)               regularized running variance
 *   lambda_t  = sqrt( 2 ln(2/alpha) / (sigma2_{t-1} * t * ln(1 + t)) )     the PrPl bet (sigma2_0 = 1/4)
 *   K+_t(m)   = prod_{i&lt;=t} (1 + min(lambda_i, c/m)     (x_i - m))
 *   K-_t(m)   = prod_{i&lt;=t} (1 - min(lambda_i, c/(1-m)) (x_i - m))
 *   K_t(m)    = max(theta K+_t(m), (1 - theta) K-_t(m)),  theta = 1/2
 *   C_t       = { m : K_t(m) &lt; 1/alpha },  intersected over time
 * </pre>
 * (arXiv v6 numbers the bet as eq. (32), per a third-party implementation that checked it against
 * the PDF; the formulas above agree with the authors' own package, confseq's {@code hedged_cs} and
 * {@code lambda_predmix_eb}, with the log(2/alpha) of the paper's hedged bet.) If m is the true
 * mean both products are nonnegative martingales (lambda_i depends only on x_1..x_{i-1}, and the
 * truncation keeps every factor &gt;= 1 - c &gt; 0), so by Ville's inequality K ever reaches 1/alpha
 * with probability at most alpha, whatever the stopping rule: that is the anytime guarantee.
 *
 * <p>Why roots instead of the paper's grid: every factor of K+ falls as m rises and every factor
 * of K- rises, so K+ is decreasing and K- increasing in m, and C_t is exactly the interval
 * (l_t, u_t) with theta K+_t(l_t) = 1/alpha and (1 - theta) K-_t(u_t) = 1/alpha. Each end is
 * found by bracketed root-finding, reporting the rejected side (the conservative side), to {@link #TOLERANCE}
 * on the [0, 1] scale. Since the sets each side rejects grow towards the other side, the running
 * intersection is the same as "every m ever rejected stays rejected".
 */
final class HedgedCapital {
    /** Bisection stops when the bracket is this narrow on the [0, 1] scale (1e-9 of the bounds' width). */
    static final double TOLERANCE = 1e-9;

    private final double[] x;
    private final double[] lambda;
    private final double logThreshold;
    private final double c;

    private HedgedCapital(double[] x, double alpha, double c) {
        this.x = x;
        this.c = c;
        this.lambda = bets(x, alpha);
        // theta = 1/2: theta K+ >= 1/alpha  <=>  K+ >= 2/alpha, the same for K-.
        this.logThreshold = Math.log(2 / alpha);
    }

    /** The PrPl bets lambda_1..lambda_n; lambda_t uses x_1..x_{t-1} only (predictable). */
    static double[] bets(double[] x, double alpha) {
        double[] out = new double[x.length];
        double sum = 0;
        double squares = 0;
        double sigma2Previous = 0.25;
        double logTerm = 2 * Math.log(2 / alpha);
        for (int i = 0; i < x.length; i++) {
            int t = i + 1;
            out[i] = Math.sqrt(logTerm / (sigma2Previous * t * Math.log1p(t)));
            sum += x[i];
            double mu = (0.5 + sum) / (t + 1);
            squares += (x[i] - mu) * (x[i] - mu);
            sigma2Previous = (0.25 + squares) / (t + 1);
        }
        return out;
    }

    /**
     * The running-intersection path of the confidence sequence, on the differences' scale.
     *
     * @param differences paired differences in seed order, each within the settings' bounds
     */
    static Interval[] path(double[] differences, SequenceSettings s) {
        double[] x = new double[differences.length];
        for (int i = 0; i < x.length; i++) {
            double d = differences[i];
            if (!(d >= s.lowerBound() && d <= s.upperBound())) {
                throw new IllegalArgumentException("paired difference #" + (i + 1) + " (seed order): found " + d
                        + ", expected a number within the declared bounds [" + s.lowerBound() + ", " + s.upperBound()
                        + "]; widen the bounds (the guarantee holds only inside them) or check the metric");
            }
            x[i] = (d - s.lowerBound()) / s.range();
        }
        HedgedCapital k = new HedgedCapital(x, s.alpha(), s.truncation());
        Interval[] out = new Interval[x.length];
        double lo = 0;
        double hi = 1;
        double sum = 0;
        for (int t = 1; t <= x.length; t++) {
            sum += differences[t - 1];
            // Only a move inside the current interval can change the running intersection, so one
            // evaluation at the current end usually settles it without a bisection.
            if (k.logPlus(t, lo) >= k.logThreshold) lo = k.lowerRoot(t, lo, hi);
            if (k.logMinus(t, hi) >= k.logThreshold) hi = k.upperRoot(t, lo, hi);
            if (lo > hi) {
                // Both sides rejected the same candidates: possible only on the miscoverage event
                // (probability <= alpha) or with data that contradict a constant mean; report the point
                // where the two ends crossed rather than an empty interval.
                double mid = (lo + hi) / 2;
                lo = mid;
                hi = mid;
            }
            out[t - 1] = new Interval(t, s.lowerBound() + lo * s.range(), s.lowerBound() + hi * s.range(), sum / t);
        }
        return out;
    }

    /** ln K+_t(m): grows when the data sit above m. */
    double logPlus(int t, double m) {
        double cap = m > 0 ? c / m : Double.POSITIVE_INFINITY;
        double log = 0;
        for (int i = 0; i < t; i++) log += Math.log1p(Math.min(lambda[i], cap) * (x[i] - m));
        return log;
    }

    /** ln K-_t(m): grows when the data sit below m. */
    double logMinus(int t, double m) {
        double cap = m < 1 ? c / (1 - m) : Double.POSITIVE_INFINITY;
        double log = 0;
        for (int i = 0; i < t; i++) log += Math.log1p(-Math.min(lambda[i], cap) * (x[i] - m));
        return log;
    }

    /** The largest rejected m in [from, to] (to within {@link #TOLERANCE}), given that {@code from} is rejected by K+. */
    private double lowerRoot(int t, double from, double to) {
        double fTo = logPlus(t, to) - logThreshold;
        if (fTo >= 0) return to; // K+ is decreasing in m: all of [from, to] is rejected
        return root(m -> logPlus(t, m) - logThreshold, from, logPlus(t, from) - logThreshold, to, fTo);
    }

    /** The smallest rejected m in [from, to] (to within {@link #TOLERANCE}), given that {@code to} is rejected by K-. */
    private double upperRoot(int t, double from, double to) {
        double fFrom = logMinus(t, from) - logThreshold;
        if (fFrom >= 0) return from;
        return root(m -> logMinus(t, m) - logThreshold, to, logMinus(t, to) - logThreshold, from, fFrom);
    }

    /**
     * A root of the monotone f between a rejected end (f &gt;= 0) and an accepted end (f &lt; 0),
     * returning the rejected side of the final bracket so that the reported interval never loses a
     * candidate the sequence has not rejected. Illinois (modified regula falsi): the bracket is kept,
     * so it cannot fail on the kinks where a bet hits its truncation, and it needs about a third of
     * the evaluations of bisection, which matters in the 2,000-sequence simulations.
     */
    private static double root(java.util.function.DoubleUnaryOperator f, double rejected, double fRejected,
                               double accepted, double fAccepted) {
        int kept = 0; // +1: the rejected end was kept last time, -1: the accepted end
        for (int iter = 0; iter < 200 && Math.abs(accepted - rejected) > TOLERANCE; iter++) {
            double m = (rejected * fAccepted - accepted * fRejected) / (fAccepted - fRejected);
            double lo = Math.min(rejected, accepted);
            double hi = Math.max(rejected, accepted);
            if (!(m > lo && m < hi) || iter % 8 == 7) m = (rejected + accepted) / 2; // a bisection step now and then bounds the worst case
            double fm = f.applyAsDouble(m);
            if (fm >= 0) {
                rejected = m;
                fRejected = fm;
                if (kept == -1) fAccepted /= 2;
                kept = -1;
            } else {
                accepted = m;
                fAccepted = fm;
                if (kept == 1) fRejected /= 2;
                kept = 1;
            }
        }
        return rejected;
    }
}
