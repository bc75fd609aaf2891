package claimsweep.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** SMOTE (remedy = smote): points on same-class neighbour segments, balanced counts, one result per seed. */
class SmoteTest {
    private static final int PER = 6;

    /** Rows of seeded noise around their class; classes 0-4 have 3, 4, 12, 20, 1 examples (more than k + 1 in two), 5-9 have 40-44. */
    private static float[] data(int[] labels, long seed) {
        Random r = new Random(seed);
        float[] x = new float[labels.length * PER];
        for (int i = 0; i < labels.length; i++) {
            for (int p = 0; p < PER; p++) x[i * PER + p] = (float) (labels[i] + r.nextGaussian());
        }
        return x;
    }

    private static int[] labels() {
        int[] count = {3, 4, 12, 20, 1, 40, 41, 42, 43, 44};
        int n = Arrays.stream(count).sum();
        int[] y = new int[n];
        int k = 0;
        for (int c = 0; c < 10; c++) for (int i = 0; i < count[c]; i++) y[k++] = c;
        // interleave so positions are not sorted by class
        int[] perm = Shuffle.permutation(n, new Random(3));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = y[perm[i]];
        return out;
    }

    private static double sq(float[] x, int a, int b) {
        double d = 0;
        for (int p = 0; p < PER; p++) {
            double t = x[a * PER + p] - x[b * PER + p];
            d += t * t;
        }
        return d;
    }

    @Test
    void syntheticPointsLieOnSegmentsToOneOfTheFiveNearestSameClassNeighbours() {
        int[] y = labels();
        float[] x = data(y, 1);
        Smote.Result r = TrainingSet.smote(x, PER, y, 10, 50, 7);
        int n = y.length;
        assertArrayEquals(x, Arrays.copyOf(r.x(), x.length), "the real rows come first, unchanged");
        assertArrayEquals(y, Arrays.copyOf(r.labels(), n));
        assertTrue(r.labels().length > n);
        for (int s = 0; s < r.base().length; s++) {
            int i = r.base()[s];
            int j = r.other()[s];
            int c = r.labels()[n + s];
            assertEquals(c, y[i], "base example of synthetic " + s + " is of its class");
            assertEquals(c, y[j], "neighbour of synthetic " + s + " is of its class");
            // the neighbour is among the 5 closest same-class rows of the base (computed here by counting)
            if (i != j) {
                int closer = 0;
                for (int q = 0; q < n; q++) if (q != i && y[q] == c && sq(x, i, q) < sq(x, i, j)) closer++;
                assertTrue(closer < 5, "neighbour " + j + " of " + i + " has " + closer + " closer same-class rows");
            } else {
                assertEquals(1, Smote.membersOf(y, c).length, "only a lone example is its own neighbour");
            }
            // on the segment: x_s = x_i + u (x_j - x_i) for one u in [0, 1] shared by every value
            double u = Double.NaN;
            for (int p = 0; p < PER; p++) {
                double d = x[j * PER + p] - x[i * PER + p];
                double v = r.x()[(n + s) * PER + p] - x[i * PER + p];
                if (Math.abs(d) < 1e-3) {
                    assertEquals(0, v, 1e-5);
                    continue;
                }
                double up = v / d;
                if (Double.isNaN(u)) u = up;
                assertEquals(u, up, 1e-4, "synthetic " + s + " value " + p + " leaves the segment");
            }
            if (!Double.isNaN(u)) assertTrue(u >= -1e-6 && u <= 1 + 1e-6, "u = " + u);
        }
    }

    @Test
    void minorityClassesReachTheMajorityMeanAndOthersAreUntouched() {
        int[] y = labels();
        Smote.Result r = TrainingSet.smote(data(y, 2), PER, y, 10, 50, 7);
        int[] count = new int[10];
        for (int l : r.labels()) count[l]++;
        int target = Math.round((40 + 41 + 42 + 43 + 44) / 5f); // 42
        for (int c = 0; c < 5; c++) assertEquals(target, count[c], "class " + c);
        assertArrayEquals(new int[] {40, 41, 42, 43, 44}, Arrays.copyOfRange(count, 5, 10));
        // base examples are used in rounds: each real example of a class seeds floor or ceil(needed / n_c)
        int[] uses = new int[y.length];
        for (int b : r.base()) uses[b]++;
        int[] own = {3, 4, 12, 20, 1};
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= 5) {
                assertEquals(0, uses[i]);
            } else {
                int needed = target - own[y[i]];
                assertTrue(uses[i] == needed / own[y[i]] || uses[i] == (needed + own[y[i]] - 1) / own[y[i]],
                        "example " + i + " seeded " + uses[i]);
            }
        }
    }

    @Test
    void balancedDataGetsNothingAndTheSameSeedGivesTheSameExamples() {
        int[] y = labels();
        float[] x = data(y, 3);
        Smote.Result none = TrainingSet.smote(x, PER, y, 10, 1, 7);
        assertArrayEquals(x, none.x(), "imbalance 1: no minority classes");
        Smote.Result a = TrainingSet.smote(x, PER, y, 10, 50, 11);
        Smote.Result b = TrainingSet.smote(x, PER, y, 10, 50, 11);
        Smote.Result c = TrainingSet.smote(x, PER, y, 10, 50, 12);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.base(), b.base());
        assertFalse(Arrays.equals(a.x(), c.x()), "another data seed draws other synthetic examples");
        var e = assertThrows(IllegalArgumentException.class, () -> Smote.balance(x, PER + 1, y, new int[] {0}, 9, new Random(1)));
        assertTrue(e.getMessage().contains("rows of 7 values"), e.getMessage());
    }
}
