package claimsweep.stats.sequential;

import java.util.Locale;

/**
 * What a paired claim says about the mean difference d = treatment - control, with margin delta
 * &gt; 0 (issue 15's claim language): {@code greater} d &gt;= delta, {@code less} d &lt;= -delta,
 * {@code equivalent} |d| &lt; delta, {@code noninferior} d &gt; -delta.
 */
public enum Direction {
    GREATER, LESS, EQUIVALENT, NONINFERIOR;

    /** The claim-file spelling: greater, less, equivalent, noninferior. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the claim-file spelling; the error lists the four choices. */
    public static Direction parse(String s) {
        for (Direction d : values()) if (d.label().equals(s)) return d;
        throw new IllegalArgumentException("direction: found \"" + s + "\", expected one of greater, less, equivalent, noninferior");
    }
}
