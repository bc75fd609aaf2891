package claimsweep.model.fused;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.FloatBuffer;
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
        Rows.addColumnSums(FloatBuffer.wrap(x), n, c, sums);
        Rows.addCentredSquareSums(FloatBuffer.wrap(x), n, c, mu, squares);
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
        float[] y = new float[n * c];
        float[] z = x.clone();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int j = 0; j < c; j++) {
            scale[j] = 0.5f + j;
            shift[j] = -j;
        }
        Rows.affine(FloatBuffer.wrap(x), FloatBuffer.wrap(y), n, c, scale, shift, Act.IDENTITY);
        Rows.affine(FloatBuffer.wrap(z), FloatBuffer.wrap(z), n, c, null, shift, Act.RELU); // in place
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < c; j++) {
                assertEquals(x[r * c + j] * scale[j] + shift[j], y[r * c + j], 0f, "affine at " + r + "," + j);
                assertEquals(Math.max(x[r * c + j] + shift[j], 0f), z[r * c + j], 0f, "bias + ReLU at " + r + "," + j);
            }
        }
    }

    /** The gradient through the activation, and its column sums, against per-element loops (rows across the 32-row block). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"RELU", "TANH", "IDENTITY"})
    void activationGradientAndItsColumnSums(Act f) {
        int n = 70, c = 9;
        float[] g = matrix(n, c, 3);
        float[] a = matrix(n, c, 4);
        for (int i = 0; i < a.length; i++) a[i] = f == Act.TANH ? (float) Math.tanh(a[i] - 3) : a[i] - 3;
        if (f == Act.RELU) for (int i = 0; i < a.length; i++) a[i] = Math.max(a[i], 0f);
        float[] dz = new float[n * c];
        double[] sums = new double[c];
        Rows.activationGradient(FloatBuffer.wrap(g), FloatBuffer.wrap(a), FloatBuffer.wrap(dz), n, c, f, sums);
        for (int j = 0; j < c; j++) {
            double s = 0;
            for (int r = 0; r < n; r++) {
                int k = r * c + j;
                float want = (float) (g[k] * f.derivFromOutput(a[k]));
                // float arithmetic against double: 1 - a^2 loses a few bits when a is near 1
                assertEquals(want, dz[k], 1e-5f * Math.abs(want) + 1e-7f, "dz at " + r + "," + j);
                s += want;
            }
            assertEquals(s, sums[j], 1e-5 * Math.abs(s) + 1e-5, "column sum " + j);
        }
    }
}
