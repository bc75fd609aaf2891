package claimsweep.stats.sequential;

/**
 * What a confidence sequence needs besides the data: the error rate and the bounds every paired
 * difference is known to lie in.
 *
 * <p>The bounds are part of the guarantee, not a tuning knob: the sequence is valid for every
 * distribution on {@code [lowerBound, upperBound]} and for nothing outside it, so an observation
 * outside them is an error, never clipped. Wider bounds cost seeds: a single observation may sit
 * at either bound, so no bounded-only method can exclude a mean until enough seeds have ruled out
 * a rare extreme pair (README, "Sequential verdicts (anytime-valid)"). For differences of two
 * accuracies the safe bounds are [-1, 1]; a caller that knows both arms lie in [p, q] may pass
 * [p - q, q - p].
 *
 * @param alpha      the probability, over the whole monitored sequence, that the true mean is ever
 *                   outside the interval (two-sided; each side gets alpha / 2), in (0, 1)
 * @param lowerBound smallest possible paired difference
 * @param upperBound largest possible paired difference, &gt; lowerBound
 * @param truncation the betting truncation c of Waudby-Smith &amp; Ramdas, in (0, 1): a bet never risks
 *                   more than the fraction c of the capital, so no single observation can ruin it.
 *                   They recommend 1/2 or 3/4; see {@link #DEFAULT_TRUNCATION}.
 */
public record SequenceSettings(double alpha, double lowerBound, double upperBound, double truncation) {

    /**
     * 3/4 rather than 1/2: with bounds [-1, 1] the truncation, not the variance, limits how fast the
     * capital can grow at 4 to 50 seeds. In the 2x-margin case of SequentialSimulationTest (4 pp vs a
     * 2 pp margin, bounds +-10 pp, 500 sequences) the median stop was 32 seeds with c = 3/4 and 47
     * with c = 1/2; both are valid for any c in (0, 1).
     */
    public static final double DEFAULT_TRUNCATION = 0.75;

    public SequenceSettings {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("sequence alpha: found " + alpha + ", expected a number in (0, 1), e.g. 0.05");
        }
        if (!Double.isFinite(lowerBound) || !Double.isFinite(upperBound) || !(lowerBound < upperBound)) {
            throw new IllegalArgumentException("sequence bounds: found [" + lowerBound + ", " + upperBound
                    + "], expected finite bounds with lower < upper, e.g. [-1, 1] for accuracy differences");
        }
        if (!(truncation > 0 && truncation < 1)) {
            throw new IllegalArgumentException("sequence truncation: found " + truncation
                    + ", expected a number in (0, 1); Waudby-Smith & Ramdas recommend 0.5 or 0.75");
        }
    }

    /** The given alpha and bounds with the default truncation. */
    public static SequenceSettings of(double alpha, double lowerBound, double upperBound) {
        return new SequenceSettings(alpha, lowerBound, upperBound, DEFAULT_TRUNCATION);
    }

    /** Differences of two accuracies (each in [0, 1]) at level alpha. */
    public static SequenceSettings accuracyDifferences(double alpha) {
        return of(alpha, -1, 1);
    }

    /** Width of the bounds, the most two observations can differ by. */
    public double range() {
        return upperBound - lowerBound;
    }
}
