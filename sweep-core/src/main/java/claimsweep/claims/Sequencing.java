package claimsweep.claims;

import java.util.Locale;

/**
 * How a paired claim is read while an adaptive sweep adds seeds ({@code sequential = group | betting};
 * README "Adaptive seeding"). Only the paired rule is read sequentially; every other rule stays
 * fixed-n and is read once at the seed cap.
 */
public enum Sequencing {
    /** Group-sequential repeated t intervals at the planned looks (Lan-DeMets, O'Brien-Fleming type): the default. */
    GROUP,
    /** The betting confidence sequence with bounds [-1, 1]: no normality assumed, far more seeds needed (accuracy metrics only). */
    BETTING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
