package claimsweep.stats.sequential;

import claimsweep.stats.Direction;
import claimsweep.stats.PairedTest;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The design's looks, its t-scale boundaries, the repeated intervals and how they are read. */
class GroupSequentialDesignTest {
    private static final double ALPHA = 0.05;

    @Test
    void looksRunFromStartByStepAndAlwaysEndAtTheCap() {
        assertEquals(List.of(4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24),
                GroupSequentialDesign.of(4, 2, 24, ALPHA, SpendingFunction.POCOCK).looks());
        assertEquals(List.of(4, 9, 14, 19, 24, 25), GroupSequentialDesign.of(4, 5, 25, ALPHA, SpendingFunction.POCOCK).looks());
        assertEquals(List.of(6), GroupSequentialDesign.of(6, 2, 6, ALPHA, SpendingFunction.OBRIEN_FLEMING).looks());
    }

    /**
     * A single look spends all of alpha there: its repeated interval is the engine's fixed-n paired t
     * interval, exactly with the nominal t scale and up to Monte-Carlo error with the simulated one.
     */
    @Test
    void oneLookGivesTheFixedNPairedTInterval() {
        double[] treatment = {0.91, 0.93, 0.90, 0.95, 0.92, 0.94, 0.89, 0.93};
        double[] control = {0.90, 0.90, 0.91, 0.92, 0.90, 0.91, 0.90, 0.90};
        double[] d = new double[treatment.length];
        for (int i = 0; i < d.length; i++) d[i] = treatment[i] - control[i];
        PairedTest fixed = PairedTest.of(treatment, control);
        double[] ci = fixed.ci(ALPHA / 2); // the engine's two-sided 95% t interval
        for (SpendingFunction f : SpendingFunction.values()) {
            Interval iv = GroupSequentialDesign.of(List.of(8), ALPHA, f, TScale.NOMINAL).repeatedInterval(d, 0);
            assertEquals(ci[0], iv.lower(), 1e-9, f.label());
            assertEquals(ci[1], iv.upper(), 1e-9, f.label());
            assertEquals(fixed.mean(), iv.mean(), 1e-12);
            double simulated = GroupSequentialDesign.of(List.of(8), ALPHA, f).tBounds().get(0);
            double exact = TDistribution.of(7).inverseSurvivalProbability(ALPHA / 2);
            System.out.printf("one look at 8 seeds, %s: simulated t boundary %.4f, t quantile %.4f%n", f.label(), simulated, exact);
            // 200,000 paths: the 95% quantile of |T_7| has a Monte-Carlo sd of about 0.006.
            assertEquals(exact, simulated, 0.02, f.label());
        }
    }

    /**
     * Looking more than once costs width: every t boundary is above the fixed-n t quantile of its
     * look; O'Brien-Fleming-type keeps the last look close to fixed-n and the first ones very wide,
     * Pocock-type is the other way round.
     */
    @Test
    void boundariesPayForTheLooksWhereTheirSpendingSays() {
        GroupSequentialDesign obf = GroupSequentialDesign.of(4, 2, 24, ALPHA, SpendingFunction.OBRIEN_FLEMING);
        GroupSequentialDesign pocock = GroupSequentialDesign.of(4, 2, 24, ALPHA, SpendingFunction.POCOCK);
        for (GroupSequentialDesign d : List.of(obf, pocock)) {
            for (int k = 0; k < d.looks().size(); k++) {
                double fixed = TDistribution.of(d.looks().get(k) - 1).inverseSurvivalProbability(ALPHA / 2);
                assertTrue(d.tBounds().get(k) > fixed, d.spending().label() + " look " + (k + 1));
                assertTrue(d.tBounds().get(k) >= d.zBounds().get(k), "t is heavier-tailed than z");
            }
        }
        int last = obf.looks().size() - 1;
        assertTrue(obf.tBounds().get(last) < pocock.tBounds().get(last));
        assertTrue(obf.tBounds().get(0) > 10 * pocock.tBounds().get(0));
        assertTrue(obf.nominalAlpha(last) > 0.03 && pocock.nominalAlpha(last) < 0.015,
                "nominal levels at the last look: " + obf.nominalAlpha(last) + ", " + pocock.nominalAlpha(last));
        System.out.printf("looks %s%n  O'Brien-Fleming t bounds %s%n  Pocock t bounds %s%n", obf.looks(), rounded(obf.tBounds()),
                rounded(pocock.tBounds()));
        for (GroupSequentialDesign d : List.of(obf, pocock)) {
            GroupSequentialDesign nominal = GroupSequentialDesign.of(4, 2, 24, ALPHA, d.spending(), TScale.NOMINAL);
            System.out.printf("  %s, nominal t scale %s%n", d.spending().label(), rounded(nominal.tBounds()));
            // The nominal conversion spends a little too much (StudentizedBoundaries), so the simulated last look is wider.
            assertTrue(d.tBounds().get(last) > nominal.tBounds().get(last), d.spending().label());
        }
    }

