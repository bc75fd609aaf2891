package claimsweep.stats;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.TTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

import java.util.Arrays;

/**
 * The paired comparison behind most verdicts: per-seed differences d_i = treatment_i - control_i
 * (the arms share seeds), their mean with a 95% t confidence interval, the exact two-sided
 * Wilcoxon signed-rank p, how many seeds agree with the claimed direction, and the TOST
 * equivalence p within +-delta. Distributions and tests come from Apache Commons Statistics.
 *
 * @param n         number of paired seeds
 * @param mean      mean difference
 * @param ciLow     lower end of the 95% t interval of the mean difference
 * @param ciHigh    upper end
 * @param pSignRank exact two-sided Wilcoxon signed-rank p (1 when every difference is 0)
 * @param kAgree    seeds whose difference has the claimed sign (strictly)
 * @param pEquiv    two one-sided tests p for |mean| < delta (the larger of the two one-sided p's)
 */
public record PairedComparison(int n, double mean, double ciLow, double ciHigh, double pSignRank, int kAgree,
                               double pEquiv) {

    /**
     * @param direction +1 when the claim says treatment > control, -1 when it says treatment < control
     * @param delta     the equivalence margin (> 0)
     */
    public static PairedComparison of(double[] treatment, double[] control, int direction, double delta) {
        if (treatment.length != control.length) {
            throw new IllegalArgumentException("paired arms differ in length: " + treatment.length + " vs " + control.length);
        }
        if (direction != 1 && direction != -1) throw new IllegalArgumentException("direction must be +1 or -1");
        int n = treatment.length;
        if (n < 2) throw new IllegalArgumentException("a paired comparison needs >= 2 seeds, got " + n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = treatment[i] - control[i];
        double mean = Arrays.stream(d).average().orElseThrow();
        double var = 0;
        for (double x : d) var += (x - mean) * (x - mean);
        double se = Math.sqrt(var / (n - 1) / n);
        double t = TDistribution.of(n - 1).inverseSurvivalProbability(0.025);
        int agree = 0;
        for (double x : d) if (Math.signum(x) == direction) agree++;
        boolean allZero = Arrays.stream(d).allMatch(x -> x == 0);
        double pRank = allZero ? 1.0 : WilcoxonSignedRankTest.withDefaults().with(PValueMethod.EXACT).test(d).getPValue();
        double pEquiv;
        if (se == 0) {
            pEquiv = Math.abs(mean) < delta ? 0.0 : 1.0;
        } else {
            double pLower = TTest.withDefaults().withMu(-delta).with(AlternativeHypothesis.GREATER_THAN).test(d).getPValue();
            double pUpper = TTest.withDefaults().withMu(delta).with(AlternativeHypothesis.LESS_THAN).test(d).getPValue();
            pEquiv = Math.max(pLower, pUpper);
        }
        return new PairedComparison(n, mean, mean - t * se, mean + t * se, pRank, agree, pEquiv);
    }
}
