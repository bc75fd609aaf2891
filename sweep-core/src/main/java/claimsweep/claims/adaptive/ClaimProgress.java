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
 * @param setting     the setting the claim is planned in ("dataset=mnist", "" when the file declares no settings)
 */
public record ClaimProgress(String id, String design, Stop stop, int seedsUsed, String verdict, String explanation,
                            List<Interval> path, int fixedSeeds, int cap, double margin, String setting) {
    public ClaimProgress {
        path = List.copyOf(path);
        if (setting == null) setting = "";
    }

    /** Without a setting (the planner adds it, {@link #in}). */
    public ClaimProgress(String id, String design, Stop stop, int seedsUsed, String verdict, String explanation,
                         List<Interval> path, int fixedSeeds, int cap, double margin) {
        this(id, design, stop, seedsUsed, verdict, explanation, path, fixedSeeds, cap, margin, "");
    }

    /** The same progress, planned in {@code setting}. */
    public ClaimProgress in(String setting) {
        return new ClaimProgress(id, design, stop, seedsUsed, verdict, explanation, path, fixedSeeds, cap, margin, setting);
    }

    /** "A1a" or "A1a @ dataset=mnist": how logs and the report name the claim in its setting. */
    public String label() {
        return setting.isEmpty() ? id : id + " @ " + setting;
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
