package claimsweep.stats.sequential;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The hedged-capital confidence sequence against the authors' package and its defining properties. */
class ConfidenceSequenceTest {
    private static final SequenceSettings ACC = SequenceSettings.accuracyDifferences(0.05);

    /**
     * The fixture is confseq's own betting_cs on the same 20 differences (its header says how it was
     * made). confseq inverts the capital on a grid and widens by a cell, so its ends lie outside
     * ours by at most two cells (2e-4); ours are the exact roots, found by root-finding.
     */
    @Test
    void matchesTheAuthorsPackage() throws IOException {
        List<double[]> rows = new ArrayList<>();
        double[] d = null;
        try (InputStream in = getClass().getResourceAsStream("/sequential/confseq-hedged-reference.txt")) {
            assertNotNull(in, "test resource sequential/confseq-hedged-reference.txt is missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("# differences:")) {
                    d = Arrays.stream(line.substring("# differences:".length()).trim().split("\\s+"))
                            .mapToDouble(Double::parseDouble).toArray();
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    rows.add(Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
                }
            }
        }
        assertNotNull(d, "fixture has no '# differences:' line");
        assertEquals(d.length, rows.size());
        ConfidenceSequence cs = ConfidenceSequence.of(d, ACC);
        double cell = 2.0 / 20000;
        for (double[] r : rows) {
            Interval iv = cs.at((int) r[0]);
            assertTrue(iv.lower() >= r[1] - 1e-12 && iv.lower() <= r[1] + 2 * cell + 1e-9,
                    "lower after " + iv.n() + " seeds: ours " + iv.lower() + ", confseq " + r[1]);
            assertTrue(iv.upper() <= r[2] + 1e-12 && iv.upper() >= r[2] - 2 * cell - 1e-9,
                    "upper after " + iv.n() + " seeds: ours " + iv.upper() + ", confseq " + r[2]);
        }
        assertEquals(Arrays.stream(d).average().orElseThrow(), cs.last().mean(), 1e-12);
    }

    @Test
    void theIntervalOnlyShrinksAndLaterSeedsNeverChangeEarlierIntervals() {
        Random r = new Random(7);
        double[] d = new double[40];
        for (int i = 0; i < d.length; i++) d[i] = Math.max(-1, Math.min(1, 0.1 + 0.2 * r.nextGaussian()));
        ConfidenceSequence all = ConfidenceSequence.of(d, ACC);
        for (int n = 2; n <= d.length; n++) {
            assertTrue(all.at(n).lower() >= all.at(n - 1).lower(), "lower fell at n = " + n);
            assertTrue(all.at(n).upper() <= all.at(n - 1).upper(), "upper rose at n = " + n);
        }
        // The verdict after n seeds must not depend on seeds that come later (the runner reads it between rounds).
        ConfidenceSequence first15 = ConfidenceSequence.of(Arrays.copyOf(d, 15), ACC);
        for (int n = 1; n <= 15; n++) assertEquals(first15.at(n), all.at(n));
    }

    /** Rescaling the data and the bounds together rescales the intervals: the bounds, not the units, matter. */
    @Test
    void theSequenceIsEquivariantUnderRescalingTheBounds() {
        Random r = new Random(3);
        double[] d = new double[25];
        double[] small = new double[25];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(-1, Math.min(1, 0.3 + 0.3 * r.nextGaussian()));
            small[i] = 0.1 * d[i] + 0.5;
        }
        ConfidenceSequence wide = ConfidenceSequence.of(d, ACC);
        ConfidenceSequence narrow = ConfidenceSequence.of(small, SequenceSettings.of(0.05, 0.4, 0.6));
        for (int n = 1; n <= d.length; n++) {
            assertEquals(0.1 * wide.at(n).lower() + 0.5, narrow.at(n).lower(), 1e-7, "lower at n = " + n);
            assertEquals(0.1 * wide.at(n).upper() + 0.5, narrow.at(n).upper(), 1e-7, "upper at n = " + n);
        }
    }

    /**
     * The price of the bounds, which no method escapes: if every seed shows +delta, the data are also
     * what a null with mean 0 produces (delta with probability 1/(1+delta), -1 otherwise) with chance
     * (1 + delta)^-n. A lower bound above 0 (error share alpha/2) is therefore valid only once
     * (1 + delta)^-n &lt;= alpha/2, i.e. n &gt;= ln(2/alpha) / ln(1 + delta). The sequence must not beat
     * that limit (else it is invalid), and should not be far above it.
     */
    @Test
    void noSequenceExcludesZeroBeforeTheLimitTheBoundsImpose() {
        for (double delta : new double[] {0.02, 0.05, 0.2, 0.5}) {
            double limit = Math.log(2 / 0.05) / Math.log1p(delta);
            double[] d = new double[(int) (4 * limit) + 10];
            Arrays.fill(d, delta);
            ConfidenceSequence cs = ConfidenceSequence.of(d, ACC);
            int first = 1;
            while (first <= cs.n() && !(cs.at(first).lower() > 0)) first++;
            System.out.printf("every seed +%.2f: zero excluded after %d seeds; no bounded-only method can before %.1f%n",
                    delta, first, limit);
            assertTrue(first >= limit, "excluded zero after " + first + " seeds, below the limit " + limit);
            assertTrue(first <= 3 * limit, "took " + first + " seeds, more than 3x the limit " + limit);
        }
    }

    @Test
    void aDifferenceOutsideTheBoundsIsAnErrorNamingTheSeedAndTheBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfidenceSequence.of(new double[] {0.1, 0.2, 1.5}, ACC));
        assertTrue(e.getMessage().contains("#3") && e.getMessage().contains("1.5")
                && e.getMessage().contains("[-1.0, 1.0]"), e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ConfidenceSequence.of(new double[] {Double.NaN}, ACC));
        assertTrue(nan.getMessage().contains("#1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfidenceSequence.of(new double[0], ACC));
        IllegalArgumentException arms = assertThrows(IllegalArgumentException.class,
                () -> ConfidenceSequence.ofPairs(new double[] {0.8, 0.9}, new double[] {0.8}, ACC));
        assertTrue(arms.getMessage().contains("2") && arms.getMessage().contains("1"), arms.getMessage());
    }

    @Test
    void settingsNameTheKeyTheValueAndWhatIsExpected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SequenceSettings.of(0, -1, 1))
                .getMessage().contains("alpha: found 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SequenceSettings.of(0.05, 1, -1))
                .getMessage().contains("bounds: found [1.0, -1.0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SequenceSettings(0.05, -1, 1, 1))
                .getMessage().contains("truncation: found 1.0"));
    }

    @Test
    void pairsAreTreatmentMinusControlInSeedOrder() {
        ConfidenceSequence cs = ConfidenceSequence.ofPairs(new double[] {0.9, 0.8, 0.85}, new double[] {0.8, 0.85, 0.85}, ACC);
        assertEquals(List.of(0.9 - 0.8, 0.8 - 0.85, 0.85 - 0.85), cs.differences());
        assertEquals(0.1, cs.at(1).mean(), 1e-12);
        assertEquals(0.05 / 3, cs.at(3).mean(), 1e-12);
        assertEquals(Math.sqrt((Math.pow(0.1 - 0.05 / 3, 2) + Math.pow(-0.05 - 0.05 / 3, 2) + Math.pow(0.05 / 3, 2)) / 2),
                cs.sd(3), 1e-12);
    }
}
