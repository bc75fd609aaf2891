package claimsweep.stats.sequential;

import claimsweep.stats.Direction;
import java.util.Locale;

/**
 * The state of one claim after n seeds, read off the confidence sequence exactly as a fixed-n
 * interval would be read, and whether to stop adding seeds.
 *
 * <p>For {@code greater} (for {@code less} the interval is mirrored, [-upper, -lower]):
 * <ul>
 *   <li>supported: lower &gt; 0 and the effect reaches the margin ({@link SupportRule}: by default
 *       lower &gt;= margin);</li>
 *   <li>opposite: upper &lt; 0;</li>
 *   <li>weaker than claimed: lower &gt; 0 and upper &lt; margin (checked before "no effect", which
 *       such an interval also satisfies, because it says more);</li>
 *   <li>no effect: -margin &lt; lower and upper &lt; margin;</li>
 *   <li>otherwise open: in particular lower &gt; 0 with the interval straddling the margin.</li>
 * </ul>
 * For {@code equivalent}: supported when -margin &lt; lower and upper &lt; margin, opposite when the
 * whole interval is at or beyond one of +-margin. For {@code noninferior}: supported when lower &gt;
 * -margin, opposite when upper &lt;= -margin. Neither has a "weaker" or "no effect" reading.
 *
 * <p>The guarantee carries over from the sequence: at whatever n the reading is taken (for example
 * the first n at which it is decided), every decided outcome other than the one the true mean
 * implies has probability at most alpha. The reading is strict at the edges (an interval touching
 * zero does not exclude it).
 *
 * @param interval  the sequence after n seeds
 * @param outcome   what the interval says
 * @param stop      true when the outcome is decided or n has reached the cap
 * @param reason    why sampling stops or goes on
 * @param direction the claim's direction
 * @param margin    the claim's margin (&gt; 0)
 * @param cap       the most seeds the claim may get
 */
public record SequentialDecision(Interval interval, Outcome outcome, boolean stop, StopReason reason,
                                 Direction direction, double margin, int cap) {

    /** Why a claim stops or continues; the report prints it beside the seeds used. */
    public enum StopReason {
        DECIDED, CAP, CONTINUE;

        public String label() {
            return switch (this) {
                case DECIDED -> "decided";
                case CAP -> "cap reached";
                case CONTINUE -> "continue";
            };
        }
    }

    public SequentialDecision {
        if (!(margin > 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin: found " + margin + ", expected a finite number > 0");
        }
        if (cap < 1) throw new IllegalArgumentException("seed cap: found " + cap + ", expected >= 1");
    }

    /** Reads the interval against the claim; stops when decided or at the cap. */
    public static SequentialDecision read(Interval iv, Direction direction, double margin, SupportRule rule, int cap) {
        if (!(margin > 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin: found " + margin + ", expected a finite number > 0");
        }
        Outcome o = switch (direction) {
            case GREATER -> directional(iv.lower(), iv.upper(), iv.mean(), margin, rule);
            case LESS -> directional(-iv.upper(), -iv.lower(), -iv.mean(), margin, rule);
            case EQUIVALENT -> iv.lower() > -margin && iv.upper() < margin ? Outcome.SUPPORTED
                    : iv.lower() >= margin || iv.upper() <= -margin ? Outcome.OPPOSITE : Outcome.OPEN;
            case NONINFERIOR -> iv.lower() > -margin ? Outcome.SUPPORTED
                    : iv.upper() <= -margin ? Outcome.OPPOSITE : Outcome.OPEN;
        };
        StopReason r = o.decided() ? StopReason.DECIDED : iv.n() >= cap ? StopReason.CAP : StopReason.CONTINUE;
        return new SequentialDecision(iv, o, r != StopReason.CONTINUE, r, direction, margin, cap);
    }

    /**
     * Monitors the sequence seed by seed and returns the reading at the first n that stops (decided,
     * or the cap), or at the last seed seen when neither happened yet (then {@code stop} is false).
     */
    public static SequentialDecision firstStop(ConfidenceSequence cs, Direction direction, double margin,
                                               SupportRule rule, int cap) {
        SequentialDecision d = null;
        for (int n = 1; n <= Math.min(cs.n(), cap); n++) {
            d = read(cs.at(n), direction, margin, rule, cap);
            if (d.stop()) return d;
        }
        return d;
    }

    /** Oriented so that the claim is "effect >= margin": lo, hi and the estimate on that scale. */
    private static Outcome directional(double lo, double hi, double estimate, double margin, SupportRule rule) {
        if (lo > 0 && (rule == SupportRule.LOWER_BOUND ? lo >= margin : estimate >= margin)) return Outcome.SUPPORTED;
        if (hi < 0) return Outcome.OPPOSITE;
        if (lo > 0 && hi < margin) return Outcome.WEAKER_THAN_CLAIMED;
        if (lo > -margin && hi < margin) return Outcome.NO_EFFECT;
        return Outcome.OPEN;
    }

    /** Seeds used so far. */
    public int n() {
        return interval.n();
    }

    /** One sentence for the claims table: the interval, the outcome and why sampling stopped or goes on. */
    public String explanation() {
        String s = String.format(Locale.ROOT, "after %d seeds: mean %+.4g, anytime-valid interval [%.4g, %.4g], %s (%s, margin %.4g)",
                n(), interval.mean(), interval.lower(), interval.upper(), outcome.label(), direction.label(), margin);
        return switch (reason) {
            case DECIDED -> s + "; stopped: decided";
            case CAP -> s + "; stopped: the cap of " + cap + " seeds was reached undecided";
            case CONTINUE -> s + "; open: more seeds needed (cap " + cap + ")";
        };
    }
}
