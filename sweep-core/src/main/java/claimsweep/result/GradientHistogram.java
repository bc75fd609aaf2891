package claimsweep.result;

import java.util.ArrayList;
import java.util.List;

/**
 * The distribution of one layer's gradient values at one evaluation point, as counts over a fixed
 * set of buckets that is the same for every layer, run and version: so histograms from different
 * runs compare bucket by bucket, and a result stores only counts. Gradients span many decades
 * (claim B6 measures 1e-12 to 1), so the buckets are log-spaced in magnitude and mirrored for
 * negative values: the right edges are -100, -100 * 10^-1/4, ..., -1e-10, then 1e-10, ..., 100,
 * then {@link Double#MAX_VALUE}. Bucket {@code i} holds the values v with
 * {@code LIMITS[i-1] < v <= LIMITS[i]} (TensorBoard's HistogramProto convention), so the bucket
 * with right edge 1e-10 holds everything in (-1e-10, 1e-10], exact zeros included.
 *
 * <p>Only the run of buckets from the first to the last non-empty one is kept ({@code offset} is the
 * index of the first); values that are NaN or infinite are not counted, and min, max, sum and
 * sumSquares are over the counted values.
 *
 * @param min        smallest counted value (NaN when none was counted)
 * @param max        largest counted value (NaN when none was counted)
 * @param sum        sum of the counted values
 * @param sumSquares sum of their squares
 * @param offset     index in {@link #LIMITS} of the first kept bucket
 * @param counts     counts of buckets {@code offset ..}, each {@code >= 0}
 */
public record GradientHistogram(double min, double max, double sum, double sumSquares, int offset, List<Long> counts) {
    /** Quarter decades between the smallest and the largest magnitude edge. */
    private static final int STEPS_PER_DECADE = 4;
    private static final int SMALLEST_EXP = -10;
    private static final int LARGEST_EXP = 2;
    /** Right edges of the buckets, ascending; the last is Double.MAX_VALUE. */
    public static final List<Double> LIMITS = limits();
    /** The same, unboxed: bucketOf runs for every gradient value at each evaluation point. */
    private static final double[] LIMIT_VALUES = LIMITS.stream().mapToDouble(Double::doubleValue).toArray();

    public GradientHistogram {
        counts = List.copyOf(counts);
        if (offset < 0 || offset + counts.size() > LIMITS.size()) {
            throw new IllegalArgumentException("histogram buckets " + offset + ".." + (offset + counts.size() - 1)
                    + " outside the " + LIMITS.size() + " fixed buckets");
        }
        for (Long c : counts) {
            if (c < 0) throw new IllegalArgumentException("histogram count " + c + ", expected >= 0");
        }
    }

    /** Number of counted values. */
    public long count() {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }

    /** The count of bucket {@code i} of {@link #LIMITS} (0 outside the kept run). */
    public long bucket(int i) {
        int k = i - offset;
        return k < 0 || k >= counts.size() ? 0 : counts.get(k);
    }

    /** Index of the bucket that holds {@code v}: the first limit {@code >= v}. {@code v} must be finite. */
    public static int bucketOf(double v) {
        int lo = 0;
        int hi = LIMIT_VALUES.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (LIMIT_VALUES[mid] >= v) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** Accumulates values into a histogram; not thread-safe. */
    public static final class Builder {
        private final long[] counts = new long[LIMITS.size()];
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;
        private double sumSquares;

        /** Counts {@code v}; NaN and infinities are skipped (a histogram cannot place them). */
        public void add(double v) {
            if (!Double.isFinite(v)) return;
            counts[bucketOf(v)]++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumSquares += v * v;
        }

        public GradientHistogram build() {
            int first = 0;
            while (first < counts.length && counts[first] == 0) first++;
            int last = counts.length - 1;
            while (last >= first && counts[last] == 0) last--;
            List<Long> kept = new ArrayList<>();
            for (int i = first; i <= last; i++) kept.add(counts[i]);
            boolean none = kept.isEmpty();
            return new GradientHistogram(none ? Double.NaN : min, none ? Double.NaN : max, sum, sumSquares,
                    none ? 0 : first, kept);
        }
    }

    private static List<Double> limits() {
        List<Double> magnitudes = new ArrayList<>();
        for (int k = SMALLEST_EXP * STEPS_PER_DECADE; k <= LARGEST_EXP * STEPS_PER_DECADE; k++) {
            // parsed from decimal text so that the edges are the same doubles on every JVM
            magnitudes.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6e",
                    Math.pow(10, (double) k / STEPS_PER_DECADE))));
        }
        List<Double> out = new ArrayList<>();
        for (int i = magnitudes.size() - 1; i >= 0; i--) out.add(-magnitudes.get(i));
        out.addAll(magnitudes);
        out.add(Double.MAX_VALUE);
        return List.copyOf(out);
    }
}
