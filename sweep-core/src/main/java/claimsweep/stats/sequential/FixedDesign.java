package claimsweep.stats.sequential;

/**
 * The fixed-n design with the same guarantee as the sequence, for saying how many runs adaptive
 * seeding saved: the number of seeds a design that fixes n in advance and looks once would need
 * for an interval as narrow as the sequence's, with the same alpha, for any distribution within
 * the same bounds.
 *
 * <p>The fixed interval is Bernstein's: for n i.i.d. differences with variance sigma^2 and
 * |d_i - mean| &lt;= M (M = the bounds' width), P(|mean_n - mean| &gt;= eps) &lt;= 2 exp(-n eps^2 /
 * (2 sigma^2 + 2 M eps / 3)), so with L = ln(2/alpha) the two-sided half-width is
 * <pre>  eps(n) = (M L / 3 + sqrt((M L / 3)^2 + 2 n sigma^2 L)) / n.</pre>
 * It is given the variance (the sample sd of the seeds seen, as a planner would plug in a pilot
 * estimate), which a real fixed design would have to estimate and pay for; the comparison
 * therefore favours the fixed design, and "seeds saved" is if anything understated. Like the
 * sequence, it pays for the bounds: the M L / 3 term does not shrink with a small variance.
 *
 * @param halfWidth the half-width to reach, on the differences' scale
 * @param sd        the standard deviation of one difference assumed by the design
 * @param seeds     the smallest n with eps(n) &lt;= halfWidth
 */
public record FixedDesign(double halfWidth, double sd, int seeds) {
    /** The largest n searched; a design needing more is reported as this many (see {@link #seedsFor}). */
    public static final int MAX_SEEDS = 1_000_000;

    public FixedDesign {
        if (!(halfWidth > 0)) throw new IllegalArgumentException("fixed design half-width: found " + halfWidth + ", expected > 0");
        if (!(sd >= 0)) throw new IllegalArgumentException("fixed design sd: found " + sd + ", expected >= 0");
        if (seeds < 1) throw new IllegalArgumentException("fixed design seeds: found " + seeds + ", expected >= 1");
    }

    /** Bernstein's two-sided half-width after n seeds (see the class comment). */
    public static double halfWidth(int n, double sd, SequenceSettings s) {
        if (n < 1) throw new IllegalArgumentException("fixed design: found n = " + n + ", expected >= 1");
        double l = Math.log(2 / s.alpha());
        double b = s.range() * l / 3;
        return (b + Math.sqrt(b * b + 2 * n * sd * sd * l)) / n;
    }

    /** The smallest n whose Bernstein half-width is at most {@code halfWidth} (capped at {@link #MAX_SEEDS}). */
    public static int seedsFor(double halfWidth, double sd, SequenceSettings s) {
        if (!(halfWidth > 0)) throw new IllegalArgumentException("fixed design half-width: found " + halfWidth + ", expected > 0");
        // eps(n) decreases in n: bisection on [1, MAX_SEEDS].
        if (halfWidth(MAX_SEEDS, sd, s) > halfWidth) return MAX_SEEDS;
        int lo = 0;
        int hi = MAX_SEEDS;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (halfWidth(mid, sd, s) <= halfWidth) hi = mid;
            else lo = mid;
        }
        return hi;
    }

    /**
     * The fixed design matching the sequence after n seeds (n &gt;= 2): the same half-width, the sd
     * of those n seeds. Its {@link #seeds()} minus n is the runs adaptive seeding saved per arm
     * (negative when the fixed design would have needed fewer: the price of being free to stop).
     */
    public static FixedDesign matching(ConfidenceSequence cs, int n) {
        Interval iv = cs.at(n);
        double sd = cs.sd(n);
        // A collapsed interval (half-width 0) cannot be matched by any finite design.
        double h = Math.max(iv.halfWidth(), Double.MIN_NORMAL);
        return new FixedDesign(h, sd, seedsFor(h, sd, cs.settings()));
    }

    /** Seeds a fixed design needs beyond {@code used} (the runs per arm adaptive seeding saved; negative if it cost). */
    public int savedAgainst(int used) {
        return seeds - used;
    }
}
