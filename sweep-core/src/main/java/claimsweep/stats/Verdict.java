package claimsweep.stats;

import java.util.Locale;

/**
 * A claim's verdict with its one-sentence reason (CLAIMS.md, shared protocol): supported when the
 * 95% CI excludes 0 in the claimed direction, the effect is at least delta and the exact
 * signed-rank p is below 0.05; refuted when the CI lies inside +-delta (equivalence) or excludes 0
 * the other way with p below 0.05; inconclusive otherwise. The signed-rank condition is what makes
 * "never supported by one seed" (or two) hold: below 6 paired seeds it cannot reach 0.05.
 */
public record Verdict(Kind kind, String reason) {
    public enum Kind {
        SUPPORTED, REFUTED, INCONCLUSIVE, PARTLY_SUPPORTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public static final double ALPHA = 0.05;

    public static Verdict decide(PairedComparison c, int direction, double delta, String metric) {
        double lo = c.ciLow();
        double hi = c.ciHigh();
        String ci = String.format(Locale.ROOT, "mean %s difference %+.4g, 95%% CI [%.4g, %.4g], %d of %d seeds agree",
                metric, c.mean(), lo, hi, c.kAgree(), c.n());
        boolean excludesZeroClaimed = direction > 0 ? lo > 0 : hi < 0;
        boolean excludesZeroOpposite = direction > 0 ? hi < 0 : lo > 0;
        boolean significant = c.pSignRank() < ALPHA;
        if (excludesZeroClaimed && Math.abs(c.mean()) >= delta && !significant) {
            return new Verdict(Kind.INCONCLUSIVE, ci + "; the signed-rank p " + fmt(c.pSignRank()) + " is not below 0.05"
                    + (c.n() < 6 ? " (it cannot be with fewer than 6 paired seeds)" : ""));
        }
        if (excludesZeroClaimed && Math.abs(c.mean()) >= delta) {
            return new Verdict(Kind.SUPPORTED, ci + "; the CI excludes 0 in the claimed direction and the effect >= delta "
                    + fmt(delta));
        }
        if (excludesZeroOpposite && significant) {
            return new Verdict(Kind.REFUTED, ci + "; the CI excludes 0 in the opposite direction");
        }
        if (lo > -delta && hi < delta) {
            return new Verdict(Kind.REFUTED, ci + "; the CI lies inside +-" + fmt(delta) + " (equivalent)");
        }
        return new Verdict(Kind.INCONCLUSIVE, ci + (excludesZeroClaimed
                ? "; the effect is real but smaller than delta " + fmt(delta)
                : "; the CI includes 0 and reaches beyond +-" + fmt(delta)));
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
