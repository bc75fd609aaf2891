package claimsweep.stats;

import java.util.Arrays;

/** Descriptive statistics shared by the rules and the calibration. */
public final class Summary {
    private Summary() {}

    /** The sample standard deviation (n - 1 in the denominator). */
    public static double sampleSd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (v.length - 1));
    }
}
