package claimsweep.data;

import claimsweep.spec.DataConfig.Remedy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class TrainingSetTest {
    /** 6000 examples, 600 per class, interleaved; the subset is all of them. */
    private static final int[] FILE_LABELS = IntStream.range(0, 6000).map(i -> i % 10).toArray();
    private static final int[] SUBSET = IntStream.range(0, 6000).toArray();

    private static int[] counts(int[] labels) {
        int[] c = new int[10];
        for (int y : labels) c[y]++;
        return c;
    }

    @Test
    void untreatedIsTheSubsetItself() {
        TrainingSet t = TrainingSet.build(SUBSET, FILE_LABELS, 10, 1, 1, 0.0, Remedy.NONE);
        assertArrayEquals(SUBSET, t.rows());
        assertArrayEquals(t.trueLabels(), t.labels());
        assertNull(t.classWeights());
    }

    @Test
    void labelNoiseFlipsExactlyThatFractionSpreadOverClasses() {
        TrainingSet t = TrainingSet.build(SUBSET, FILE_LABELS, 10, 7, 1, 0.4, Remedy.NONE);
        int flipped = 0;
        int[] fromClass = new int[10];
        int[] toClass = new int[10];
        for (int i = 0; i < t.labels().length; i++) {
            if (t.labels()[i] != t.trueLabels()[i]) {
                flipped++;
                fromClass[t.trueLabels()[i]]++;
                toClass[t.labels()[i]]++;
            }
        }
        assertEquals(2400, flipped, "40% of 6000, exactly (+-1% would be 2340..2460)");
        // 240 expected per class; binomial-like sd ~15, so 180..300 is a 4-sigma band either way
        for (int c = 0; c < 10; c++) {
            assertTrue(fromClass[c] > 180 && fromClass[c] < 300, "flips from class " + c + ": " + fromClass[c]);
            assertTrue(toClass[c] > 180 && toClass[c] < 300, "flips to class " + c + ": " + toClass[c]);
        }
        assertArrayEquals(t.labels(), TrainingSet.build(SUBSET, FILE_LABELS, 10, 7, 1, 0.4, Remedy.NONE).labels(), "seeded");
        assertFalse(Arrays.equals(t.labels(), TrainingSet.build(SUBSET, FILE_LABELS, 10, 8, 1, 0.4, Remedy.NONE).labels()));
    }

    @Test
    void imbalanceDownsamplesClassesZeroToFourNested() {
        TrainingSet t50 = TrainingSet.build(SUBSET, FILE_LABELS, 10, 3, 50, 0.0, Remedy.NONE);
        int[] c = counts(t50.labels());
        for (int k = 0; k < 5; k++) assertEquals(12, c[k], "600 / 50 kept in minority class " + k);
        for (int k = 5; k < 10; k++) assertEquals(600, c[k], "majority class " + k + " untouched");
        TrainingSet t10 = TrainingSet.build(SUBSET, FILE_LABELS, 10, 3, 10, 0.0, Remedy.NONE);
        Set<Integer> rows10 = new HashSet<>();
        for (int r : t10.rows()) rows10.add(r);
        for (int r : t50.rows()) assertTrue(rows10.contains(r), "ratio 50 keeps a subset of what ratio 10 keeps");
    }

    @Test
    void oversamplingBalancesByDuplicatingMinorityExamples() {
        TrainingSet t = TrainingSet.build(SUBSET, FILE_LABELS, 10, 3, 50, 0.0, Remedy.OVERSAMPLE);
        for (int k : counts(t.labels())) assertEquals(600, k);
        TrainingSet plain = TrainingSet.build(SUBSET, FILE_LABELS, 10, 3, 50, 0.0, Remedy.NONE);
        Set<Integer> rows = new HashSet<>();
        for (int r : t.rows()) rows.add(r);
        assertEquals(plain.rows().length, rows.size(), "no new images, only duplicates of kept ones");
        for (int i = 0; i < t.rows().length; i++) assertEquals(FILE_LABELS[t.rows()[i]], t.trueLabels()[i]);
    }

    @Test
    void classWeightsAreInverseFrequencyWithMeanOne() {
        TrainingSet t = TrainingSet.build(SUBSET, FILE_LABELS, 10, 3, 50, 0.0, Remedy.WEIGHTED);
        double[] w = t.classWeights();
        int n = t.labels().length; // 5 * 12 + 5 * 600 = 3060
        assertEquals(3060, n);
        assertEquals(3060.0 / (10 * 12), w[0], 1e-12);
        assertEquals(3060.0 / (10 * 600), w[9], 1e-12);
        double mean = Arrays.stream(t.labels()).mapToDouble(y -> w[y]).sum() / n;
        assertEquals(1.0, mean, 1e-12);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                TrainingSet.build(SUBSET, FILE_LABELS, 10, 3, 1, 0.0, Remedy.WEIGHTED).classWeights(), 1e-12);
    }
}
