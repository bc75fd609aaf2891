package claimsweep.stats.sequential;

import claimsweep.stats.Direction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Giving up on claims the cap cannot decide, and only on those. */
class FutilityTest {
    private static final SequenceSettings ACC = SequenceSettings.accuracyDifferences(0.05);

    @Test
    void aFewPointsWithTheSafeBoundsCannotBeDecidedByTwentyFourSeeds() {
        // A B10-cos-like claim: +0.8 pp with 0.4 pp seed noise, margin 2.5 pp, first round of 4.
        ConfidenceSequence cs = ConfidenceSequence.of(new double[] {0.012, 0.004, 0.011, 0.006}, ACC);
        Futility f = Futility.check(cs, 4, Direction.GREATER, 0.025, SupportRule.LOWER_BOUND, 24);
        assertTrue(f.futile(), f.explanation());
        assertEquals(24, f.projected().n());
        assertTrue(f.explanation().contains("futility") && f.explanation().contains("cap of 24"), f.explanation());
    }

    @Test
    void aLargeEffectOrNarrowerBoundsAreNotGivenUp() {
        // A B7a-like claim: -71 pp on every seed.
        ConfidenceSequence big = ConfidenceSequence.of(new double[] {-0.71, -0.70, -0.72, -0.71}, ACC);
        Futility f = Futility.check(big, 4, Direction.LESS, 0.05, SupportRule.LOWER_BOUND, 24);
        assertFalse(f.futile(), f.explanation());
        assertEquals(Outcome.SUPPORTED, f.projected().outcome());
        // 4 pp against a 2 pp margin with bounds +-10 pp: decidable by 50.
        ConfidenceSequence narrow = ConfidenceSequence.of(new double[] {0.05, 0.03, 0.04, 0.045},
                SequenceSettings.of(0.05, -0.1, 0.1));
        assertFalse(Futility.check(narrow, 4, Direction.GREATER, 0.02, SupportRule.LOWER_BOUND, 50).futile());
        assertTrue(Futility.check(narrow, 4, Direction.GREATER, 0.02, SupportRule.LOWER_BOUND, 12).futile(),
                "but not by 12 seeds");
    }

    /** Only the first n seeds count: later seeds in the sequence are what the projection replaces. */
    @Test
    void projectsFromTheFirstNSeedsOnly() {
        double[] d = {0.7, 0.7, 0.7, 0.7, -0.7, -0.7, -0.7, -0.7};
        ConfidenceSequence cs = ConfidenceSequence.of(d, ACC);
        Futility early = Futility.check(cs, 4, Direction.GREATER, 0.05, SupportRule.LOWER_BOUND, 24);
        assertFalse(early.futile());
        assertEquals(0.7, early.projected().interval().mean(), 1e-12);
        assertEquals(4, early.seedsSoFar());
    }
}
