package claimsweep.stats.sequential;

import claimsweep.stats.Direction;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A group-sequential design for the mean paired difference: the claim is looked at only after the
 * planned numbers of seeds (e.g. 4, 6, ..., 24), and at each look the repeated confidence interval
 * (Jennison &amp; Turnbull, "Group Sequential Methods", 2000, ch. 9) mean +- b_k s / sqrt(n_k) is read
 * exactly as a fixed-n interval ({@link SequentialDecision#read}); unlike the betting sequence's, the
 * intervals are not intersected across looks (each is read on its own). With approximately normal paired
 * differences the intervals at all looks contain the true mean simultaneously with probability
 * about 1 - alpha, so stopping at the first decided look keeps every wrong verdict at about alpha.
 *
 * <p>How b_k is made. (1) The information fraction of look k is t_k = n_k / n_K (the variance of
 * the mean falls as 1/n). (2) The z boundaries c_k are the Lan-DeMets boundaries of the spending
 * function on the canonical joint distribution ({@link CanonicalJoint}): the probability that
 * some |Z_j| &gt;= c_j by look k is exactly alpha(t_k). (3) They are carried to the paired t
 * statistics ({@link TScale}): by default by applying the same spending function to the simulated
 * joint distribution of the t statistics, which under normality is exact up to Monte-Carlo error;
 * or by matching each look's tail probability with the t distribution at n_k - 1 df, which lets
 * the total error creep over alpha (0.0571 instead of 0.05 for Pocock-type looks at 4, 6, ..., 24;
 * {@link StudentizedBoundaries} has the measurements).
 *
 * <p>What it assumes: the same as the engine's fixed-n paired t interval, i.e. independent seeds
 * with approximately normal differences, and looks at the planned seeds, not chosen after seeing
 * the data. On skewed differences (a rare diverged seed) it can be badly wrong, just like the
 * fixed-n t interval; the betting {@link ConfidenceSequence} has no such assumption but needs
 * declared bounds and far more seeds (README, "Group-sequential alternative").
 *
 * @param looks    seeds at each look, strictly increasing, the first &gt;= 2; the last is the cap
 * @param alpha    two-sided error over all looks, in (0, 1)
 * @param spending how alpha is spread over the looks
 * @param scale    how the z boundaries were carried to the t scale
 * @param zBounds  the boundary for the z statistic at each look
 * @param tBounds  the boundary for the paired t statistic at each look (the RCI multiplier)
 */
public record GroupSequentialDesign(List<Integer> looks, double alpha, SpendingFunction spending, TScale scale,
                                    List<Double> zBounds, List<Double> tBounds) {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    public GroupSequentialDesign {
        looks = List.copyOf(looks);
        zBounds = List.copyOf(zBounds);
        tBounds = List.copyOf(tBounds);
        if (spending == null) throw new IllegalArgumentException("group-sequential design: the spending function is missing");
        if (scale == null) throw new IllegalArgumentException("group-sequential design: the t scale is missing");
        if (looks.isEmpty() || zBounds.size() != looks.size() || tBounds.size() != looks.size()) {
            throw new IllegalArgumentException("group-sequential design: found " + looks.size() + " looks, "
                    + zBounds.size() + " z bounds and " + tBounds.size() + " t bounds, expected >= 1 look and one bound of each per look");
        }
    }

    /** Looks at start, start + step, ..., up to max (max is always the last look), e.g. seeds { start = 4, step = 2, max = 24 }. */
    public static GroupSequentialDesign of(int start, int step, int max, double alpha, SpendingFunction spending) {
        return of(start, step, max, alpha, spending, TScale.SIMULATED);
    }

    /** As {@link #of(int, int, int, double, SpendingFunction)} with the given way to the t scale. */
    public static GroupSequentialDesign of(int start, int step, int max, double alpha, SpendingFunction spending, TScale scale) {
        if (start < 2) throw new IllegalArgumentException("seeds.start: found " + start + ", expected >= 2 (a t interval needs 2 seeds)");
        if (step < 1) throw new IllegalArgumentException("seeds.step: found " + step + ", expected >= 1");
        if (max < start) throw new IllegalArgumentException("seeds.max: found " + max + ", expected >= seeds.start = " + start);
        List<Integer> looks = new ArrayList<>();
        for (int n = start; n < max; n += step) looks.add(n);
        looks.add(max);
        return of(looks, alpha, spending, scale);
    }

    /** A design with the given looks (seeds at each look, strictly increasing, the first &gt;= 2) and simulated t boundaries. */
    public static GroupSequentialDesign of(List<Integer> looks, double alpha, SpendingFunction spending) {
        return of(looks, alpha, spending, TScale.SIMULATED);
    }

    /** A design with the given looks and the given way to the t scale ({@link TScale}). */
    public static GroupSequentialDesign of(List<Integer> looks, double alpha, SpendingFunction spending, TScale scale) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("group-sequential alpha: found " + alpha + ", expected a number in (0, 1), e.g. 0.05");
        }
        if (looks.isEmpty()) throw new IllegalArgumentException("group-sequential looks: found none, expected >= 1");
        double cap = looks.get(looks.size() - 1);
        double[] t = new double[looks.size()];
        for (int k = 0; k < t.length; k++) {
            int n = looks.get(k);
            if (n < 2 || (k > 0 && n <= looks.get(k - 1))) {
                throw new IllegalArgumentException("group-sequential looks: found " + looks + ", expected strictly increasing seeds, the first >= 2");
            }
            t[k] = n / cap;
        }
        double[] z = CanonicalJoint.spendingBounds(t, spending, alpha);
        double[] b = StudentizedBoundaries.of(scale, looks, z, spending, alpha);
        return new GroupSequentialDesign(looks, alpha, spending, scale, Arrays.stream(z).boxed().toList(),
                Arrays.stream(b).boxed().toList());
    }

    /** The most seeds the design uses (its last look). */
    public int cap() {
        return looks.get(looks.size() - 1);
    }

    /** The two-sided nominal level of look k (0-based): what a single t test at that look is run at. */
    public double nominalAlpha(int k) {
        return 2 * STANDARD.survivalProbability(zBounds.get(k));
    }

    /** The repeated confidence interval after the first {@code looks.get(k)} differences (k 0-based). */
    public Interval repeatedInterval(double[] differencesInSeedOrder, int k) {
        int n = looks.get(k);
        if (differencesInSeedOrder.length < n) {
            throw new IllegalArgumentException("group-sequential look " + (k + 1) + " needs " + n + " paired seeds, found "
                    + differencesInSeedOrder.length);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) sum += differencesInSeedOrder[i];
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (differencesInSeedOrder[i] - mean) * (differencesInSeedOrder[i] - mean);
        double b = tBounds.get(k);
        // An infinite boundary (nothing spent at this look) gives the whole line, even when every seed agreed.
        double half = b == Double.POSITIVE_INFINITY ? b : b * Math.sqrt(ss / (n - 1) / n);
        return new Interval(n, mean - half, mean + half, mean);
    }

    /**
     * The repeated p-value at look k (0-based) of the hypothesis the claim's reading rejects: for
     * greater and less "the mean is 0" (two-sided), for equivalent "|mean| &gt;= margin", for
     * noninferior "mean &lt;= -margin" (differences oriented so that better is positive). It is the
     * smallest alpha at which this design's family (same looks and spending, that alpha) would have
     * its repeated interval at look k reject the hypothesis ({@link RepeatedPValue}), and it agrees with
     * this design's own interval: at most {@link #alpha} exactly when the repeated interval at look k
     * rejects it (the rounding of the computation never flips that), above it otherwise.
     */
    public double repeatedP(double[] differencesInSeedOrder, int k, Direction direction, double margin) {
        if (scale != TScale.SIMULATED) {
            throw new IllegalStateException("repeated p-values: the design's t scale is " + scale
                    + ", expected SIMULATED (the p-value family is computed on the simulated null paths)");
        }
        Interval iv = repeatedInterval(differencesInSeedOrder, k);
        int n = iv.n();
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (differencesInSeedOrder[i] - iv.mean()) * (differencesInSeedOrder[i] - iv.mean());
        double se = Math.sqrt(ss / (n - 1) / n);
        double distance = switch (direction) {
            case GREATER, LESS -> Math.abs(iv.mean());
            case EQUIVALENT -> margin - Math.abs(iv.mean());
            case NONINFERIOR -> iv.mean() + margin;
        };
        double x = distance <= 0 ? 0 : se == 0 ? Double.POSITIVE_INFINITY : distance / se;
        boolean rejects = switch (direction) {
            case GREATER, LESS -> iv.lower() > 0 || iv.upper() < 0;
            case EQUIVALENT -> iv.lower() > -margin && iv.upper() < margin;
            case NONINFERIOR -> iv.lower() > -margin;
        };
        double p = RepeatedPValue.of(looks, spending, k, x);
        return rejects ? Math.min(p, alpha) : Math.max(p, Math.nextUp(alpha));
    }

    /** The repeated confidence intervals at every planned look the differences reach. */
    public List<Interval> path(double[] differencesInSeedOrder) {
        List<Interval> path = new ArrayList<>();
        for (int k = 0; k < looks.size() && looks.get(k) <= differencesInSeedOrder.length; k++) {
            path.add(repeatedInterval(differencesInSeedOrder, k));
        }
        return path;
    }

    /**
     * Reads the claim at each planned look the differences reach and returns the first reading that
     * stops (decided, or the last look), or the reading at the last look reached (then {@code stop}
     * is false: the next round of seeds is needed).
     */
    public SequentialDecision firstStop(double[] differencesInSeedOrder, Direction direction, double margin, SupportRule rule) {
        List<Interval> path = path(differencesInSeedOrder);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("group-sequential design: found " + differencesInSeedOrder.length
                    + " paired seeds, expected at least the first look's " + looks.get(0));
        }
        SequentialDecision d = null;
        for (Interval iv : path) {
            d = SequentialDecision.read(iv, direction, margin, rule, cap());
            if (d.stop()) return d;
        }
        return d;
    }

    /** One sentence for the claims table, naming the interval for what it is (not an anytime-valid one). */
    public String explanation(SequentialDecision d) {
        Interval iv = d.interval();
        int k = looks.indexOf(iv.n());
        if (k < 0) {
            throw new IllegalArgumentException("group-sequential explanation: the decision is after " + iv.n()
                    + " seeds, expected one of this design's looks " + looks);
        }
        String s = String.format(Locale.ROOT, "after %d seeds (look %d of %d, %s spending): mean %+.4g, repeated %.0f%% interval "
                        + "[%.4g, %.4g], %s (%s, margin %.4g)", iv.n(), k + 1, looks.size(), spending.label(), iv.mean(),
                100 * (1 - alpha), iv.lower(), iv.upper(), d.outcome().label(), d.direction().label(), d.margin());
        return switch (d.reason()) {
            case DECIDED -> s + "; stopped: decided";
            case CAP -> s + "; stopped: the last look (" + cap() + " seeds) was reached undecided";
            case CONTINUE -> s + "; open: the next look needs " + looks.get(k + 1) + " seeds";
        };
    }
}
