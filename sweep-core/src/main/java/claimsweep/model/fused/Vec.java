package claimsweep.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Bulk copies between a dense array's native memory and Java double arrays, for the fused
 * layers' loops. Loops over plain Java arrays are what the JIT compiles well; element-wise access
 * through direct buffers measured ~45 ns per element in the BatchNorm layer, bulk copies plus
 * array loops a few ns.
 */
final class Vec {
    private Vec() {}

    /**
     * The float staging array of the calling thread, grown as needed and never shrunk. Allocating
     * a fresh float[] and double[] per read cost more than the read itself: 19 us for a 64x256
     * activation, against 2 us for the bulk copy (the arrays are too large for the thread's
     * allocation buffer and are zeroed on the slow path).
     */
    private static final ThreadLocal<float[]> STAGING = ThreadLocal.withInitial(() -> new float[0]);

    private static float[] staging(int n) {
        float[] f = STAGING.get();
        if (f.length < n) {
            f = new float[n];
            STAGING.set(f);
        }
        return f;
    }

    static double[] read(INDArray a) {
        return read(a, new double[Math.toIntExact(a.length())]);
    }

    /** Reads {@code a} into {@code out}, which must have exactly a's length; returns {@code out}. */
    static double[] read(INDArray a, double[] out) {
        int n = Math.toIntExact(a.length());
        if (out.length != n) throw new IllegalArgumentException(out.length + " slots for an array of " + n);
        switch (a.dataType()) {
            case FLOAT -> {
                float[] f = staging(n);
                FloatBuffer b = Native.floats(a);
                b.get(0, f, 0, n);
                for (int i = 0; i < n; i++) out[i] = f[i];
            }
            case DOUBLE -> {
                DoubleBuffer b = Native.doubles(a);
                b.get(0, out);
            }
            default -> throw new IllegalArgumentException("fused layers support float and double, not " + a.dataType());
        }
        return out;
    }

    static void write(INDArray a, double[] v) {
        int n = Math.toIntExact(a.length());
        if (v.length < n) throw new IllegalArgumentException(v.length + " values for an array of " + n);
        switch (a.dataType()) {
            case FLOAT -> {
                float[] f = staging(n);
                for (int i = 0; i < n; i++) f[i] = (float) v[i];
                Native.floats(a).put(0, f, 0, n);
            }
            case DOUBLE -> Native.doubles(a).put(0, v, 0, n);
            default -> throw new IllegalArgumentException("fused layers support float and double, not " + a.dataType());
        }
    }

    /** {@link #write} when the array's memory is contiguous, element by element otherwise (strided views). */
    static void writeAny(INDArray a, double[] values) {
        if (Native.isDense(a)) {
            write(a, values);
        } else {
            for (int j = 0; j < values.length; j++) a.putScalar(j, values[j]);
        }
    }
}
