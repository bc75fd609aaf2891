package claimsweep.stats.sequential;

/**
 * The confidence sequence after {@code n} paired seeds: the running intersection of every interval
 * so far (so it only ever shrinks) and the plain mean of the first n differences.
 *
 * @param n     number of paired seeds seen, &gt;= 1
 * @param lower lower end, on the scale of the differences
 * @param upper upper end, &gt;= lower
 * @param mean  mean of the first n differences (the point estimate; the interval is not centred on it)
 */
public record Interval(int n, double lower, double upper, double mean) {
    public Interval {
        if (n < 1) throw new IllegalArgumentException("interval n: found " + n + ", expected >= 1 seed");
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval after " + n + " seeds: found [" + lower + ", " + upper
                    + "], expected lower <= upper");
        }
    }

    public double halfWidth() {
        return (upper - lower) / 2;
    }

    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }
}
