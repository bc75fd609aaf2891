package claimsweep.stats.sequential;

import java.util.Locale;

/**
 * What an interval says about a claim (issue 15's verdict kinds that an interval can decide;
 * "not testable" and "premise not met" are decided before any interval, by the claims engine).
 * OPEN is "inconclusive" while seeds may still be added.
 */
public enum Outcome {
    /** The interval shows the claimed effect (see {@link SupportRule} for how the margin is read). */
    SUPPORTED,
    /** A real effect in the claimed direction, but the whole interval is below the margin. */
    WEAKER_THAN_CLAIMED,
    /** The whole interval is inside +-margin: any effect is smaller than the margin. */
    NO_EFFECT,
    /** The whole interval is on the wrong side of zero (for equivalence and non-inferiority: beyond the margin). */
    OPPOSITE,
    /** Nothing decided yet; reported as "inconclusive" when no more seeds will come. */
    OPEN;

    /** The claims table's wording. */
    public String label() {
        return this == OPEN ? "inconclusive" : name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public boolean decided() {
        return this != OPEN;
    }
}
