package claimsweep.stats.sequential;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Locale;

/**
 * A Lan-DeMets alpha-spending function: the share of the two-sided type I error spent by the time
 * the fraction t of the planned information (here: of the planned maximum seeds) has been seen,
 * with alpha(0) = 0 and alpha(1) = alpha. The group-sequential boundaries are chosen so that the
 * probability of crossing at or before each look equals the spending function there (Lan &amp;
 * DeMets, Biometrika 1983; formulas as in gsDesign's {@code sfLDOF} and {@code sfLDPocock}).
 */
public enum SpendingFunction {
    /**
     * O'Brien-Fleming type: each side spends 2 - 2 Phi(z_{1-alpha/4} / sqrt(t)) of its alpha/2, so the
     * two-sided total is alpha(t) = 4 - 4 Phi(z_{1-alpha/4} / sqrt(t)). This is the convention of
     * gsDesign's {@code sfLDOF} at one-sided alpha/2, ldbounds and rpact, whose published boundaries
     * (4 looks at 0.05: 4.333, 2.963, 2.359, 2.014) GroupSequentialBoundariesTest reproduces; Lan &amp;
     * DeMets' own two-sided form 2 - 2 Phi(z_{1-alpha/2} / sqrt(t)) spends more early (3.920 at the
     * first of those looks). Almost nothing is spent early (after 4 of 24 seeds, 8e-8 of 0.05), so
     * the first looks stop only for huge effects and the last look is nearly the fixed-n test.
     */
    OBRIEN_FLEMING,
    /**
     * Pocock type, alpha(t) = alpha ln(1 + (e - 1) t): roughly equal nominal levels at every look, so
     * large effects stop early, at the price of a wider interval at the last look than O'Brien-Fleming.
     */
    POCOCK;

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    /** The cumulative two-sided alpha spent at information fraction t in [0, 1]. */
    public double spent(double t, double alpha) {
        if (!(t >= 0 && t <= 1)) throw new IllegalArgumentException("information fraction: found " + t + ", expected a number in [0, 1]");
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha: found " + alpha + ", expected a number in (0, 1)");
        if (t == 0) return 0;
        return switch (this) {
            case OBRIEN_FLEMING -> Math.min(alpha, 4 * STANDARD.survivalProbability(
                    STANDARD.inverseSurvivalProbability(alpha / 4) / Math.sqrt(t)));
            case POCOCK -> alpha * Math.log(1 + (Math.E - 1) * t);
        };
    }

    /** The sweep-file spelling: obrien-fleming, pocock. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace("obrien_fleming", "obrien-fleming");
    }

    /** Parses the sweep-file spelling; the error lists the choices. */
    public static SpendingFunction parse(String s) {
        for (SpendingFunction f : values()) if (f.label().equals(s)) return f;
        throw new IllegalArgumentException("spending function: found \"" + s + "\", expected one of obrien-fleming, pocock");
    }
}
