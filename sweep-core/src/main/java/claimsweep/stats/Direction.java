package claimsweep.stats;

import java.util.Locale;

/**
 * The hypothesis a claim states about the treatment-minus-control difference: {@code greater} or
 * {@code less} (superiority: the effect clears zero and reaches the margin), {@code equivalent}
 * (TOST: the difference lies within +-margin) or {@code noninferior} (the treatment is not worse than
 * the control by the margin or more, "worse" in the metric's own orientation). The sequential
 * designs read the same four on d = treatment - control with margin delta &gt; 0: greater d &gt;= delta,
 * less d &lt;= -delta, equivalent |d| &lt; delta, noninferior d &gt; -delta.
 */
public enum Direction {
    GREATER, LESS, EQUIVALENT, NONINFERIOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the claim-file spelling (any case); the error lists the four choices. */
    public static Direction parse(String s) {
        for (Direction d : values()) if (d.label().equals(s.trim().toLowerCase(Locale.ROOT))) return d;
        throw new IllegalArgumentException("direction: found \"" + s + "\", expected one of greater, less, equivalent, noninferior");
    }

    /** The comparison in words, for "X greater than Y": greater than, less than, equivalent to, not worse than. */
    public String comparison() {
        return switch (this) {
            case GREATER -> "greater than";
            case LESS -> "less than";
            case EQUIVALENT -> "equivalent to";
            case NONINFERIOR -> "not worse than";
        };
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
