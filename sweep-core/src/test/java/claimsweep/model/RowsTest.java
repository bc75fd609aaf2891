package claimsweep.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rows' buffered, block-accumulated loops against the plain double loops they replace. */
class RowsTest {
    private static float[] matrix(int n, int c, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * c];
        for (int i = 0; i < x.length; i++) x[i] = (float) (3 + r.nextGaussian()); // a mean far from 0, as BN inputs have
        return x;
    }

    // row counts below, at and across the 32-row block, and one column
    @ParameterizedTest(name = "n={0} c={1}")
    @CsvSource({"1,5", "31,7", "32,256", "33,3", "256,256", "70,1"})
    void columnSumsAndCentredSquaresMatchDoubleLoops(int n, int c) {
        float[] x = matrix(n, c, n * 31L + c);
        float[] mu = new float[c];
        double[] sums = new double[c];
        double[] squares = new double[c];
        for (int j = 0; j < c; j++) mu[j] = 3f + j * 0.01f;
        Rows.addColumnSums(x, n, c, sums);
        Rows.addCentredSquareSums(x, n, c, mu, squares);
        for (int j = 0; j < c; j++) {
            double s = 0, q = 0;
            for (int r = 0; r < n; r++) {
                s += x[r * c + j];
                double d = x[r * c + j] - mu[j];
                q += d * d;
            }
            // float sums over blocks of 32 values of magnitude ~3: relative error well under 1e-5
            assertEquals(s, sums[j], 1e-5 * Math.abs(s) + 1e-6, "sum of column " + j);
            assertEquals(q, squares[j], 1e-5 * q + 1e-6, "centred squares of column " + j);
        }
    }

    @ParameterizedTest(name = "n={0} c={1}")
    @CsvSource({"1,5", "33,3", "64,256"})
    void affineAndBiasWorkPerColumn(int n, int c) {
        float[] x = matrix(n, c, 7);
        float[] y = x.clone();
        float[] z = x.clone();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int j = 0; j < c; j++) {
            scale[j] = 0.5f + j;
            shift[j] = -j;
        }
        Rows.affine(y, n, c, scale, shift);
        Rows.addToRows(z, n, c, shift);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < c; j++) {
                assertEquals(x[r * c + j] * scale[j] + shift[j], y[r * c + j], 0f, "affine at " + r + "," + j);
                assertEquals(x[r * c + j] + shift[j], z[r * c + j], 0f, "bias at " + r + "," + j);
            }
        }
    }
}
