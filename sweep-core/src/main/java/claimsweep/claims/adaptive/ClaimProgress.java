package claimsweep.claims.adaptive;

import claimsweep.claims.Sequencing;
import claimsweep.stats.sequential.Interval;

import java.util.List;

/**
 * Where one claim of an adaptive sweep stands after the committed results: how it is read, why it
 * stopped (or that it goes on), the seeds it used, its interval path over the looks, and the seeds a
 * fixed design with the same guarantee would have run.
 *
 * @param id          the claim's id
 * @param design      "group" / "betting" (read sequentially) or "fixed-n" (every rule but paired)
 * @param stop        why it stopped, or OPEN
 * @param seedsUsed   seeds the verdict was read at (0 before the first look is complete)
 * @param verdict     the verdict's label ("supported", "inconclusive", "premise not met", ...), "" while open
 * @param explanation one sentence for the report
 * @param path        the interval at each look read so far (repeated CIs, or the betting sequence per seed)
 * @param fixedSeeds  seeds a fixed design with the same guarantee needs (0: not applicable)
 * @param cap         the seed cap
 * @param margin      the claim's margin, on the oriented scale of the path
 */
public record ClaimProgress(String id, String design, Stop stop, int seedsUsed, String verdict, String explanation,
                            List<Interval> path, int fixedSeeds, int cap, double margin) {
    public ClaimProgress {
        path = List.copyOf(path);
    }

    /** Why a claim stopped taking seeds. */
    public enum Stop {
        /** The interval settled the claim. */
        DECIDED,
        /** The last look was reached undecided: inconclusive. */
        CAP,
        /** Even an optimistic continuation could not decide it by the cap: inconclusive now, seeds spared. */
        FUTILE,
        /** The runs cannot show anything (diverged, at chance, missing pairs): not testable. */
        UNTESTABLE,
        /** A fixed-n rule, read once at the cap. */
        FIXED_N,
        /** Still open: the next round adds seeds for it. */
        OPEN;

        public String label() {
            return switch (this) {
                case DECIDED -> "decided";
                case CAP -> "cap reached";
                case FUTILE -> "futile";
                case UNTESTABLE -> "not testable";
                case FIXED_N -> "fixed-n at the cap";
                case OPEN -> "open";
            };
        }
    }

    static String designOf(boolean sequential, Sequencing s) {
        return sequential ? s.label() : "fixed-n";
    }

    public boolean open() {
        return stop == Stop.OPEN;
    }
}
