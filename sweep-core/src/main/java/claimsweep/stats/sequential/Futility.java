package claimsweep.stats.sequential;

import claimsweep.stats.Direction;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a still-open claim can be decided at all before its seed cap, so that the runner stops
 * spending runs on it early. The test is optimistic: the remaining seeds up to the cap are assumed
 * to repeat the current mean exactly (no more noise). If even that continuation leaves the claim
 * open at the cap, real seeds would almost surely leave it open too, and the claim is reported
 * inconclusive now instead of after the cap.
 *
 * <p>Stopping for futility declares nothing, so it never raises an error rate; what it can cost is
 * power (a claim whose later seeds would have been stronger than its first ones is given up). It
 * matters most with the safe bounds [-1, 1], under which effects of a few points cannot be decided
 * within tens of seeds (README, "Sequential verdicts (anytime-valid)").
 *
 * @param futile       true when the optimistic continuation is still open at the cap
 * @param projected    the reading at the cap under the optimistic continuation
 * @param seedsSoFar   seeds the test started from
 */
public record Futility(boolean futile, SequentialDecision projected, int seedsSoFar) {

    /**
     * Projects the first n seeds of the sequence to the cap.
     *
     * @param n seeds seen so far, 1 &lt;= n &lt;= the sequence's length; when n &gt;= cap nothing is projected
     */
    public static Futility check(ConfidenceSequence cs, int n, Direction direction, double margin, SupportRule rule,
                                 int cap) {
        double[] seen = cs.differences().subList(0, cs.at(n).n()).stream().mapToDouble(Double::doubleValue).toArray();
        double[] projected = Arrays.copyOf(seen, Math.max(cap, n));
        Arrays.fill(projected, n, projected.length, cs.at(n).mean());
        SequentialDecision atCap = SequentialDecision.firstStop(ConfidenceSequence.of(projected, cs.settings()),
                direction, margin, rule, Math.max(cap, n));
        return new Futility(!atCap.outcome().decided(), atCap, n);
    }

    /** One sentence for the claims table. */
    public String explanation() {
        Interval iv = projected.interval();
        return futile
                ? String.format(Locale.ROOT, "stopped after %d seeds for futility: even if every further seed repeated the mean %+.4g, "
                        + "the interval at the cap of %d would be [%.4g, %.4g], still undecided", seedsSoFar, iv.mean(),
                        projected.cap(), iv.lower(), iv.upper())
                : String.format(Locale.ROOT, "decidable by the cap: repeating the mean %+.4g would decide (%s) after %d seeds",
                        iv.mean(), projected.outcome().label(), projected.n());
    }
}
