package claimsweep.train;

import claimsweep.spec.DataConfig.Augment;
import claimsweep.spec.DataConfig.DataOrder;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Augmentation (claim A10): shifts move the image by at most 2 pixels, mirrors flip it, blanks fill in. */
class AugmentTest {
    private static final int SIDE = 28;
    private static final int PER = SIDE * SIDE;

    /** n images, each blank (-1) but for one bright pixel (1) at (row 10, column 6). */
    private static float[] dots(int n) {
        float[] x = new float[n * PER];
        java.util.Arrays.fill(x, -1f);
        for (int i = 0; i < n; i++) x[i * PER + 10 * SIDE + 6] = 1f;
        return x;
    }

    private static int[] brightAt(float[] batch, int image) {
        int found = -1;
        for (int p = 0; p < PER; p++) {
            if (batch[image * PER + p] == 1f) {
                assertEquals(-1, found, "exactly one bright pixel");
                found = p;
            }
        }
        assertTrue(found >= 0, "the bright pixel survives a shift of 2 from (10, 6)");
        return new int[] {found / SIDE, found % SIDE};
    }

    @Test
    void shiftsAreUniformWithinTwoPixelsAndFillWithBlank() {
        int n = 50;
        Minibatches b = new Minibatches(dots(n), new int[n], PER, 10, n, new Random(1))
                .augment(Augment.SHIFT, new Random(2), -1f);
        Set<String> seen = new HashSet<>();
        for (int step = 0; step < 20; step++) {
            float[] batch = b.next().getFeatures().dup().data().asFloat();
            for (int i = 0; i < n; i++) {
                int[] rc = brightAt(batch, i);
                assertTrue(Math.abs(rc[0] - 10) <= 2 && Math.abs(rc[1] - 6) <= 2, rc[0] + "," + rc[1]);
                seen.add((rc[0] - 10) + "," + (rc[1] - 6));
                // everything else is blank: nothing but -1 and the single 1
                for (int p = 0; p < PER; p++) assertTrue(batch[i * PER + p] == -1f || batch[i * PER + p] == 1f);
            }
        }
        assertEquals(25, seen.size(), "1000 draws cover all 5 x 5 shifts");
    }

    @Test
    void shiftFlipMirrorsAboutHalfTheImages() {
        int n = 400;
        Minibatches b = new Minibatches(dots(n), new int[n], PER, 10, n, new Random(1))
                .augment(Augment.SHIFT_FLIP, new Random(3), -1f);
        float[] batch = b.next().getFeatures().dup().data().asFloat();
        int mirrored = 0;
        for (int i = 0; i < n; i++) {
            int col = brightAt(batch, i)[1];
            if (Math.abs(col - (SIDE - 1 - 6)) <= 2) mirrored++;
            else assertTrue(Math.abs(col - 6) <= 2);
        }
        // binomial(400, 1/2): sd 10; 200 +- 50 is 5 sd
        assertEquals(200, mirrored, 50);
    }

    @Test
    void augmentationLeavesTheDataOrderAndLabelsAlone() {
        int n = 100;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 10;
        Minibatches plain = new Minibatches(dots(n), y, PER, 10, 10, new Random(5));
        Minibatches aug = new Minibatches(dots(n), y, PER, 10, 10, new Random(5)).augment(Augment.SHIFT,
                new Random(9), -1f);
        for (int s = 0; s < 25; s++) {
            DataSet a = plain.next();
            DataSet b = aug.next();
            assertEquals(a.getLabels(), b.getLabels());
        }
        assertArrayEquals(plain.currentOrder(), aug.currentOrder());
    }
}
