package claimsweep.model.fused;

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
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dcopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dscal;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_scopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sscal;

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

    /**
     * Whether the arrays can go to the level-1 calls below: contiguous, of one length, all float or
     * all double. Callers fall back to ND4J's ops otherwise.
     */
    static boolean level1(INDArray... arrays) {
        DataType t = arrays[0].dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) return false;
        for (INDArray a : arrays) {
            if (a.dataType() != t || a.length() != arrays[0].length() || !isDense(a)) return false;
        }
        return true;
    }

    /** x *= alpha, in place, over arrays {@link #level1} accepts. */
    static void scal(double alpha, INDArray x) {
        int n = Math.toIntExact(x.length());
        Pointer px = x.data().addressPointer();
        if (x.dataType() == DataType.FLOAT) cblas_sscal(n, (float) alpha, (FloatPointer) px, 1);
        else cblas_dscal(n, alpha, (DoublePointer) px, 1);
    }

    /** y += alpha x, in place, over arrays {@link #level1} accepts. */
    static void axpy(double alpha, INDArray x, INDArray y) {
        int n = Math.toIntExact(x.length());
        Pointer px = x.data().addressPointer();
        Pointer py = y.data().addressPointer();
        if (x.dataType() == DataType.FLOAT) cblas_saxpy(n, (float) alpha, (FloatPointer) px, 1, (FloatPointer) py, 1);
        else cblas_daxpy(n, alpha, (DoublePointer) px, 1, (DoublePointer) py, 1);
    }

    /** y = x over arrays {@link #level1} accepts. */
    static void copy(INDArray x, INDArray y) {
        int n = Math.toIntExact(x.length());
        Pointer px = x.data().addressPointer();
        Pointer py = y.data().addressPointer();
        if (x.dataType() == DataType.FLOAT) cblas_scopy(n, (FloatPointer) px, 1, (FloatPointer) py, 1);
        else cblas_dcopy(n, (DoublePointer) px, 1, (DoublePointer) py, 1);
    }
}
