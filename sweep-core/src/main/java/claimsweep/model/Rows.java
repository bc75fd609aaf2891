package claimsweep.model;

/**
 * Per-column loops over a row-major [n, c] float matrix (a batch of dense activations): column
 * sums and per-column affine maps, as the dense fused layers need them.
 *
 * <p>Why a class of its own: Java 17's C2 compiler does not vectorize a loop that reads
 * {@code x[off + j]} and {@code v[j]} together (two arrays at different invariant offsets), so
 * the obvious row loops ran at scalar speed: 0.4-0.7 ns per value, measured, against 0.1-0.2 for
 * loops whose arrays share one index. Each method therefore copies a row into a buffer
 * ({@code System.arraycopy}, an intrinsic) and loops over buffer and column arrays with the same
 * index. Sums accumulate in float over blocks of {@value #BLOCK} rows and in double across blocks:
 * float-to-double conversions in the loop also stop vectorization, and a float sum of 32 values
 * loses at most ~2e-6 relative.
 */
final class Rows {
    static final int BLOCK = 32;

    private Rows() {}

    /** out[j] += sum over rows of x[r][j]. */
    static void addColumnSums(float[] x, int n, int c, double[] out) {
        float[] row = new float[c];
        float[] acc = new float[c];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            java.util.Arrays.fill(acc, 0f);
            for (int r = r0, end = Math.min(n, r0 + BLOCK); r < end; r++) {
                System.arraycopy(x, r * c, row, 0, c);
                for (int j = 0; j < c; j++) acc[j] += row[j];
            }
            for (int j = 0; j < c; j++) out[j] += acc[j];
        }
    }

    /** out[j] += sum over rows of (x[r][j] - mu[j])^2. */
    static void addCentredSquareSums(float[] x, int n, int c, float[] mu, double[] out) {
        float[] row = new float[c];
        float[] acc = new float[c];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            java.util.Arrays.fill(acc, 0f);
            for (int r = r0, end = Math.min(n, r0 + BLOCK); r < end; r++) {
                System.arraycopy(x, r * c, row, 0, c);
                for (int j = 0; j < c; j++) {
                    float d = row[j] - mu[j];
                    acc[j] += d * d;
                }
            }
            for (int j = 0; j < c; j++) out[j] += acc[j];
        }
    }

    /** x[r][j] = x[r][j] * scale[j] + shift[j], in place. */
    static void affine(float[] x, int n, int c, float[] scale, float[] shift) {
        float[] row = new float[c];
        for (int r = 0; r < n; r++) {
            int off = r * c;
            System.arraycopy(x, off, row, 0, c);
            for (int j = 0; j < c; j++) row[j] = row[j] * scale[j] + shift[j];
            System.arraycopy(row, 0, x, off, c);
        }
    }

    /** x[r][j] += b[j], in place (a dense layer's bias). */
    static void addToRows(float[] x, int n, int c, float[] b) {
        float[] row = new float[c];
        for (int r = 0; r < n; r++) {
            int off = r * c;
            System.arraycopy(x, off, row, 0, c);
            for (int j = 0; j < c; j++) row[j] += b[j];
            System.arraycopy(row, 0, x, off, c);
        }
    }
}
