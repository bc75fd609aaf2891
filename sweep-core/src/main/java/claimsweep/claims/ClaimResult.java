package claimsweep.claims;

import claimsweep.stats.Verdict;

import java.util.List;

/**
 * One row of the claims table: the claim's identity and the rule's {@link Outcome}.
 *
 * @param claim    the article claim the part rolls up into
 * @param primary  false: exploratory (no Holm p)
 * @param pHolm    Holm-adjusted over the table's primaries (NaN for exploratory parts and until adjusted)
 * @param noise    the A/A calibration for the claim's model family and metric, as text ("" when none)
 * @param setting  the setting the row was evaluated in, e.g. "dataset=mnist, model=cnn" in the file's
 *                 {@code settings} order ("" when the file declares none: one row per claim)
 */
public record ClaimResult(String claimId, String claim, String text, boolean primary, Outcome outcome, double pHolm,
                          String noise, String setting) {
    public ClaimResult {
        if (setting == null) setting = "";
    }

    public Verdict verdict() {
        return outcome.verdict();
    }

    public String metric() {
        return outcome.metric();
    }

    public double effect() {
        return outcome.effect();
    }

    public double ciLow() {
        return outcome.ciLow();
    }

    public double ciHigh() {
        return outcome.ciHigh();
    }

    public double p() {
        return outcome.p();
    }

    public int nSeeds() {
        return outcome.n();
    }

    public int kAgree() {
        return outcome.kAgree();
    }

    public double margin() {
        return outcome.margin();
    }

    public String chosen() {
        return outcome.chosen();
    }

    public List<String> runIds() {
        return outcome.runIds();
    }

    public ClaimResult withHolm(double p) {
        return new ClaimResult(claimId, claim, text, primary, outcome, p, noise, setting);
    }
}
