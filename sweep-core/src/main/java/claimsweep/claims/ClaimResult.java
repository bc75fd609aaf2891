package claimsweep.claims;

import claimsweep.stats.Verdict;

import java.util.List;

/**
 * One row of the claims table.
 *
 * @param pHolm     filled in across the report's primary tests (NaN until then)
 * @param chosen    for best_over claims: the chosen values per arm, e.g. "treatment lr=0.3; control lr=0.03"
 */
public record ClaimResult(String claimId, String text, Verdict verdict, String metric, double effect, double ciLow,
                          double ciHigh, double p, double pHolm, int nSeeds, int kAgree, double delta, String chosen,
                          List<String> runIds) {
    public ClaimResult withHolm(double pHolm) {
        return new ClaimResult(claimId, text, verdict, metric, effect, ciLow, ciHigh, p, pHolm, nSeeds, kAgree, delta,
                chosen, runIds);
    }
}
