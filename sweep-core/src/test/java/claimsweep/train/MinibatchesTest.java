package claimsweep.train;

import claimsweep.spec.DataConfig.Augment;
import claimsweep.spec.DataConfig.DataOrder;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class MinibatchesTest {
    private static final int N = 100;
    private static final int[] Y = IntStream.range(0, N).map(i -> (i * 7) % 10).toArray();
    /** Feature = row index, so a batch tells which rows it holds. */
    private static final float[] X = new float[N];

    static {
        for (int i = 0; i < N; i++) X[i] = i;
    }

    private static int[] epoch(Minibatches m) {
        int[] rows = new int[N];
        for (int s = 0; s < m.stepsPerEpoch(); s++) {
            DataSet d = m.next();
            for (int r = 0; r < 10; r++) rows[s * 10 + r] = (int) d.getFeatures().getFloat(r, 0);
        }
        return rows;
    }

    @Test
    void sortedOrderIsSortedByClassEveryEpoch() {
        Minibatches m = new Minibatches(X, Y, 1, 10, 10, new Random(1), DataOrder.SORTED);
        int[] first = epoch(m);
        for (int i = 1; i < N; i++) assertTrue(Y[first[i - 1]] <= Y[first[i]], "not sorted at " + i);
        assertArrayEquals(first, epoch(m), "sorted order never reshuffles");
    }

    @Test
    void shuffleOnceKeepsOneOrderAndReshuffleChangesIt() {
        Minibatches once = new Minibatches(X, Y, 1, 10, 10, new Random(1), DataOrder.ONCE);
        int[] a = epoch(once);
        assertArrayEquals(a, epoch(once));
        assertFalse(isSortedByClass(a));
        Minibatches re = new Minibatches(X, Y, 1, 10, 10, new Random(1), DataOrder.RESHUFFLE);
        int[] b = epoch(re);
        assertArrayEquals(a, b, "same seed, same first epoch");
        assertFalse(Arrays.equals(b, epoch(re)), "next epoch reshuffled");
    }

    @Test
    void labelsAreOneHotOfTheRowsClass() {
        Minibatches m = new Minibatches(X, Y, 1, 10, 10, new Random(2));
        DataSet d = m.next();
        for (int r = 0; r < 10; r++) {
            int row = (int) d.getFeatures().getFloat(r, 0);
            assertEquals(1f, d.getLabels().getFloat(r, Y[row]));
            assertEquals(1f, d.getLabels().getRow(r).sumNumber().floatValue());
        }
    }

    private static boolean isSortedByClass(int[] rows) {
        for (int i = 1; i < rows.length; i++) if (Y[rows[i - 1]] > Y[rows[i]]) return false;
        return true;
    }
}
