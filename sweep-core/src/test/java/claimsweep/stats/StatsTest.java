package claimsweep.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The statistics on inputs with known answers. */
class StatsTest {
    @Test
    void pairedTMatchesAHandComputationAndItsCiAgreesWithItsP() {
        // differences 1..6: mean 3.5, sd 1.8708, se 0.76376, t(5) 0.975 quantile 2.570582
        PairedTest t = PairedTest.ofDifferences(new double[] {1, 2, 3, 4, 5, 6});
        assertEquals(3.5, t.mean(), 1e-12);
        assertEquals(1.870829, t.sd(), 1e-6);
        double[] ci = t.ci(0.025);
        assertEquals(3.5 - 2.570582 * 0.763763, ci[0], 1e-5);
        assertEquals(3.5 + 2.570582 * 0.763763, ci[1], 1e-5);
        // t = 4.5826 on 5 df: two-sided p = 0.005934 (R: 2 * pt(-4.5826, 5))
        assertEquals(0.005934, t.pTwoSided(), 1e-5);
        // the CI's end sits exactly where the test against that value has p = 0.025 on that side
        assertEquals(0.025, t.pAbove(ci[0]), 1e-9);
        assertEquals(0.025, t.pBelow(ci[1]), 1e-9);
        // TOST at margin m: p < 0.05 exactly when the 90% CI lies inside +-m
        double[] c90 = t.ci(0.05);
        double m = Math.max(-c90[0], c90[1]);
        assertEquals(0.05, t.pEquivalent(m), 1e-9);
    }

    @Test
    void sixAgreeingSeedsCanClearHolmsBarUnlikeASignedRankTest() {
        // a signed-rank test's smallest two-sided p with 6 seeds is 1/32; the t test's is not bounded that way
        PairedTest t = PairedTest.ofDifferences(new double[] {0.021, 0.019, 0.020, 0.022, 0.018, 0.020});
        assertTrue(t.pTwoSided() < 1e-5, "p " + t.pTwoSided());
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

    @Test
    void aFractionalWilsonCountLiesBetweenItsNeighboursAndTheScorePInvertsIt() {
        assertArrayEquals(Rates.wilson(3, 10), Rates.wilson(3.0, 10), 0);
        double[] half = Rates.wilson(3.5, 10);
        assertTrue(Rates.wilson(3, 10)[0] < half[0] && half[0] < Rates.wilson(4, 10)[0]);
        assertTrue(Rates.wilson(3, 10)[1] < half[1] && half[1] < Rates.wilson(4, 10)[1]);
        // the score test of p0 at either end of the 95% interval has p = 0.05; inside it more, outside less
        double[] w = Rates.wilson(5, 20);
        assertEquals(0.05, Rates.scoreP(5, 20, w[0]), 1e-9);
        assertEquals(0.05, Rates.scoreP(5, 20, w[1]), 1e-9);
        assertTrue(Rates.scoreP(5, 20, 0.25) > 0.99);
        assertTrue(Rates.scoreP(5, 20, w[0] - 0.01) < 0.05 && Rates.scoreP(5, 20, w[0] + 0.01) > 0.05);
        assertThrows(IllegalArgumentException.class, () -> Rates.scoreP(1, 10, 0));
    }
}