    private static String rounded(List<Double> xs) {
        return xs.stream().map(x -> String.format(java.util.Locale.ROOT, "%.3f", x)).toList().toString();
    }

    /** Reads at the planned looks only, stops at the first decided one, and says what it is. */
    @Test
    void firstStopReadsOnlyThePlannedLooks() {
        GroupSequentialDesign d = GroupSequentialDesign.of(4, 2, 24, ALPHA, SpendingFunction.POCOCK);
        double[] big = new double[24];
        for (int i = 0; i < big.length; i++) big[i] = 0.30 + (i % 2 == 0 ? 0.01 : -0.01);
        SequentialDecision early = d.firstStop(big, Direction.GREATER, 0.05, SupportRule.LOWER_BOUND);
        assertEquals(Outcome.SUPPORTED, early.outcome());
        assertEquals(4, early.n());
        assertTrue(d.explanation(early).contains("look 1 of 11") && d.explanation(early).contains("repeated 95% interval"),
                d.explanation(early));

        double[] noise = new double[24];
        for (int i = 0; i < noise.length; i++) noise[i] = (i % 2 == 0 ? 0.02 : -0.02);
        SequentialDecision open = d.firstStop(Arrays.copyOf(noise, 9), Direction.GREATER, 0.005, SupportRule.LOWER_BOUND);
        assertFalse(open.stop());
        assertEquals(8, open.n(), "9 seeds reach the look at 8, not a look at 9");
        assertTrue(d.explanation(open).contains("next look needs 10 seeds"), d.explanation(open));
        SequentialDecision capped = d.firstStop(noise, Direction.GREATER, 0.005, SupportRule.LOWER_BOUND);
        assertEquals(24, capped.n());
        assertEquals(SequentialDecision.StopReason.CAP, capped.reason(), d.explanation(capped));
    }

    @Test
    void badDesignsAndTooFewSeedsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GroupSequentialDesign.of(1, 2, 24, ALPHA, SpendingFunction.POCOCK)).getMessage().contains("seeds.start: found 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GroupSequentialDesign.of(8, 2, 6, ALPHA, SpendingFunction.POCOCK)).getMessage().contains("seeds.max: found 6"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GroupSequentialDesign.of(List.of(4, 4, 8), ALPHA, SpendingFunction.POCOCK)).getMessage().contains("[4, 4, 8]"));
        GroupSequentialDesign d = GroupSequentialDesign.of(4, 2, 24, ALPHA, SpendingFunction.POCOCK);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> d.firstStop(new double[3], Direction.GREATER, 0.02, SupportRule.LOWER_BOUND)).getMessage()
                .contains("found 3 paired seeds, expected at least the first look's 4"));
        SequentialDecision offLook = SequentialDecision.read(new Interval(5, 0.01, 0.03, 0.02), Direction.GREATER, 0.02,
                SupportRule.LOWER_BOUND, 24);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.explanation(offLook)).getMessage()
                .contains("after 5 seeds, expected one of this design's looks"));
    }
}
