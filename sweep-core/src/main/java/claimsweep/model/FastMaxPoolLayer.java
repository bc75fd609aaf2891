package claimsweep.model;

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

    private boolean nhwc() {
        return layerConf().getCnn2dDataFormat() == CNN2DFormat.NHWC;
    }

    /** {N, C, H, W} of the input, whichever its layout. */
    private int[] dims() {
        return nhwc() ? new int[] {(int) input.size(0), (int) input.size(3), (int) input.size(1), (int) input.size(2)}
                : new int[] {(int) input.size(0), (int) input.size(1), (int) input.size(2), (int) input.size(3)};
    }

    private boolean fused() {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        if (!(dataType == DataType.FLOAT && input != null && input.rank() == 4 && input.dataType() == DataType.FLOAT
                && c.getPoolingType() == PoolingType.MAX && maskArray == null
                && Arrays.equals(c.getKernelSize(), new int[] {2, 2}) && Arrays.equals(c.getStride(), new int[] {2, 2})
                && Arrays.equals(c.getPadding(), new int[] {0, 0}) && Arrays.equals(c.getDilation(), new int[] {1, 1}))) {
            return false;
        }
        int[] d = dims();
        return d[2] % 2 == 0 && d[3] % 2 == 0;
    }

    /** The winner of a window among inputs a, b (top row) and d, e (bottom row): 0-3 in row-major order, ties to the first. */
    private static int winner(int ka, int kb, int kd, int ke, int km) {
        int ea = same(ka, km);
        int eb = same(kb, km) & (ea ^ 1);
        int ed = same(kd, km) & ((ea | eb) ^ 1);
        int ee = (ea | eb | ed) ^ 1;
        return eb + 2 * ed + 3 * ee;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!fused()) return super.activate(training, mgr);
        fusedPasses++;
        INDArray in = Native.dense(input);
        int[] dm = dims();
        int n = dm[0], c = dm[1], h = dm[2], w = dm[3];
        int ho = h / 2, wo = w / 2;
        if (nhwc()) return activateNhwc(in, n, c, h, w, training, mgr);
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
                    win[o] = (byte) winner(ka, kb, kd, ke, km);
                }
            }
            yb.put(plane * ho * wo, y, 0, ho * wo);
        }
        keptInput = training ? input : null;
        return out;
    }

    /**
     * NHWC: each window's four inputs are C-vectors, so the loops run over one pair of input rows
     * (2 x W x C values) at a time with the channel innermost; winners are kept in output order.
     */
    private INDArray activateNhwc(INDArray in, int n, int c, int h, int w, boolean training, LayerWorkspaceMgr mgr) {
        int ho = h / 2, wo = w / 2, rowLen = w * c;
        FloatBuffer xb = Native.floats(in);
        float[] x = scratch.floats(0, 2 * rowLen);
        float[] y = scratch.floats(1, wo * c);
        byte[] win = scratch.bytes(2, n * ho * wo * c);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {n, ho, wo, c}, 'c');
        FloatBuffer yb = Native.floats(out);
        int o = 0;
        for (int row = 0; row < n * ho; row++) { // (example, output row) pairs, in order
            xb.get(2 * row * rowLen, x, 0, 2 * rowLen);
            int q = 0;
            for (int j = 0; j < wo; j++) {
                int a0 = 2 * j * c, b0 = a0 + c, d0 = a0 + rowLen, e0 = b0 + rowLen;
                for (int ch = 0; ch < c; ch++, o++, q++) {
                    int ka = key(x[a0 + ch]), kb = key(x[b0 + ch]);
                    int kd = key(x[d0 + ch]), ke = key(x[e0 + ch]);
                    int km = Math.max(Math.max(ka, kb), Math.max(kd, ke));
                    y[q] = Float.intBitsToFloat(km ^ ((km >> 31) & 0x7fffffff));
                    win[o] = (byte) winner(ka, kb, kd, ke, km);
                }
            }
            yb.put(row * wo * c, y, 0, wo * c);
        }
        keptInput = training ? input : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (!fused() || epsilon.dataType() != DataType.FLOAT) return super.backpropGradient(epsilon, mgr);
        if (keptInput != input) activate(true, mgr); // recompute the winners for this input
        int[] dm = dims();
        int n = dm[0], c = dm[1], h = dm[2], w = dm[3];
        int ho = h / 2, wo = w / 2;
        if (nhwc()) return backpropNhwc(epsilon, n, c, h, w, mgr);
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

    private Pair<Gradient, INDArray> backpropNhwc(INDArray epsilon, int n, int c, int h, int w, LayerWorkspaceMgr mgr) {
        int ho = h / 2, wo = w / 2, rowLen = w * c;
        FloatBuffer gb = Native.floats(Native.dense(epsilon));
        float[] g = scratch.floats(1, wo * c);
        byte[] win = scratch.bytes(2, n * ho * wo * c);
        float[] dx = scratch.floats(0, 2 * rowLen);
        INDArray epsAtInput = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        FloatBuffer dxb = Native.floats(epsAtInput);
        int o = 0;
        for (int row = 0; row < n * ho; row++) {
            gb.get(row * wo * c, g, 0, wo * c);
            int q = 0;
            for (int j = 0; j < wo; j++) {
                int a0 = 2 * j * c, b0 = a0 + c, d0 = a0 + rowLen, e0 = b0 + rowLen;
                for (int ch = 0; ch < c; ch++, o++, q++) {
                    int v = Float.floatToRawIntBits(g[q]);
                    int k = win[o];
                    dx[a0 + ch] = Float.intBitsToFloat(v & -same(k, 0));
                    dx[b0 + ch] = Float.intBitsToFloat(v & -same(k, 1));
                    dx[d0 + ch] = Float.intBitsToFloat(v & -same(k, 2));
                    dx[e0 + ch] = Float.intBitsToFloat(v & -same(k, 3));
                }
            }
            dxb.put(2 * row * rowLen, dx, 0, 2 * rowLen);
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
