package claimsweep.stats.sequential;

/**
 * The hedged capital process of Waudby-Smith &amp; Ramdas, "Estimating means of bounded random
 * variables by betting", JRSS-B 86(1), 2024 (arXiv:2010.09686), Section 4, Theorem 3, with their
 * predictable plug-in (PrPl) bets (section, theorem and equation numbers as cited by third-party
 * implementations; the PDF itself could not be opened where this was written). On observations x_i in [0, 1] (the differences rescaled by the
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
    /** Root-finding stops when the bracket is this narrow on the [0, 1] scale (1e-9 of the bounds' width). */
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
        // ln K+ at the current lower end and ln K- at the upper end, carried from seed to seed: while an
        // end stays put, one new factor tells whether the new seed moves it (O(1) instead of O(t)).
        double plusAtLo = 0;
        double minusAtHi = 0;
        for (int t = 1; t <= x.length; t++) {
            sum += differences[t - 1];
            plusAtLo += k.plusFactor(t - 1, lo);
            minusAtHi += k.minusFactor(t - 1, hi);
            // Only a move inside the current interval can change the running intersection.
            if (plusAtLo >= k.logThreshold) {
                lo = k.root(true, t, lo, hi);
                plusAtLo = k.rejectedLog;
            }
            if (minusAtHi >= k.logThreshold) {
                hi = k.root(false, t, hi, lo);
                minusAtHi = k.rejectedLog;
            }
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

    /** ln of seed i's factor (0-based) in K+(m). */
    double plusFactor(int i, double m) {
        return Math.log(1 + Math.min(lambda[i], m > 0 ? c / m : Double.POSITIVE_INFINITY) * (x[i] - m));
    }

    /** ln of seed i's factor (0-based) in K-(m). */
    double minusFactor(int i, double m) {
        return Math.log(1 - Math.min(lambda[i], m < 1 ? c / (1 - m) : Double.POSITIVE_INFINITY) * (x[i] - m));
    }

    /** ln K+_t(m): grows when the data sit above m. */
    double logPlus(int t, double m) {
        return plus(t, m, false);
    }

    /** ln K-_t(m): grows when the data sit below m. */
    double logMinus(int t, double m) {
        return minus(t, m, false);
    }

    /** The derivative in m of the last {@link #plus}/{@link #minus} evaluated with {@code slope = true}. */
    private double slope;

    /** ln K+_t(m), and with {@code slope} its derivative in m into {@link #slope}. */
    private double plus(int t, double m, boolean withSlope) {
        double cap = m > 0 ? c / m : Double.POSITIVE_INFINITY;
        double log = 0;
        double d = 0;
        for (int i = 0; i < t; i++) {
            double bet = Math.min(lambda[i], cap);
            double factor = 1 + bet * (x[i] - m);
            log += Math.log(factor);
            // d/dm ln(1 + bet (x - m)) is -bet / factor with a fixed bet, and -c x / (m^2 factor) when bet = c/m.
            if (withSlope) d -= (lambda[i] <= cap ? bet : c * x[i] / (m * m)) / factor;
        }
        slope = d;
        return log;
    }

    /** ln K-_t(m), and with {@code slope} its derivative in m into {@link #slope}. */
    private double minus(int t, double m, boolean withSlope) {
        double cap = m < 1 ? c / (1 - m) : Double.POSITIVE_INFINITY;
        double log = 0;
        double d = 0;
        for (int i = 0; i < t; i++) {
            double bet = Math.min(lambda[i], cap);
            double factor = 1 - bet * (x[i] - m);
            log += Math.log(factor);
            // With bet = c/(1-m) the factor is 1 - c + c (1 - x)/(1 - m), whose derivative is c (1 - x)/(1 - m)^2.
            if (withSlope) d += (lambda[i] <= cap ? bet : c * (1 - x[i]) / ((1 - m) * (1 - m))) / factor;
        }
        slope = d;
        return log;
    }

    /** ln K at the point the last {@link #root} returned. */
    private double rejectedLog;

    /**
     * The boundary between a rejected end and an accepted end of the monotone ln K -/+ threshold,
     * returning the rejected side of the final bracket, so that the reported interval never loses a
     * candidate the sequence has not rejected. Newton steps from the rejected end (the boundary moves
     * little from one seed to the next, so two or three steps usually do), kept inside the bracket
     * and at least a quarter tolerance from its ends so that the bracket always closes; a bisection
     * step whenever Newton leaves the bracket and every eighth step bounds the worst case (the kinks
     * where a bet hits its truncation). This is what keeps the 2,000-sequence simulations fast.
     * The other end is not checked first: if it is rejected too, the iterates walk up to it and the
     * result is within the tolerance of it, which is what the check would have returned.
     *
     * @param plusSide true for the lower end (K+, decreasing in m), false for the upper end (K-)
     * @param rejected an m the side rejects at time t
     * @param accepted the running interval's other end
     */
    private double root(boolean plusSide, int t, double rejected, double accepted) {
        double m = rejected;
        double f = (plusSide ? plus(t, m, true) : minus(t, m, true)) - logThreshold;
        rejectedLog = f + logThreshold;
        for (int iter = 0; iter < 200 && Math.abs(accepted - rejected) > TOLERANCE; iter++) {
            double lo = Math.min(rejected, accepted) + TOLERANCE / 4;
            double hi = Math.max(rejected, accepted) - TOLERANCE / 4;
            double next = m - f / slope;
            if (!(next > lo - TOLERANCE && next < hi + TOLERANCE) || iter % 8 == 7) next = (rejected + accepted) / 2;
            m = Math.max(lo, Math.min(hi, next));
            f = (plusSide ? plus(t, m, true) : minus(t, m, true)) - logThreshold;
            if (f >= 0) {
                rejected = m;
                rejectedLog = f + logThreshold;
            } else {
                accepted = m;
            }
        }
        return rejected;
    }
}
