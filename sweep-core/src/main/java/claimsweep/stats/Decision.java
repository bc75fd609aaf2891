package claimsweep.stats;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A paired verdict with the numbers behind it, all from one {@link PairedTest}: the effect, the CI
 * the decision read (95% for superiority, 90% for equivalence and non-inferiority, the intervals
 * that match a 0.05-level test), and the p of the claim's own hypothesis.
 *
 * @param ciLevel 95 or 90
 * @param kAgree  seeds that agree with the claim: the claimed sign (superiority), inside +-margin
 *                (equivalence), not worse by the margin (non-inferiority)
 */
public record Decision(Verdict verdict, int n, double effect, double ciLow, double ciHigh, int ciLevel, double p, int kAgree) {

    /** Decides on differences in the analysis unit, rendering numbers as they are (no transform). */
    public static Decision paired(double[] d, Direction dir, double margin, boolean higherIsBetter, String label) {
        return paired(d, dir, margin, higherIsBetter, label, DoubleUnaryOperator.identity());
    }

    /**
     * @param show how a difference is rendered in the reason (e.g. exp for log ratios); the margin is
     *             rendered as is
     */
    public static Decision paired(double[] d, Direction dir, double margin, boolean higherIsBetter, String label,
                                  DoubleUnaryOperator show) {
        PairedTest t = PairedTest.ofDifferences(d);
        int s = dir.sign(higherIsBetter);
        double a = PairedTest.ALPHA;
        return switch (dir) {
            case GREATER, LESS -> {
                double[] ci = t.ci(a / 2);
                double lo = s > 0 ? ci[0] : -ci[1];
                double hi = s > 0 ? ci[1] : -ci[0];
                double e = s * t.mean();
                String base = base(t, ci, 95, label, show, PairedTest.agreeing(d, s), "agree with the claimed sign");
                Verdict v;
                if (t.zeroVariance() && t.mean() == 0) {
                    v = Verdict.of(Verdict.Kind.NO_EFFECT, base + "; every seed's difference is exactly 0");
                } else if (lo > 0 && e >= margin) {
                    v = Verdict.of(Verdict.Kind.SUPPORTED, base + "; the CI clears 0 and the effect reaches the margin " + f(margin)
                            + (lo >= margin ? " (the whole CI is beyond it)" : "; the CI straddles the margin, so the effect may be smaller"));
                } else if (lo > 0) {
                    v = Verdict.of(Verdict.Kind.WEAKER, base + "; significant in the claimed direction but below the margin " + f(margin)
                            + (hi >= margin ? " (the CI straddles the margin)" : " (the whole CI is below it)"));
                } else if (hi < 0) {
                    v = Verdict.of(Verdict.Kind.OPPOSITE, base + "; the CI excludes 0 in the opposite direction");
                } else if (t.pEquivalent(margin) < a) {
                    double[] c90 = t.ci(a);
                    v = Verdict.of(Verdict.Kind.NO_EFFECT, base + "; the 90% CI [" + f(show.applyAsDouble(c90[0])) + ", "
                            + f(show.applyAsDouble(c90[1])) + "] lies inside +-" + f(margin) + " (TOST p " + f(t.pEquivalent(margin)) + ")");
                } else {
                    // neither decided nor equivalent to 0; still worth saying when the claimed size itself is ruled out
                    v = Verdict.of(Verdict.Kind.INCONCLUSIVE, base + "; the CI includes 0 and reaches beyond +-" + f(margin)
                            + (hi < margin ? "; its claimed-side end is below the margin, so an effect as large as claimed is excluded" : ""));
                }
                yield new Decision(v, t.n(), t.mean(), ci[0], ci[1], 95, t.pTwoSided(), PairedTest.agreeing(d, s));
            }
            case EQUIVALENT -> {
                double[] ci = t.ci(a);
                double p = t.pEquivalent(margin);
                int within = 0;
                for (double x : d) if (Math.abs(x) < margin) within++;
                String base = base(t, ci, 90, label, show, within, "lie inside +-" + f(margin));
                double[] c95 = t.ci(a / 2);
                Verdict v;
                if (p < a) {
                    v = Verdict.of(Verdict.Kind.SUPPORTED, base + "; the 90% CI lies inside +-" + f(margin) + ": equivalent (TOST p " + f(p) + ")");
                } else if (c95[0] > margin || c95[1] < -margin) {
                    v = Verdict.of(Verdict.Kind.OPPOSITE, base + "; the arms differ by more than the margin " + f(margin));
                } else {
                    v = Verdict.of(Verdict.Kind.INCONCLUSIVE, base + "; the 90% CI reaches beyond +-" + f(margin) + " (TOST p " + f(p) + ")");
                }
                yield new Decision(v, t.n(), t.mean(), ci[0], ci[1], 90, p, within);
            }
            case NONINFERIOR -> {
                double[] ci = t.ci(a);
                double worst = s > 0 ? ci[0] : -ci[1]; // the CI end on the worse side, signed so that worse < 0
                double best = s > 0 ? ci[1] : -ci[0];
                double p = s > 0 ? t.pAbove(-margin) : t.pBelow(margin);
                int ok = 0;
                for (double x : d) if (s * x > -margin) ok++;
                String base = base(t, ci, 90, label, show, ok, "are not worse by the margin");
                Verdict v;
                if (p < a) {
                    v = Verdict.of(Verdict.Kind.SUPPORTED, base + "; the 90% CI's worse end stays within the margin " + f(margin)
                            + ": not inferior (p " + f(p) + ")");
                } else if (best < -margin) {
                    v = Verdict.of(Verdict.Kind.OPPOSITE, base + "; the treatment is worse by more than the margin " + f(margin));
                } else {
                    v = Verdict.of(Verdict.Kind.INCONCLUSIVE, base + "; the 90% CI's worse end " + f(worst) + " reaches past -" + f(margin));
                }
                yield new Decision(v, t.n(), t.mean(), ci[0], ci[1], 90, p, ok);
            }
        };
    }

    /** The same decision, its effect and CI mapped (e.g. exp for a log ratio) for display. */
    public Decision mapped(DoubleUnaryOperator m) {
        return new Decision(verdict, n, m.applyAsDouble(effect), m.applyAsDouble(ciLow), m.applyAsDouble(ciHigh), ciLevel, p, kAgree);
    }

    private static String base(PairedTest t, double[] ci, int level, String label, DoubleUnaryOperator show, int k, String what) {
        return String.format(Locale.ROOT, "mean %s difference %s, %d%% CI [%s, %s], p %s, %d of %d seeds %s", label,
                f(show.applyAsDouble(t.mean())), level, f(show.applyAsDouble(ci[0])), f(show.applyAsDouble(ci[1])),
                f(level == 95 ? t.pTwoSided() : Double.NaN), k, t.n(), what).replace(", p -,", ",");
    }

    static String f(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4g", x);
    }
}
