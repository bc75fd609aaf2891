package claimsweep.stats;

import java.util.Locale;

/**
 * The hypothesis a claim states about the treatment-minus-control difference: {@code greater} or
 * {@code less} (superiority: the effect clears zero and reaches the margin), {@code equivalent}
 * (TOST: the difference lies within +-margin) or {@code noninferior} (the treatment is not worse than
 * the control by the margin or more, "worse" in the metric's own orientation).
 */
public enum Direction {
    GREATER, LESS, EQUIVALENT, NONINFERIOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** +1 for greater, -1 for less; for the other two the sign of "better" comes from the metric. */
    public int sign(boolean higherIsBetter) {
        return switch (this) {
            case GREATER -> 1;
            case LESS -> -1;
            case EQUIVALENT, NONINFERIOR -> higherIsBetter ? 1 : -1;
        };
    }
}
