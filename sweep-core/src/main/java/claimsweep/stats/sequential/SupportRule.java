package claimsweep.stats.sequential;

/**
 * How "the effect reaches the margin" is read for {@code greater} and {@code less} claims. Both
 * require the interval to exclude zero in the claimed direction first.
 */
public enum SupportRule {
    /**
     * The default: the whole interval is at or beyond the margin. Under optional stopping this is the
     * rule with a guarantee: if the true effect is below the margin, the sequence ever shows
     * "supported" with probability at most alpha / 2, however the stopping was chosen.
     */
    LOWER_BOUND,
    /**
     * The point estimate is at or beyond the margin (issue 15's fixed-n reading). It has no error
     * guarantee with respect to the margin, only against zero: under continuous monitoring a lucky
     * run of seeds can lift the estimate over the margin while the interval still straddles it. In
     * practice the bounds keep that rare, because the interval clears zero only once the estimate
     * is already precise: SequentialSimulationTest's half-margin case saw it in 0 of 1,000 sequences.
     */
    ESTIMATE
}
