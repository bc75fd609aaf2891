package claimsweep.model.fused;

/**
 * Horizontal sums over a slice of a float array (one example's group in GroupNorm), in eight
 * independent float accumulators per chunk of {@value #CHUNK} values and in double across chunks.
 *
 * <p>Why eight lanes: a single running sum is bound by the add's latency (4 cycles per value,
 * docs/perf.md change 18), and C2 in Java 17 does not vectorize a float sum reduction; eight
 * independent chains keep both add ports busy. Why chunks: a float lane of at most 128 values
 * loses at most ~8e-6 relative, and the chunk totals are summed in double.
 */
final class Lanes {
    static final int CHUNK = 1024;

    private Lanes() {}

    /** sum of a[from .. from + len). */
    static double sum(float[] a, int from, int len) {
        double total = 0;
        for (int c0 = from, end = from + len; c0 < end; c0 += CHUNK) {
            int ce = Math.min(end, c0 + CHUNK);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int k = c0;
            for (; k + 8 <= ce; k += 8) {
                s0 += a[k];
                s1 += a[k + 1];
                s2 += a[k + 2];
                s3 += a[k + 3];
                s4 += a[k + 4];
                s5 += a[k + 5];
                s6 += a[k + 6];
                s7 += a[k + 7];
            }
            for (; k < ce; k++) s0 += a[k];
            total += (double) ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
        return total;
    }

    /** sum of (a[k] - m)^2 over a[from .. from + len). */
    static double centredSquares(float[] a, int from, int len, float m) {
        double total = 0;
        for (int c0 = from, end = from + len; c0 < end; c0 += CHUNK) {
            int ce = Math.min(end, c0 + CHUNK);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int k = c0;
            for (; k + 8 <= ce; k += 8) {
                float d0 = a[k] - m, d1 = a[k + 1] - m, d2 = a[k + 2] - m, d3 = a[k + 3] - m;
                float d4 = a[k + 4] - m, d5 = a[k + 5] - m, d6 = a[k + 6] - m, d7 = a[k + 7] - m;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
                s4 += d4 * d4;
                s5 += d5 * d5;
                s6 += d6 * d6;
                s7 += d7 * d7;
            }
            for (; k < ce; k++) {
                float d = a[k] - m;
                s0 += d * d;
            }
            total += (double) ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
        return total;
    }

    /** sum of d[k] (x[k] - m) over the slice [from, from + len) of both arrays. */
    static double centredDot(float[] d, float[] x, int from, int len, float m) {
        double total = 0;
        for (int c0 = from, end = from + len; c0 < end; c0 += CHUNK) {
            int ce = Math.min(end, c0 + CHUNK);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int k = c0;
            for (; k + 8 <= ce; k += 8) {
                s0 += d[k] * (x[k] - m);
                s1 += d[k + 1] * (x[k + 1] - m);
                s2 += d[k + 2] * (x[k + 2] - m);
                s3 += d[k + 3] * (x[k + 3] - m);
                s4 += d[k + 4] * (x[k + 4] - m);
                s5 += d[k + 5] * (x[k + 5] - m);
                s6 += d[k + 6] * (x[k + 6] - m);
                s7 += d[k + 7] * (x[k + 7] - m);
            }
            for (; k < ce; k++) s0 += d[k] * (x[k] - m);
            total += (double) ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
        return total;
    }
}
