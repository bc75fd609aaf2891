package claimsweep.model.fused;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Per-column loops over a row-major [n, c] float matrix held in native memory (a batch of dense
 * activations, read through {@link Native#floats}): column sums, per-column affine maps and
 * activation gradients, as the dense fused layers need them.
 *
 * <p>Each loop reads one row at a time from native memory into a buffer and works on the
 * buffer, for two measured reasons:
 * <ul>
 * <li>Java 17's C2 compiler does not vectorize a loop that reads {@code x[off + j]} and
 *     {@code v[j]} together (two arrays at different invariant offsets), so the obvious row loops
 *     ran at scalar speed: 0.4-0.7 ns per value against 0.1-0.2 for loops whose arrays share one
 *     index.</li>
 * <li>Reading rows straight from native memory (~27 ns per 1 KB row, as cheap as an arraycopy)
 *     replaces the whole-array copies into Java and back the layers used to make: the dense
 *     BatchNorm layer at batch 256 made 16 passes over its 256 KB per backward step, 7 now
 *     (docs/perf.md, session 6).</li>
 * </ul>
 * Sums accumulate in float over blocks of {@value #BLOCK} rows and in double across blocks:
 * float-to-double conversions in the loop also stop vectorization, and a float sum of 32 values
 * loses at most ~2e-6 relative.
 */
final class Rows {
    static final int BLOCK = 32;

    private Rows() {}

    /** out[j] += sum over rows of x[r][j]. */
    static void addColumnSums(FloatBuffer x, int n, int c, double[] out) {
        float[] row = new float[c];
        float[] acc = new float[c];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            Arrays.fill(acc, 0f);
            for (int r = r0, end = Math.min(n, r0 + BLOCK); r < end; r++) {
                x.get(r * c, row, 0, c);
                for (int j = 0; j < c; j++) acc[j] += row[j];
            }
            for (int j = 0; j < c; j++) out[j] += acc[j];
        }
    }

    /** out[j] += sum over rows of (x[r][j] - mu[j])^2. */
    static void addCentredSquareSums(FloatBuffer x, int n, int c, float[] mu, double[] out) {
        float[] row = new float[c];
        float[] acc = new float[c];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            Arrays.fill(acc, 0f);
            for (int r = r0, end = Math.min(n, r0 + BLOCK); r < end; r++) {
                x.get(r * c, row, 0, c);
                for (int j = 0; j < c; j++) {
                    float d = row[j] - mu[j];
                    acc[j] += d * d;
                }
            }
            for (int j = 0; j < c; j++) out[j] += acc[j];
        }
    }

    /**
     * y[r][j] = f(x[r][j] * scale[j] + shift[j]), with scale null meaning 1 (a bias); x and y may
     * be the same buffer.
     */
    static void affine(FloatBuffer x, FloatBuffer y, int n, int c, float[] scale, float[] shift, Act f) {
        float[] row = new float[c];
        for (int r = 0; r < n; r++) {
            x.get(r * c, row, 0, c);
            if (scale == null) {
                for (int j = 0; j < c; j++) row[j] += shift[j];
            } else {
                for (int j = 0; j < c; j++) row[j] = row[j] * scale[j] + shift[j];
            }
            f.applyInPlace(row, c);
            y.put(r * c, row, 0, c);
        }
    }

    /**
     * dz[r] = g[r] f'(at a[r]), the gradient through the activation from its output a (g and dz
     * may be the same buffer; a is not read for the identity), and, when sums is not null,
     * sums[j] += the column sums of dz (a dense layer's bias gradient).
     */
    static void activationGradient(FloatBuffer g, FloatBuffer a, FloatBuffer dz, int n, int c, Act f, double[] sums) {
        float[] row = new float[c];
        float[] out = f == Act.IDENTITY ? null : new float[c];
        float[] acc = new float[c];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            Arrays.fill(acc, 0f);
            for (int r = r0, end = Math.min(n, r0 + BLOCK); r < end; r++) {
                g.get(r * c, row, 0, c);
                if (out != null) {
                    a.get(r * c, out, 0, c);
                    f.backpropInPlace(row, out, c);
                }
                if (sums != null) {
                    for (int j = 0; j < c; j++) acc[j] += row[j];
                }
                dz.put(r * c, row, 0, c);
            }
            if (sums != null) {
                for (int j = 0; j < c; j++) sums[j] += acc[j];
            }
        }
    }
}
