package claimsweep.stats;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;

/**
 * The one inference behind every paired verdict: a paired t analysis of per-seed differences
 * d_i = treatment_i - control_i (one value per seed). The CI and every p come from the same t
 * distribution with n - 1 degrees of freedom, so they never disagree: the two-sided p is below 0.05
 * exactly when the 95% CI excludes 0, the TOST p is below 0.05 exactly when the 90% CI lies inside
 * +-margin, and the non-inferiority p is below 0.05 exactly when the 90% CI's lower end clears
 * -margin. (A sign-flip permutation test was the alternative; with 6 seeds its smallest two-sided
 * p is 1/32, so no claim could survive Holm's correction over several primaries.)
 *
 * @param n     paired seeds
 * @param mean  mean difference
 * @param sd    sample standard deviation of the differences
 * @param df    n - 1
 */
public record PairedTest(int n, double mean, double sd, int df) {
    public static final double ALPHA = 0.05;

    public static PairedTest of(double[] treatment, double[] control) {
        if (treatment.length != control.length) {
            throw new IllegalArgumentException("paired arms differ in length: " + treatment.length + " vs " + control.length);
        }
        double[] d = new double[treatment.length];
        for (int i = 0; i < d.length; i++) d[i] = treatment[i] - control[i];
        return ofDifferences(d);
    }

    public static PairedTest ofDifferences(double[] d) {
        int n = d.length;
        if (n < 2) throw new IllegalArgumentException("a paired comparison needs >= 2 seeds, got " + n);
        double mean = Arrays.stream(d).average().orElseThrow();
        double ss = 0;
        for (double x : d) ss += (x - mean) * (x - mean);
        return new PairedTest(n, mean, Math.sqrt(ss / (n - 1)), n - 1);
    }

    public double se() {
        return sd / Math.sqrt(n);
    }

    /** Every difference the same: the t statistic is undefined and the CI a point. */
    public boolean zeroVariance() {
        return !(se() > 0);
    }

    /** The two-sided (1 - 2 x tail) CI: {low, high}; tail 0.025 gives the 95% CI, 0.05 the 90% CI. */
    public double[] ci(double tail) {
        if (zeroVariance()) return new double[] {mean, mean};
        double t = TDistribution.of(df).inverseSurvivalProbability(tail);
        return new double[] {mean - t * se(), mean + t * se()};
    }

    /** P(T >= observed) under a true mean of {@code mu}: small when the mean is clearly above mu. */
    public double pAbove(double mu) {
        if (zeroVariance()) return mean > mu ? 0 : 1;
        return TDistribution.of(df).survivalProbability((mean - mu) / se());
    }

    /** P(T <= observed) under a true mean of {@code mu}: small when the mean is clearly below mu. */
    public double pBelow(double mu) {
        if (zeroVariance()) return mean < mu ? 0 : 1;
        return TDistribution.of(df).cumulativeProbability((mean - mu) / se());
    }

    /** Two-sided p against a zero difference. */
    public double pTwoSided() {
        return Math.min(1, 2 * Math.min(pAbove(0), pBelow(0)));
    }

    /** Two one-sided tests against +-margin: below 0.05 means equivalent within the margin. */
    public double pEquivalent(double margin) {
        return Math.max(pAbove(-margin), pBelow(margin));
    }

    /** Seeds whose difference has the sign {@code sign} (strictly). */
    public static int agreeing(double[] d, int sign) {
        int k = 0;
        for (double x : d) if (Math.signum(x) == sign) k++;
        return k;
    }
}
