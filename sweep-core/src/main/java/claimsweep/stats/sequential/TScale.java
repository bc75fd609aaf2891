package claimsweep.stats.sequential;

/**
 * How a group-sequential design carries its z boundaries to the paired t statistics it is read
 * with ({@link StudentizedBoundaries} has the formulas and the measured error rates).
 */
public enum TScale {
    /** Each look's t boundary has the z boundary's tail probability: simple, total error a little above alpha. */
    NOMINAL,
    /** The spending function applied to the simulated joint distribution of the t statistics: exact under normality. */
    SIMULATED
}
