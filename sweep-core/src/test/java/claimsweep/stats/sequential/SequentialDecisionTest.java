package claimsweep.stats.sequential;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import claimsweep.stats.Direction;

import static claimsweep.stats.Direction.*;
import static claimsweep.stats.sequential.Outcome.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every outcome of every direction read off hand-made intervals, and when sampling stops. */
class SequentialDecisionTest {
    private static final double M = 0.02;
    private static final int CAP = 24;

    private static Outcome read(Direction d, double lo, double hi, double mean, SupportRule rule) {
        return SequentialDecision.read(new Interval(6, lo, hi, mean), d, M, rule, CAP).outcome();
    }

    private static Outcome read(Direction d, double lo, double hi) {
        return read(d, lo, hi, (lo + hi) / 2, SupportRule.LOWER_BOUND);
    }

    @Test
    void greaterReadsEveryKind() {
        assertEquals(SUPPORTED, read(GREATER, 0.021, 0.05));
        assertEquals(OPEN, read(GREATER, 0.005, 0.05), "significant but straddling the margin stays open");
        assertEquals(WEAKER_THAN_CLAIMED, read(GREATER, 0.002, 0.015), "also inside +-margin: weaker says more");
        assertEquals(NO_EFFECT, read(GREATER, -0.01, 0.015));
        assertEquals(OPPOSITE, read(GREATER, -0.05, -0.001));
        assertEquals(OPEN, read(GREATER, -0.03, 0.03));
        assertEquals(NO_EFFECT, read(GREATER, 0.0, 0.015), "touching zero excludes nothing: no effect, not weaker");
    }

    @Test
    void lessIsGreaterMirrored() {
        double[][] intervals = {{0.021, 0.05}, {0.005, 0.05}, {0.002, 0.015}, {-0.01, 0.015}, {-0.05, -0.001}, {-0.03, 0.03}};
        for (double[] iv : intervals) {
            assertEquals(read(GREATER, iv[0], iv[1]), read(LESS, -iv[1], -iv[0]), Arrays.toString(iv));
        }
    }

    @Test
    void theEstimateRuleAcceptsAStraddlingIntervalWhoseMeanReachesTheMargin() {
        assertEquals(SUPPORTED, read(GREATER, 0.005, 0.05, 0.025, SupportRule.ESTIMATE));
        assertEquals(OPEN, read(GREATER, 0.005, 0.05, 0.019, SupportRule.ESTIMATE));
        assertEquals(OPEN, read(GREATER, -0.005, 0.08, 0.04, SupportRule.ESTIMATE), "the interval must still exclude zero");
    }

    @Test
    void equivalenceAndNonInferiority() {
        assertEquals(SUPPORTED, read(EQUIVALENT, -0.015, 0.019));
        assertEquals(OPEN, read(EQUIVALENT, -0.015, 0.025));
        assertEquals(OPPOSITE, read(EQUIVALENT, 0.02, 0.06), "a difference of at least the margin");
        assertEquals(OPPOSITE, read(EQUIVALENT, -0.06, -0.03));
        assertEquals(SUPPORTED, read(NONINFERIOR, -0.019, 0.01));
        assertEquals(SUPPORTED, read(NONINFERIOR, -0.015, -0.005), "worse, but by less than the margin");
        assertEquals(OPEN, read(NONINFERIOR, -0.03, 0.01));
        assertEquals(OPPOSITE, read(NONINFERIOR, -0.06, -0.02));
    }

    @Test
    void stopsWhenDecidedOrAtTheCap() {
        SequentialDecision decided = SequentialDecision.read(new Interval(4, 0.03, 0.2, 0.1), GREATER, M, SupportRule.LOWER_BOUND, CAP);
        assertTrue(decided.stop());
        assertEquals(SequentialDecision.StopReason.DECIDED, decided.reason());
        SequentialDecision open = SequentialDecision.read(new Interval(10, -0.1, 0.2, 0.05), GREATER, M, SupportRule.LOWER_BOUND, CAP);
        assertFalse(open.stop());
        assertTrue(open.explanation().contains("after 10 seeds") && open.explanation().contains("cap 24"), open.explanation());
        SequentialDecision capped = SequentialDecision.read(new Interval(24, -0.1, 0.2, 0.05), GREATER, M, SupportRule.LOWER_BOUND, CAP);
        assertTrue(capped.stop());
        assertEquals(SequentialDecision.StopReason.CAP, capped.reason());
        assertEquals("inconclusive", capped.outcome().label());
        assertTrue(capped.explanation().contains("cap of 24 seeds"), capped.explanation());
    }

    /** The runner's loop: read after every seed, stop at the first decided reading. */
    @Test
    void firstStopIsTheFirstDecidedSeed() {
        double[] d = new double[30];
        Arrays.fill(d, 0.6);
        ConfidenceSequence cs = ConfidenceSequence.of(d, SequenceSettings.accuracyDifferences(0.05));
        SequentialDecision first = SequentialDecision.firstStop(cs, GREATER, 0.2, SupportRule.LOWER_BOUND, 30);
        assertEquals(SUPPORTED, first.outcome());
        assertTrue(cs.at(first.n()).lower() >= 0.2);
        assertTrue(cs.at(first.n() - 1).lower() < 0.2, "an earlier seed was already decided");
        SequentialDecision none = SequentialDecision.firstStop(cs, GREATER, 0.2, SupportRule.LOWER_BOUND, 3);
        assertEquals(SequentialDecision.StopReason.CAP, none.reason());
        assertEquals(3, none.n());
        SequentialDecision running = SequentialDecision.firstStop(
                ConfidenceSequence.of(Arrays.copyOf(d, 3), SequenceSettings.accuracyDifferences(0.05)), GREATER, 0.2,
                SupportRule.LOWER_BOUND, 30);
        assertFalse(running.stop(), "3 seeds, cap 30, undecided: keep going");
    }

    @Test
    void badMarginsAndDirectionsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SequentialDecision.read(new Interval(1, 0, 1, 0.5), GREATER, 0, SupportRule.LOWER_BOUND, 5))
                .getMessage().contains("margin: found 0.0"));
        assertEquals(NONINFERIOR, Direction.parse("noninferior"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Direction.parse("greter"))
                .getMessage().contains("found \"greter\""));
    }
}
