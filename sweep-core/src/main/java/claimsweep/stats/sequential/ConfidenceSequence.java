package claimsweep.stats.sequential;

import java.util.Arrays;
import java.util.List;

/**
 * An anytime-valid confidence sequence for the mean of paired differences (treatment minus control,
 * one per seed, in seed order): after every seed an interval, and with probability at least
 * 1 - alpha the true mean lies in every one of them at once. So the intervals may be read after
 * every seed and the sampling stopped whenever one of them settles the question, without the
 * error rate growing with the number of looks (the reason a fixed-n t interval recomputed after
 * each new seed cannot be used that way).
 *
 * <p>Assumptions, all of them: each difference lies within the settings' bounds, and given the
 * earlier seeds each new difference has the same mean (i.i.d. seeds satisfy this; nothing about the
 * shape, the variance or symmetry is assumed). The construction is the hedged capital process of
 * Waudby-Smith &amp; Ramdas (JRSS-B 2024), see {@link HedgedCapital} for the formulas.
 *
 * @param settings    alpha, bounds and betting truncation
 * @param differences the paired differences in seed order
 * @param path        the interval after each seed, {@code path.get(n - 1)} after n seeds; never empty
 */
public record ConfidenceSequence(SequenceSettings settings, List<Double> differences, List<Interval> path) {
    public ConfidenceSequence {
        if (settings == null) throw new IllegalArgumentException("confidence sequence: settings are missing");
        differences = List.copyOf(differences);
        path = List.copyOf(path);
        if (path.isEmpty()) throw new IllegalArgumentException("confidence sequence: found no seeds, expected >= 1");
        if (differences.size() != path.size()) {
            throw new IllegalArgumentException("confidence sequence: " + differences.size() + " differences but "
                    + path.size() + " intervals, expected one interval per difference");
        }
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).n() != i + 1) {
                throw new IllegalArgumentException("confidence sequence: interval #" + (i + 1) + " has n = "
                        + path.get(i).n() + ", expected " + (i + 1));
            }
        }
    }

    /** The sequence over the given differences, in seed order (the order matters: it is the monitoring order). */
    public static ConfidenceSequence of(double[] differencesInSeedOrder, SequenceSettings settings) {
        if (differencesInSeedOrder.length == 0) {
            throw new IllegalArgumentException("confidence sequence: found no paired differences, expected >= 1");
        }
        return new ConfidenceSequence(settings, Arrays.stream(differencesInSeedOrder).boxed().toList(),
                Arrays.asList(HedgedCapital.path(differencesInSeedOrder, settings)));
    }

    /** The differences treatment[i] - control[i], seed by seed, then {@link #of(double[], SequenceSettings)}. */
    public static ConfidenceSequence ofPairs(double[] treatment, double[] control, SequenceSettings settings) {
        if (treatment.length != control.length) {
            throw new IllegalArgumentException("paired arms differ in length: treatment has " + treatment.length
                    + " seeds, control " + control.length + "; expected the same seeds in both arms");
        }
        double[] d = new double[treatment.length];
        for (int i = 0; i < d.length; i++) d[i] = treatment[i] - control[i];
        return of(d, settings);
    }

    /** Number of seeds seen. */
    public int n() {
        return path.size();
    }

    /** The interval after n seeds, 1 &lt;= n &lt;= {@link #n()}. */
    public Interval at(int n) {
        if (n < 1 || n > path.size()) {
            throw new IllegalArgumentException("confidence sequence: asked for the interval after " + n
                    + " seeds, expected 1.." + path.size());
        }
        return path.get(n - 1);
    }

    /** Sample standard deviation (n - 1 denominator) of the first n differences, n &gt;= 2. */
    public double sd(int n) {
        if (n < 2 || n > differences.size()) {
            throw new IllegalArgumentException("confidence sequence: a standard deviation needs 2.." + differences.size()
                    + " seeds, asked for " + n);
        }
        double mean = at(n).mean();
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (differences.get(i) - mean) * (differences.get(i) - mean);
        return Math.sqrt(ss / (n - 1));
    }

    /** The interval after the last seed. */
    public Interval last() {
        return path.get(path.size() - 1);
    }
}
