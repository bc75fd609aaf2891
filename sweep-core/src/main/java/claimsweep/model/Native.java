package claimsweep.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * Direct access to ND4J arrays' native memory for the fused layers: row-major gemm straight into
 * OpenBLAS (the same library ND4J uses) and element loops in Java over direct buffers.
 *
 * <p>Why: every ND4J op costs ~30 us of fixed overhead on this machine (shape buffers, op context),
 * measured as a 64x256x10 gemm taking 44 us through ND4J against 10 us in PyTorch; a DL4J dense
 * layer issues dozens of them per step. A cblas call through JavaCPP costs about 1 us.
 */
final class Native {
    private Native() {}

    /** {@code a} itself if its elements are contiguous in row-major order (a view may be), else a c-order copy. */
    static INDArray dense(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }

    /**
     * True when the array's elements lie contiguously in row-major order from its data pointer, so
     * its memory can be read as a row-major matrix. ND4J views carry their offset in the data
     * buffer's address (FastDenseTest relies on this for the second layer's weights).
     */
    static boolean isDense(INDArray a) {
        if (a.isEmpty()) return false;
        if (a.isVector() || a.length() == 1) return a.elementWiseStride() == 1;
        // row-major contiguity: every dimension longer than 1 strides over the product of the later
        // sizes; a size-1 dimension's stride is irrelevant (ND4J may give it any value, and its
        // hasDefaultStridesForShape then says no: a [16, 1, 5, 5] conv weight view with strides
        // [25, 25, 5, 1] was reported non-contiguous)
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    static FloatBuffer floats(INDArray a) {
        FloatPointer p = (FloatPointer) a.data().addressPointer();
        long n = a.length();
        return p.capacity(n).limit(n).position(0).asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    static DoubleBuffer doubles(INDArray a) {
        DoublePointer p = (DoublePointer) a.data().addressPointer();
        long n = a.length();
        return p.capacity(n).limit(n).position(0).asByteBuffer().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /**
     * C = alpha * op(A) * op(B) + beta * C over row-major buffers, where A, B, C are the arrays'
     * contiguous memory read as row-major matrices with the given leading dimensions.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, INDArray a, int lda,
                     INDArray b, int ldb, double beta, INDArray c, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        DataType t = c.dataType();
        if (a.dataType() != t || b.dataType() != t) {
            throw new IllegalArgumentException("gemm over mixed types " + a.dataType() + ", " + b.dataType() + ", " + t);
        }
        Pointer pa = a.data().addressPointer();
        Pointer pb = b.data().addressPointer();
        Pointer pc = c.data().addressPointer();
        switch (t) {
            case FLOAT -> cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, (FloatPointer) pa, lda,
                    (FloatPointer) pb, ldb, (float) beta, (FloatPointer) pc, ldc);
            case DOUBLE -> cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, (DoublePointer) pa, lda,
                    (DoublePointer) pb, ldb, beta, (DoublePointer) pc, ldc);
            default -> throw new IllegalArgumentException("fused layers support float and double, not " + t);
        }
    }
}
