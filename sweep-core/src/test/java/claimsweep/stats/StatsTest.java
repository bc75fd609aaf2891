package claimsweep.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The evaluators on synthetic results with known answers (issue 4's list). */
class StatsTest {
    private static final double DELTA = 0.005; // 0.5 pp, the protocol's minimum margin

    private static double[] base(long seed) {
        Random r = new Random(seed);
        double[] a = new double[6];
        for (int i = 0; i < 6; i++) a[i] = 0.85 + 0.01 * r.nextGaussian();
        return a;
    }

    @Test
    void exactSignedRankPForSixOfSixPositiveIs0_03125() {
        double[] control = {0.80, 0.81, 0.79, 0.80, 0.82, 0.78};
        double[] treatment = {0.81, 0.83, 0.82, 0.84, 0.87, 0.84};
        PairedComparison c = PairedComparison.of(treatment, control, 1, DELTA);
        assertEquals(0.03125, c.pSignRank(), 1e-12, "2 / 2^6");
        assertEquals(6, c.kAgree());
    }

    @Test
    void signRankIsExactWithTiesAndAgreesWithCommonsWithout() {
        assertEquals(0.03125, PairedComparison.signRankP(new double[] {0.05, 0.05, 0.05, 0.05, 0.05, 0.05}), 1e-12);
        double[] noTies = {0.3, -0.1, 0.25, 0.4, -0.05, 0.2, 0.15};
        double commons = org.apache.commons.statistics.inference.WilcoxonSignedRankTest.withDefaults()
                .with(org.apache.commons.statistics.inference.PValueMethod.EXACT).test(noTies).getPValue();
        assertEquals(commons, PairedComparison.signRankP(noTies), 1e-12);
        assertEquals(1.0, PairedComparison.signRankP(new double[] {0, 0, 0}), 0);
    }

    @Test
    void aFixedPositiveShiftIsSupported() {
        double[] control = base(1);
        double[] treatment = control.clone();
        double[] shift = {0.018, 0.022, 0.020, 0.019, 0.021, 0.020}; // +2 pp with a little seed noise
        for (int i = 0; i < 6; i++) treatment[i] += shift[i];
        PairedComparison c = PairedComparison.of(treatment, control, 1, DELTA);
        assertEquals(0.02, c.mean(), 1e-12);
        assertTrue(c.ciLow() > 0.018 && c.ciHigh() < 0.022, c.toString());
        assertEquals(Verdict.Kind.SUPPORTED, Verdict.decide(c, 1, DELTA, "accuracy").kind());
        assertEquals(Verdict.Kind.REFUTED, Verdict.decide(c, -1, DELTA, "accuracy").kind(), "the opposite claim is refuted");
    }

    @Test
    void identicalArmsUpToTinyNoiseAreRefutedByEquivalence() {
        double[] control = base(2);
        double[] treatment = control.clone();
        double[] noise = {0.0005, -0.0004, 0.0003, -0.0006, 0.0002, -0.0001};
        for (int i = 0; i < 6; i++) treatment[i] += noise[i];
        PairedComparison c = PairedComparison.of(treatment, control, 1, DELTA);
        Verdict v = Verdict.decide(c, 1, DELTA, "accuracy");
        assertEquals(Verdict.Kind.REFUTED, v.kind(), v.reason());
        assertTrue(v.reason().contains("equivalent"), v.reason());
        assertTrue(c.pEquiv() < 0.05, "TOST p " + c.pEquiv());
    }

    @Test
    void aNoisySmallEffectIsInconclusive() {
        double[] control = base(3);
        double[] treatment = control.clone();
        double[] d = {0.02, -0.015, 0.01, -0.005, 0.018, -0.012}; // mean +0.27 pp, sd ~1.5 pp
        for (int i = 0; i < 6; i++) treatment[i] += d[i];
        PairedComparison c = PairedComparison.of(treatment, control, 1, DELTA);
        Verdict v = Verdict.decide(c, 1, DELTA, "accuracy");
        assertEquals(Verdict.Kind.INCONCLUSIVE, v.kind(), v.reason());
        assertTrue(c.pSignRank() > 0.5);
    }

    @Test
    void twoSeedsCanNeverSupportAClaim() {
        PairedComparison c = PairedComparison.of(new double[] {0.90, 0.91}, new double[] {0.80, 0.80}, 1, DELTA);
        assertTrue(c.ciLow() > 0, "the t interval alone would exclude 0: " + c);
        Verdict v = Verdict.decide(c, 1, DELTA, "accuracy");
        assertEquals(Verdict.Kind.INCONCLUSIVE, v.kind());
        assertTrue(v.reason().contains("fewer than 6 paired seeds"), v.reason());
    }

    @Test
    void holmMatchesAHandComputation() {
        // sorted: 0.01 (x4) = 0.04, 0.02 (x3) = 0.06, 0.03 (x2) = 0.06, 0.04 (x1) = 0.04 -> monotone 0.06
        double[] adjusted = Holm.adjust(new double[] {0.03, 0.01, 0.04, 0.02});
        assertArrayEquals(new double[] {0.06, 0.04, 0.06, 0.06}, adjusted, 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.9}), 1e-12, "capped at 1");
    }

    @Test
    void wilsonAndFisherMatchKnownValues() {
        // Wilson 95% for 0 of 6: [0, 0.390]; for 6 of 6: [0.610, 1]
        double[] none = Rates.wilson(0, 6);
        assertEquals(0.0, none[0], 1e-12);
        assertEquals(0.3903, none[1], 1e-4);
        assertEquals(0.6097, Rates.wilson(6, 6)[0], 1e-4);
        // Fisher exact, 6/6 vs 0/6: p = 2 / C(12, 6) = 2 / 924
        assertEquals(2.0 / 924, Rates.fisher(6, 6, 0, 6), 1e-12);
        assertEquals(1.0, Rates.fisher(3, 6, 3, 6), 1e-12);
    }
}
