package claimsweep.stats;

import java.util.Locale;

/**
 * A claim's verdict with its one-sentence reason. The kinds say what was seen, not only whether the
 * claim survived (issue 15): an effect in the claimed direction that is smaller than the margin is
 * "weaker than claimed", not "refuted"; arms that cannot show anything are "not testable".
 */
public record Verdict(Kind kind, String reason) {
    public enum Kind {
        /** The data show what the claim says: the CI clears zero and the effect reaches the margin (or, for
         *  equivalence and non-inferiority, the CI stays within the margin). */
        SUPPORTED("supported"),
        /** Significant in the claimed direction, but the effect is below the claimed margin. */
        WEAKER("weaker than claimed"),
        /** A superiority claim whose arms are equivalent within the margin (TOST). */
        NO_EFFECT("no effect"),
        /** Significant the other way (for equivalence and non-inferiority: a difference beyond the margin). */
        OPPOSITE("opposite"),
        /** The CI is too wide to tell. */
        INCONCLUSIVE("inconclusive"),
        /** The arms cannot show anything: zero variance, both at chance, every run diverged or collapsed. */
        NOT_TESTABLE("not testable"),
        /** A premise the claim requires did not hold on the same runs; the claim itself was not judged. */
        PREMISE_NOT_MET("premise not met"),
        /** Roll-ups only: some parts supported, others not. */
        PARTLY_SUPPORTED("partly supported"),
        /** Reports only: the experiment file's design has runs for this part (in this setting), but none has been
         *  committed yet. Nothing was seen, so there is no verdict; a report built up over several sessions says so
         *  rather than letting a missing run read as one. */
        NOT_RUN("not run yet");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The CSS class and file-safe form of the label. */
        public String css() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Verdict of(Kind k, String reason) {
        return new Verdict(k, reason);
    }
}
