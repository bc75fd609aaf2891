package claimsweep.stats.sequential;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The fixed-n (Bernstein) design that the report compares adaptive seeding against. */
class FixedDesignTest {
    private static final SequenceSettings ACC = SequenceSettings.accuracyDifferences(0.05);

    @Test
    void seedsForIsTheSmallestSufficientN() {
        for (double sd : new double[] {0, 0.01, 0.1, 0.3}) {
            for (double h : new double[] {0.5, 0.1, 0.02}) {
                int n = FixedDesign.seedsFor(h, sd, ACC);
                assertTrue(FixedDesign.halfWidth(n, sd, ACC) <= h, "n = " + n + " is not enough");
                if (n > 1) assertTrue(FixedDesign.halfWidth(n - 1, sd, ACC) > h, "n - 1 = " + (n - 1) + " would do");
            }
        }
    }

    /**
     * A worked example: sd 0.1, half-width 0.1, alpha 0.05, bounds [-1, 1]: L = ln 40 = 3.689,
     * M L / 3 = 2.459, eps(n) = (2.459 + sqrt(6.048 + 0.07378 n)) / n, so eps(56) = 0.1009 and
     * eps(57) = 0.0993: 57 seeds. With no variance at all the range term alone needs
     * 2 M L / (3 h) = 49.2, i.e. 50 seeds: the bounds, not the noise, dominate.
     */
    @Test
    void aWorkedExample() {
        assertEquals(57, FixedDesign.seedsFor(0.1, 0.1, ACC));
        assertEquals(50, FixedDesign.seedsFor(0.1, 0, ACC));
        assertEquals(0.1009, FixedDesign.halfWidth(56, 0.1, ACC), 5e-5);
    }

    @Test
    void moreNoiseOrANarrowerTargetNeedsMoreSeeds() {
        assertTrue(FixedDesign.seedsFor(0.05, 0.3, ACC) > FixedDesign.seedsFor(0.05, 0.1, ACC));
        assertTrue(FixedDesign.seedsFor(0.02, 0.1, ACC) > FixedDesign.seedsFor(0.05, 0.1, ACC));
        assertTrue(FixedDesign.seedsFor(0.05, 0.1, SequenceSettings.of(0.05, -0.2, 0.2))
                < FixedDesign.seedsFor(0.05, 0.1, ACC), "narrower bounds need fewer seeds");
    }

    /** The design matching a sequence reaches the sequence's width with the sd of its seeds. */
    @Test
    void matchingUsesTheSequencesWidthAndSd() {
        Random r = new Random(5);
        double[] d = new double[30];
        for (int i = 0; i < d.length; i++) d[i] = 0.4 + 0.1 * r.nextGaussian();
        ConfidenceSequence cs = ConfidenceSequence.of(d, ACC);
        FixedDesign f = FixedDesign.matching(cs, 30);
        assertEquals(cs.at(30).halfWidth(), f.halfWidth(), 1e-15);
        assertEquals(cs.sd(30), f.sd(), 1e-15);
        assertEquals(FixedDesign.seedsFor(f.halfWidth(), f.sd(), ACC), f.seeds());
        assertEquals(f.seeds() - 30, f.savedAgainst(30));
        System.out.printf("30 seeds, mean 0.4, sd 0.1: sequence half-width %.3f; a fixed Bernstein design needs %d seeds for it%n",
                f.halfWidth(), f.seeds());
    }
}
