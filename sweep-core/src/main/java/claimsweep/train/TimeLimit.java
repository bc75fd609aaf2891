package claimsweep.train;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * A run's wall-clock limit ({@code max_minutes}): the trainer compares the clock with the deadline
 * between steps and, once past it, ends the run as failed with this reason. Between steps, not by
 * interrupting a thread: a step stopped half-way could leave ND4J's native state inconsistent, and
 * the failed run's curve then ends at its last complete evaluation.
 */
public final class TimeLimit {
    private TimeLimit() {}

    /** The clock value after which the run stops, or Long.MAX_VALUE without a limit (max_minutes = 0). */
    public static long deadline(double minutes, long startMs) {
        if (minutes <= 0) return Long.MAX_VALUE;
        return startMs + Math.round(minutes * 60_000);
    }

    /** Why the run stopped: the limit, the elapsed time and the last completed step. */
    public static TimeoutException exceeded(double maxMinutes, long stepsDone, long elapsedMs) {
        return new TimeoutException(String.format(Locale.ROOT,
                "stopped after step %d: the run took %.1f s, past its limit max_minutes = %s; raise max_minutes "
                        + "(or --run-timeout) and rerun with --retry-failed", stepsDone, elapsedMs / 1000.0,
                maxMinutes));
    }
}
