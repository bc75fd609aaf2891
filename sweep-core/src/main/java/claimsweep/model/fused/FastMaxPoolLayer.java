package claimsweep.model.fused;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Implementation of {@link FastMaxPool}. For even H and W, 2x2 windows with stride 2 tile the
 * input exactly (ConvolutionMode Same and Truncate agree, no padding), so each input element
 * belongs to one window. Ties go to the first maximum in row-major window order.
 *
 * <p>The loops avoid data-dependent branches: which of four inputs wins is a coin toss for the
 * branch predictor, and HotSpot compiles float comparisons and selects to jumps on x86. So the
 * floats are compared as order-preserving integer keys (integer max is a conditional move), the
 * winner is found with integer arithmetic, and the backward scatter masks the gradient's bits.
 * Measured on the first pooling layer of the reference CNN (200k windows): compare-and-branch
 * 4.2 ms, Math.max on floats 1.8 ms, integer keys 1.5 ms. NaN stays NaN; of +0.0 and -0.0, +0.0
 * counts as larger.
 */
final class FastMaxPoolLayer extends SubsamplingLayer {
    /** Slots: 0 a plane of the input (forward) or of the input gradient (backward), 1 a plane of the output or incoming gradient, 2 the winners. */
    private final Scratch scratch = new Scratch(3);
    /** The winners in slot 2 belong to this input; null when there are none. */
    private INDArray keptInput;

    FastMaxPoolLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** An int whose signed order is the float order of f (for non-NaN f); applying it twice gives f's bits back. */
    private static int key(float f) {
        int i = Float.floatToRawIntBits(f);
        return i ^ ((i >> 31) & 0x7fffffff);
    }

    /** 1 if a == b, else 0, without a branch. */
    private static int same(int a, int b) {
        int d = a ^ b;
        return 1 - ((d | -d) >>> 31);
    }

    /** Forward passes that took the fused path (for the tests). */
    int fusedPasses;

    private boolean fused() {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        return dataType == DataType.FLOAT && input != null && input.rank() == 4 && input.dataType() == DataType.FLOAT
                && c.getPoolingType() == PoolingType.MAX && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && Arrays.equals(c.getKernelSize(), new int[] {2, 2}) && Arrays.equals(c.getStride(), new int[] {2, 2})
                && Arrays.equals(c.getPadding(), new int[] {0, 0}) && Arrays.equals(c.getDilation(), new int[] {1, 1})
                && input.size(2) % 2 == 0 && input.size(3) % 2 == 0 && maskArray == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!fused()) return super.activate(training, mgr);
        fusedPasses++;
        INDArray in = Native.dense(input);
        int n = (int) in.size(0), c = (int) in.size(1), h = (int) in.size(2), w = (int) in.size(3);
        int ho = h / 2, wo = w / 2;
        // plane by plane between native memory and small buffers: no whole-array copies into Java
        // (as in FastBatchNorm; docs/perf.md, session 6)
        FloatBuffer xb = Native.floats(in);
        float[] x = scratch.floats(0, h * w);
        float[] y = scratch.floats(1, ho * wo);
        byte[] win = scratch.bytes(2, n * c * ho * wo);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {n, c, ho, wo}, 'c');
        FloatBuffer yb = Native.floats(out);
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            xb.get(plane * h * w, x, 0, h * w);
            int q = 0;
            for (int i = 0; i < ho; i++) {
                int r0 = 2 * i * w;
                int r1 = r0 + w;
                for (int j = 0; j < wo; j++, o++, q++) {
                    int ka = key(x[r0 + 2 * j]), kb = key(x[r0 + 2 * j + 1]);
                    int kd = key(x[r1 + 2 * j]), ke = key(x[r1 + 2 * j + 1]);
                    int km = Math.max(Math.max(ka, kb), Math.max(kd, ke));
                    y[q] = Float.intBitsToFloat(km ^ ((km >> 31) & 0x7fffffff)); // key() is its own inverse
                    int ea = same(ka, km);
                    int eb = same(kb, km) & (ea ^ 1);
                    int ed = same(kd, km) & ((ea | eb) ^ 1);
                    int ee = (ea | eb | ed) ^ 1;
                    win[o] = (byte) (eb + 2 * ed + 3 * ee);
                }
            }
            yb.put(plane * ho * wo, y, 0, ho * wo);
        }
        keptInput = training ? input : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (!fused() || epsilon.dataType() != DataType.FLOAT) return super.backpropGradient(epsilon, mgr);
        if (keptInput != input) activate(true, mgr); // recompute the winners for this input
        int n = (int) input.size(0), c = (int) input.size(1), h = (int) input.size(2), w = (int) input.size(3);
        int ho = h / 2, wo = w / 2;
        FloatBuffer gb = Native.floats(Native.dense(epsilon));
        float[] g = scratch.floats(1, ho * wo);
        byte[] win = scratch.bytes(2, n * c * ho * wo);
        float[] dx = scratch.floats(0, h * w);
        INDArray epsAtInput = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        FloatBuffer dxb = Native.floats(epsAtInput);
        int o = 0;
        // every input element lies in exactly one window, so writing all four covers dx completely
        for (int plane = 0; plane < n * c; plane++) {
            gb.get(plane * ho * wo, g, 0, ho * wo);
            int q = 0;
            for (int i = 0; i < ho; i++) {
                int r0 = 2 * i * w;
                int r1 = r0 + w;
                for (int j = 0; j < wo; j++, o++, q++) {
                    int v = Float.floatToRawIntBits(g[q]);
                    int k = win[o];
                    // -same(k, t) is all ones for the winner t, else 0 (a conditional here compiled to a branch)
                    dx[r0 + 2 * j] = Float.intBitsToFloat(v & -same(k, 0));
                    dx[r0 + 2 * j + 1] = Float.intBitsToFloat(v & -same(k, 1));
                    dx[r1 + 2 * j] = Float.intBitsToFloat(v & -same(k, 2));
                    dx[r1 + 2 * j + 1] = Float.intBitsToFloat(v & -same(k, 3));
                }
            }
            dxb.put(plane * h * w, dx, 0, h * w);
        }
        keptInput = null;
        return new Pair<>(new DefaultGradient(), epsAtInput);
    }

    @Override
    public void clear() {
        keptInput = null;
        super.clear();
    }
}
