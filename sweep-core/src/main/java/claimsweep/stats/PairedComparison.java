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
        double pRank = signRankP(d);
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

    /** Largest number of non-zero differences whose 2^n sign flips are enumerated exactly. */
    static final int EXACT_LIMIT = 20;

    /**
     * Two-sided Wilcoxon signed-rank p. Zero differences are dropped (Wilcoxon's convention). Up to
     * {@link #EXACT_LIMIT} differences the p is exact even with tied magnitudes (mid-ranks, all 2^n
     * sign assignments enumerated), since tied seeds are common when effects are quantized (accuracy
     * on a fixed set); Commons Statistics' exact method assumes no ties. Beyond that, Commons'
     * asymptotic p with tie and continuity correction.
     */
    static double signRankP(double[] diffs) {
        double[] d = Arrays.stream(diffs).filter(x -> x != 0).toArray();
        int n = d.length;
        if (n == 0) return 1.0;
        if (n > EXACT_LIMIT) return WilcoxonSignedRankTest.withDefaults().with(PValueMethod.AUTO).test(d).getPValue();
        double[] abs = Arrays.stream(d).map(Math::abs).toArray();
        double[] ranks = midRanks(abs);
        double wObs = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += ranks[i];
            if (d[i] > 0) wObs += ranks[i];
        }
        double centre = total / 2;
        double obsDev = Math.abs(wObs - centre) - 1e-9; // tolerance for floating mid-ranks
        long extreme = 0;
        long count = 1L << n;
        for (long mask = 0; mask < count; mask++) {
            double w = 0;
            for (int i = 0; i < n; i++) if ((mask & (1L << i)) != 0) w += ranks[i];
            if (Math.abs(w - centre) >= obsDev) extreme++;
        }
        return (double) extreme / count;
    }

    private static double[] midRanks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) j++;
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[idx[k]] = mid;
            i = j + 1;
        }
        return r;
    }
}
