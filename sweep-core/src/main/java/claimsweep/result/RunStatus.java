package claimsweep.result;

/** How a run ended. Divergence is an outcome of the experiment, failure is an error of the run. */
public enum RunStatus {
    /** Trained for its whole budget. */
    OK,
    /** Loss became NaN/inf or exceeded the divergence bound; stopped early. A result, not an error. */
    DIVERGED,
    /**
     * Trained for its whole budget with a finite loss but ended at chance accuracy (e.g. a clipped
     * run that avoids NaN yet learns nothing). A result, told apart from both OK and DIVERGED so that
     * metrics and rules say which outcome they count (issue 15).
     */
    COLLAPSED,
    /** Threw; {@code reason} says what. The sweep goes on without it. */
    FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RunStatus fromLabel(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
