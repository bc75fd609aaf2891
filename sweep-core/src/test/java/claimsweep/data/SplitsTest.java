package claimsweep.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class SplitsTest {
    /** 10 classes of 500 each, interleaved, so stratification is visible. */
    private static final int[] LABELS = IntStream.range(0, 5000).map(i -> i % 10).toArray();

    private static int[] classCounts(int[] idx) {
        int[] c = new int[10];
        for (int i : idx) c[LABELS[i]]++;
        return c;
    }

    @Test
    void validationIsFixedAndStratifiedWhateverTheSeed() {
        Splits.Split a = Splits.split(LABELS, 10, 1000, 500, 1);
        Splits.Split b = Splits.split(LABELS, 10, 2000, 500, 99);
        assertArrayEquals(a.validation(), b.validation());
        int[] c = classCounts(a.validation());
        for (int k : c) assertEquals(50, k);
    }

    @Test
    void trainIsDisjointStratifiedAndSeedDependent() {
        Splits.Split a = Splits.split(LABELS, 10, 1000, 500, 1);
        Set<Integer> val = new HashSet<>();
        for (int i : a.validation()) val.add(i);
        for (int i : a.train()) assertFalse(val.contains(i), "train index " + i + " is also in validation");
        assertEquals(1000, Arrays.stream(a.train()).distinct().count());
        for (int k : classCounts(a.train())) assertEquals(100, k);
        assertArrayEquals(a.train(), Splits.split(LABELS, 10, 1000, 500, 1).train(), "same seed, same subset");
        assertFalse(Arrays.equals(a.train(), Splits.split(LABELS, 10, 1000, 500, 2).train()), "other seed, other subset");
    }

    @Test
    void zeroTrainSizeTakesEverythingLeft() {
        assertEquals(4500, Splits.split(LABELS, 10, 0, 500, 3).train().length);
    }

    @Test
    void impossibleSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Splits.split(LABELS, 10, 4600, 500, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.split(LABELS, 10, 10, 0, 1));
    }

    @Test
    void quotasAreLargestRemainder() {
        assertArrayEquals(new int[] {4, 3, 3}, Splits.quotas(new int[] {10, 10, 10}, 10));
        assertEquals(7, Arrays.stream(Splits.quotas(new int[] {3, 5, 9}, 7)).sum());
    }
}
