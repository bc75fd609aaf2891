package claimsweep.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Element access to a dense array's native memory, float or double, for the fused layers' loops. */
abstract class Vec {
    abstract double get(int i);

    abstract void set(int i, double v);

    static Vec of(INDArray a) {
        return switch (a.dataType()) {
            case FLOAT -> new F(Native.floats(a));
            case DOUBLE -> new D(Native.doubles(a));
            default -> throw new IllegalArgumentException("fused layers support float and double, not " + a.dataType());
        };
    }

    private static final class F extends Vec {
        private final FloatBuffer b;

        F(FloatBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, (float) v);
        }
    }

    private static final class D extends Vec {
        private final DoubleBuffer b;

        D(DoubleBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, v);
        }
    }
}
