package claimsweep.model.fused;


import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Implementation of {@link FastBatchNorm}: per channel over the batch (and, for [N, C, H, W]
 * input, over the H x W positions too; M values in all), xhat = (x - mean) / sqrt(var + eps) with
 * the biased batch variance, y = gamma xhat + beta, a = f(y). Backward: dy = da f'(a);
 * dx = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / std with dxhat = gamma dy. Running
 * statistics follow DL4J exactly: their "gradients" are the decay step (mean - batchMean)(1 - decay)
 * and, for the log10 std form, log10(std_t / std_t+1), which DL4J's no-op updater subtracts.
 *
 * <p>Layout: the input is read as N x C blocks of S contiguous values (S = 1 for dense input,
 * H x W for NCHW); the double path's loops serve both, the float path streams rows (dense) or
 * planes (NCHW). Each loop keeps the contiguous index innermost (the channel for dense input, the
 * position for images), which is what the JIT vectorizes.
 */
final class FastBatchNormLayer extends BatchNormalization {
    private static final String GAMMA = BatchNormalizationParamInitializer.GAMMA;
    private static final String BETA = BatchNormalizationParamInitializer.BETA;
    private static final String MEAN = BatchNormalizationParamInitializer.GLOBAL_MEAN;
    private static final String VAR = BatchNormalizationParamInitializer.GLOBAL_VAR;
    private static final String LOG_STD = BatchNormalizationParamInitializer.GLOBAL_LOG_STD;

    /** Resolved once: the configuration of a layer does not change after it is built. */
    private Act act;
    private INDArray forwardInput;
    private INDArray forwardOutput;
    /**
     * Slots. Double path: 0 the forward pass's input, then backprop's input (1), kept output (2)
     * and gradient (3). Float path: 0 a plane buffer (forward), 3 the dense backward's dy.
     */
    private final Scratch scratch = new Scratch(4);
    private double[] batchMean;
    private double[] batchVar;
    /**
     * Frozen statistics (claim A9, bn_stats = frozen): training passes normalize with the running
     * mean and variance, as in inference, and leave them unchanged; gamma and beta still train.
     */
    private boolean frozenStats;

    void setFrozenStats(boolean frozen) {
        this.frozenStats = frozen;
    }

    FastBatchNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private org.deeplearning4j.nn.conf.layers.BatchNormalization bn() {
        return (org.deeplearning4j.nn.conf.layers.BatchNormalization) conf.getLayer();
    }

    /** The input's shape as {N, C, S}. */
    private int[] layout(INDArray x) {
        if (x.rank() == 2) return new int[] {(int) x.size(0), (int) x.size(1), 1};
        if (x.rank() == 4 && bn().getCnn2DFormat() == CNN2DFormat.NCHW) {
            return new int[] {(int) x.size(0), (int) x.size(1), (int) (x.size(2) * x.size(3))};
        }
        throw new IllegalStateException("FastBatchNorm takes dense [N, C] or NCHW [N, C, H, W] input, got shape "
                + Arrays.toString(x.shape()) + " " + layerId());
    }

    /**
     * Whether this pass takes the float path: float input in a float network. The double path was
     * memory bound on NCHW input (1.2M values per step in the reference CNN): its conversions and
     * seven-odd passes over 8-byte copies cost 45% of the CNN step. The float path keeps the values
     * in float (sums in double) and fuses the passes; on dense input it saved the float-to-double
     * conversions (14% of the BatchNorm MLP's step at batch 256, see docs/perf.md). Double networks
     * (gradient checks) take the double path.
     */
    private boolean floatPath(INDArray x) {
        return dataType == DataType.FLOAT && x.dataType() == DataType.FLOAT;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray x = Native.dense(input.castTo(dataType));
        int[] l = layout(x);
        int n = l[0], c = l[1], s = l[2];
        if (floatPath(x)) return activateFloat(x, n, c, s, training, mgr);
        double[] xv = Vec.read(x, scratch.get(0, n * c * s));
        double[] mean;
        double[] var;
        if (training && !frozenStats) {
            mean = new double[c];
            var = new double[c];
            moments(xv, n, c, s, mean, var);
        } else {
            mean = Vec.read(Native.dense(getParam(MEAN)));
            var = globalVar();
        }
        double[][] ab = affineOf(mean, var);
        double[] scale = ab[0];
        double[] shift = ab[1];
        forEachBlock(n, c, s, (base, j, len) -> {
            double sc = scale[j], sh = shift[j];
            for (int k = base; k < base + len; k++) xv[k] = xv[k] * sc + sh;
        }, (off) -> {
            for (int j = 0; j < c; j++) xv[off + j] = xv[off + j] * scale[j] + shift[j];
        });
        act().applyInPlace(xv, n * c * s);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        Vec.write(out, xv);
        return keep(training, out, mean, var);
    }

    /**
     * The end of a forward pass: a training pass keeps its output and statistics for the backward
     * pass (DL4J keeps training activations alive until then); an inference pass keeps nothing.
     */
    private INDArray keep(boolean training, INDArray out, double[] mean, double[] var) {
        forwardInput = training ? input : null;
        forwardOutput = training ? out : null;
        if (training) {
            batchMean = mean;
            batchVar = var;
        }
        return out;
    }

    /** A loop over the N x C blocks of S values: {@code block} when S > 1, {@code row} (one example's C values) when S = 1. */
    private interface Block {
        void run(int base, int channel, int len);
    }

    private interface Row {
        void run(int offset);
    }

    private static void forEachBlock(int n, int c, int s, Block block, Row row) {
        if (s == 1) {
            for (int i = 0; i < n; i++) row.run(i * c);
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) block.run((i * c + j) * s, j, s);
            }
        }
    }

    /** Per-channel mean and biased variance of v laid out as N x C blocks of S values. */
    static void moments(double[] v, int n, int c, int s, double[] mean, double[] var) {
        double m = (double) n * s;
        forEachBlock(n, c, s, (base, j, len) -> {
            double sum = 0;
            for (int k = base; k < base + len; k++) sum += v[k];
            mean[j] += sum;
        }, (off) -> {
            for (int j = 0; j < c; j++) mean[j] += v[off + j];
        });
        for (int j = 0; j < c; j++) mean[j] /= m;
        forEachBlock(n, c, s, (base, j, len) -> {
            double mu = mean[j];
            double sum = 0;
            for (int k = base; k < base + len; k++) {
                double d = v[k] - mu;
                sum += d * d;
            }
            var[j] += sum;
        }, (off) -> {
            for (int j = 0; j < c; j++) {
                double d = v[off + j] - mean[j];
                var[j] += d * d;
            }
        });
        for (int j = 0; j < c; j++) var[j] /= m;
    }

    /** The running variance, from whichever form DL4J stores it in. */
    private double[] globalVar() {
        if (!bn().isUseLogStd()) return Vec.read(Native.dense(getParam(VAR)));
        double[] v = Vec.read(Native.dense(getParam(LOG_STD)));
        for (int j = 0; j < v.length; j++) {
            double s = Math.pow(10, v[j]);
            v[j] = s * s;
        }
        return v;
    }

    private Act act() {
        if (act == null) act = Act.of(bn().getActivationFn());
        return act;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray a = forwardInput == input && forwardOutput != null ? forwardOutput : activate(true, mgr);
        INDArray x = Native.dense(input.castTo(dataType));
        int[] l = layout(x);
        int n = l[0], c = l[1], s = l[2];
        if (floatPath(x) && epsilon.dataType() == DataType.FLOAT) return backpropFloat(x, a, epsilon, n, c, s, mgr);
        int total = n * c * s;
        double m = (double) n * s;
        double[] xv = Vec.read(x, scratch.get(1, total));
        double[] av = Vec.read(a, scratch.get(2, total));
        double[] ev = Vec.read(Native.dense(epsilon.castTo(dataType)), scratch.get(3, total));
        double[] gamma = Vec.read(Native.dense(getParam(GAMMA)));
        double[] mu = batchMean;
        double[] invStd = batchInvStd();
        double[] dBeta = new double[c];
        double[] dGamma = new double[c];
        act().backpropInPlace(ev, av, total);
        // xv becomes xhat; dBeta = sum dy, dGamma = sum dy xhat
        forEachBlock(n, c, s, (base, j, len) -> {
            double mj = mu[j], isj = invStd[j], sb = 0, sg = 0;
            for (int k = base; k < base + len; k++) {
                double xhat = (xv[k] - mj) * isj;
                xv[k] = xhat;
                sb += ev[k];
                sg += ev[k] * xhat;
            }
            dBeta[j] += sb;
            dGamma[j] += sg;
        }, (off) -> {
            for (int j = 0; j < c; j++) {
                double dy = ev[off + j];
                double xhat = (xv[off + j] - mu[j]) * invStd[j];
                xv[off + j] = xhat;
                dBeta[j] += dy;
                dGamma[j] += dy * xhat;
            }
        });
        if (frozenStats) {
            // y = gamma (x - mean) / std + beta is affine in x: dx = gamma dy / std
            forEachBlock(n, c, s, (base, j, len) -> {
                double f = gamma[j] * invStd[j];
                for (int k = base; k < base + len; k++) ev[k] *= f;
            }, (off) -> {
                for (int j = 0; j < c; j++) ev[off + j] *= gamma[j] * invStd[j];
            });
        } else {
            // mean(dxhat) = gamma dBeta / M, mean(dxhat xhat) = gamma dGamma / M, so per channel
            // dx = A dy - B - C xhat; the coefficients are computed once per channel, not per value
            // (a division per value cost 11% of the BatchNorm MLP's step at batch 256)
            double[] ca = new double[c];
            double[] cb = new double[c];
            double[] cc = new double[c];
            for (int j = 0; j < c; j++) {
                double gi = gamma[j] * invStd[j];
                ca[j] = gi;
                cb[j] = gi * dBeta[j] / m;
                cc[j] = gi * dGamma[j] / m;
            }
            forEachBlock(n, c, s, (base, j, len) -> {
                double a1 = ca[j], b1 = cb[j], c1 = cc[j];
                for (int k = base; k < base + len; k++) ev[k] = a1 * ev[k] - b1 - c1 * xv[k];
            }, (off) -> {
                for (int j = 0; j < c; j++) ev[off + j] = ca[j] * ev[off + j] - cb[j] - cc[j] * xv[off + j];
            });
        }
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        Vec.write(dx, ev);
        return finishBackprop(dx, dGamma, dBeta);
    }

    /** 1 / sqrt(var + eps) per channel, for the batch statistics the forward pass kept. */
    private double[] batchInvStd() {
        double eps = bn().getEps();
        double[] invStd = new double[batchVar.length];
        for (int j = 0; j < invStd.length; j++) invStd[j] = 1 / Math.sqrt(batchVar[j] + eps);
        return invStd;
    }

    /** The parameter gradients (gamma, beta, running statistics) and the end of a backward pass. */
    private Pair<Gradient, INDArray> finishBackprop(INDArray dx, double[] dGamma, double[] dBeta) {
        Gradient grad = new DefaultGradient();
        INDArray dGammaView = gradientViews.get(GAMMA);
        INDArray dBetaView = gradientViews.get(BETA);
        Vec.writeAny(dGammaView, dGamma);
        Vec.writeAny(dBetaView, dBeta);
        grad.setGradientFor(GAMMA, dGammaView);
        grad.setGradientFor(BETA, dBetaView);
        statisticsSteps(grad, dGamma.length);
        forwardInput = null;
        forwardOutput = null;
        return new Pair<>(grad, dx);
    }

    /** Per-channel scale and shift of the affine map y = x scale + shift (from batch or running statistics). */
    private double[][] affineOf(double[] mean, double[] var) {
        int c = mean.length;
        double eps = bn().getEps();
        double[] gamma = Vec.read(Native.dense(getParam(GAMMA)));
        double[] beta = Vec.read(Native.dense(getParam(BETA)));
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int j = 0; j < c; j++) {
            scale[j] = gamma[j] / Math.sqrt(var[j] + eps);
            shift[j] = beta[j] - mean[j] * scale[j];
        }
        return new double[][] {scale, shift};
    }

    /**
     * The float forward pass. Dense input is streamed row by row through {@link Rows}; NCHW input
     * is streamed plane by plane (one example's channel, S values) between native
     * memory and a small buffer, so the values are never copied whole into Java arrays and back
     * (those copies were ~0.7 ms of the reference CNN's step, docs/perf.md session 6).
     */
    private INDArray activateFloat(INDArray x, int n, int c, int s, boolean training, LayerWorkspaceMgr mgr) {
        FloatBuffer xb = Native.floats(x);
        double[] mean;
        double[] var;
        if (training && !frozenStats) {
            mean = new double[c];
            var = new double[c];
            double m = (double) n * s;
            if (s == 1) {
                Rows.addColumnSums(xb, n, c, mean);
            } else {
                planeSums(xb, n, c, s, null, mean);
            }
            for (int j = 0; j < c; j++) mean[j] /= m;
            float[] mu = toFloats(mean);
            if (s == 1) {
                Rows.addCentredSquareSums(xb, n, c, mu, var);
            } else {
                planeSums(xb, n, c, s, mu, var);
            }
            for (int j = 0; j < c; j++) var[j] /= m;
        } else {
            mean = Vec.read(Native.dense(getParam(MEAN)));
            var = globalVar();
        }
        double[][] ab = affineOf(mean, var);
        float[] scale = toFloats(ab[0]);
        float[] shift = toFloats(ab[1]);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        FloatBuffer yb = Native.floats(out);
        if (s == 1) {
            Rows.affine(xb, yb, n, c, scale, shift, act());
        } else {
            boolean relu = act() == Act.RELU; // fused into the affine pass: one pass over the values, not two
            float[] buf = scratch.floats(0, s);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    int base = (i * c + j) * s;
                    xb.get(base, buf, 0, s);
                    float sc = scale[j], sh = shift[j];
                    if (relu) {
                        for (int k = 0; k < s; k++) buf[k] = Math.max(buf[k] * sc + sh, 0f);
                    } else {
                        for (int k = 0; k < s; k++) buf[k] = buf[k] * sc + sh;
                        act().applyInPlace(buf, s);
                    }
                    yb.put(base, buf, 0, s);
                }
            }
        }
        return keep(training, out, mean, var);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) f[j] = (float) v[j];
        return f;
    }

    private Pair<Gradient, INDArray> backpropFloat(INDArray x, INDArray a, INDArray epsilon, int n, int c, int s,
                                                   LayerWorkspaceMgr mgr) {
        double m = (double) n * s;
        FloatBuffer xb = Native.floats(x);
        FloatBuffer eb = Native.floats(Native.dense(epsilon));
        // Dense input: streamed row by row; NCHW: plane by plane. With ReLU on NCHW input the mask is
        // recomputed from x (y = x scale + shift, bit for bit the forward's), so the output is not
        // read back at all.
        FloatBuffer outb = null;
        float[] reluScale = null;
        float[] reluShift = null;
        if (act() == Act.RELU) {
            double[][] ab = affineOf(batchMean, batchVar);
            reluScale = toFloats(ab[0]);
            reluShift = toFloats(ab[1]);
        } else {
            outb = Native.floats(Native.dense(a));
        }
        double[] gamma = Vec.read(Native.dense(getParam(GAMMA)));
        double[] invStd = batchInvStd();
        float[] mu = toFloats(batchMean);
        float[] is = toFloats(invStd);
        double[] dBeta = new double[c];
        double[] dGamma = new double[c];
        Planes planes = s == 1 ? null : new Planes(xb, eb, outb, reluScale, reluShift, s);
        // dense input: dy is formed once, kept for the second pass (its ReLU mask costs ~0.7 ns per
        // value: Java's Math.max/min semantics take several vector instructions each)
        float[] dyAll = null;
        if (s == 1) {
            dyAll = scratch.floats(3, n * c);
            denseGradientSums(xb, eb, outb, reluScale, reluShift, n, c, mu, is, dBeta, dGamma, dyAll);
        } else {
            planeGradientSums(planes, n, c, mu, is, dBeta, dGamma);
        }
        // dx = A dy - B - C xhat per channel, as in the double path (frozen statistics: B = C = 0)
        float[] ca = new float[c];
        float[] cb = new float[c];
        float[] cc = new float[c];
        for (int j = 0; j < c; j++) {
            double gi = gamma[j] * invStd[j];
            ca[j] = (float) gi;
            cb[j] = frozenStats ? 0f : (float) (gi * dBeta[j] / m);
            cc[j] = frozenStats ? 0f : (float) (gi * dGamma[j] / m);
        }
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        FloatBuffer dxb = Native.floats(dx);
        if (s == 1) {
            denseInputGradient(xb, dyAll, dxb, n, c, mu, is, ca, cb, cc);
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    int base = (i * c + j) * s;
                    float[] dy = planes.dy(base, j);
                    float[] bx = planes.x;
                    float a1 = ca[j], b1 = cb[j], c1 = cc[j], mj = mu[j], isj = is[j];
                    for (int k = 0; k < s; k++) dy[k] = a1 * dy[k] - b1 - c1 * ((bx[k] - mj) * isj);
                    dxb.put(base, dy, 0, s);
                }
            }
        }
        return finishBackprop(dx, dGamma, dBeta);
    }

    /**
     * One NCHW plane at a time from native memory: {@link #dy} loads the plane's x and incoming
     * gradient into buffers and turns the gradient into dy, the gradient at the normalized
     * output y: through ReLU's mask recomputed from x when reluScale is set, else through the
     * activation's derivative at the kept output.
     */
    private final class Planes {
        final float[] x;
        private final float[] d;
        private final float[] out;
        private final FloatBuffer xb, eb, outb;
        private final float[] reluScale, reluShift;
        private final int s;

        Planes(FloatBuffer xb, FloatBuffer eb, FloatBuffer outb, float[] reluScale, float[] reluShift, int s) {
            this.xb = xb;
            this.eb = eb;
            this.outb = outb;
            this.reluScale = reluScale;
            this.reluShift = reluShift;
            this.s = s;
            x = new float[s];
            d = new float[s];
            out = outb == null ? null : new float[s];
        }

        float[] dy(int base, int channel) {
            xb.get(base, x, 0, s);
            eb.get(base, d, 0, s);
            if (reluScale != null) {
                float sc = reluScale[channel], sh = reluShift[channel];
                for (int t = 0; t < s; t++) d[t] *= reluMask(x[t] * sc + sh);
            } else {
                outb.get(base, out, 0, s);
                act().backpropInPlace(d, out, s);
            }
            return d;
        }
    }

    /** Dense input: row {@code row} of dy, the incoming gradient times the activation's derivative at the kept output. */
    private void denseDy(FloatBuffer eb, FloatBuffer outb, float[] reluScale, float[] reluShift, float[] x, int row,
                         int c, float[] dy, float[] out) {
        eb.get(row * c, dy, 0, c);
        if (reluScale != null) {
            for (int j = 0; j < c; j++) dy[j] *= reluMask(x[j] * reluScale[j] + reluShift[j]);
        } else if (act() != Act.IDENTITY) {
            outb.get(row * c, out, 0, c);
            act().backpropInPlace(dy, out, c);
        }
    }

    /**
     * Dense input: dBeta[j] += sum dy, dGamma[j] += sum dy xhat, row by row from native memory and
     * in float over blocks of rows, for the reasons given in {@link Rows}.
     */
    private void denseGradientSums(FloatBuffer xb, FloatBuffer eb, FloatBuffer outb, float[] reluScale,
                                   float[] reluShift, int n, int c, float[] mu,
                                   float[] is, double[] dBeta, double[] dGamma, float[] dyAll) {
        float[] rx = new float[c];
        float[] rd = new float[c];
        float[] ro = new float[c];
        float[] sb = new float[c];
        float[] sg = new float[c];
        for (int r0 = 0; r0 < n; r0 += Rows.BLOCK) {
            Arrays.fill(sb, 0f);
            Arrays.fill(sg, 0f);
            for (int r = r0, end = Math.min(n, r0 + Rows.BLOCK); r < end; r++) {
                xb.get(r * c, rx, 0, c);
                denseDy(eb, outb, reluScale, reluShift, rx, r, c, rd, ro);
                System.arraycopy(rd, 0, dyAll, r * c, c);
                for (int j = 0; j < c; j++) {
                    float d = rd[j];
                    sb[j] += d;
                    sg[j] += d * ((rx[j] - mu[j]) * is[j]);
                }
            }
            for (int j = 0; j < c; j++) {
                dBeta[j] += sb[j];
                dGamma[j] += sg[j];
            }
        }
    }

    /**
     * NCHW input: out[j] += sum over examples and positions of x (mu null) or of (x - mu[j])^2.
     * A running double sum per block was bound by the add's latency (one chain, 4 cycles per
     * value, ~5 ms of the CNN's step over the three reductions); here each channel accumulates
     * position-wise into a float array over the batch, a loop C2 vectorizes (a block is first
     * copied into a buffer, see {@link Rows}), and the positions are summed in double at the end.
     * Float sums over the batch (64 values in the reference CNN) lose at most ~4e-6 relative.
     */
    private static void planeSums(FloatBuffer x, int n, int c, int s, float[] mu, double[] out) {
        float[][] acc = new float[c][s];
        float[] buf = new float[s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                x.get((i * c + j) * s, buf, 0, s);
                float[] a = acc[j];
                if (mu == null) {
                    for (int t = 0; t < s; t++) a[t] += buf[t];
                } else {
                    float m = mu[j];
                    for (int t = 0; t < s; t++) {
                        float d = buf[t] - m;
                        a[t] += d * d;
                    }
                }
            }
        }
        for (int j = 0; j < c; j++) out[j] += sumOf(acc[j]);
    }

    /** ReLU's derivative at y as a float mask, branch-free, exactly as {@link Act#backpropInPlace(float[], float[], int)} computes it from max(y, 0). */
    private static float reluMask(float y) {
        return Math.min(Math.max(y, 0f) * 0x1p75f * 0x1p75f, 1f);
    }

    /** NCHW input: dBeta[j] += sum dy, dGamma[j] += sum dy xhat, accumulated as in {@link #planeSums}. */
    private static void planeGradientSums(Planes planes, int n, int c, float[] mu, float[] is,
                                          double[] dBeta, double[] dGamma) {
        int s = planes.x.length;
        float[][] sb = new float[c][s];
        float[][] sg = new float[c][s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                float[] bd = planes.dy((i * c + j) * s, j);
                float[] bx = planes.x;
                float[] b = sb[j];
                float[] g = sg[j];
                float m = mu[j], k = is[j];
                for (int t = 0; t < s; t++) {
                    float d = bd[t];
                    b[t] += d;
                    g[t] += d * ((bx[t] - m) * k);
                }
            }
        }
        for (int j = 0; j < c; j++) {
            dBeta[j] += sumOf(sb[j]);
            dGamma[j] += sumOf(sg[j]);
        }
    }

    private static double sumOf(float[] a) {
        double sum = 0;
        for (float v : a) sum += v;
        return sum;
    }

    /** Dense input: dx[r][j] = ca[j] dy - cb[j] - cc[j] xhat, row by row as in {@link Rows}. */
    private static void denseInputGradient(FloatBuffer xb, float[] dyAll, FloatBuffer dxb, int n, int c,
                                           float[] mu, float[] is, float[] ca, float[] cb, float[] cc) {
        float[] rx = new float[c];
        float[] rd = new float[c];
        for (int r = 0; r < n; r++) {
            xb.get(r * c, rx, 0, c);
            System.arraycopy(dyAll, r * c, rd, 0, c);
            for (int j = 0; j < c; j++) rd[j] = ca[j] * rd[j] - cb[j] - cc[j] * ((rx[j] - mu[j]) * is[j]);
            dxb.put(r * c, rd, 0, c);
        }
    }

    /** The running statistics' "gradients": DL4J's decay step, or zero when the statistics are frozen. */
    private void statisticsSteps(Gradient grad, int c) {
        String stat2 = bn().isUseLogStd() ? LOG_STD : VAR;
        INDArray meanView = gradientViews.get(MEAN);
        INDArray stat2View = gradientViews.get(stat2);
        grad.setGradientFor(MEAN, meanView);
        grad.setGradientFor(stat2, stat2View);
        if (frozenStats) {
            meanView.assign(0);
            stat2View.assign(0);
            return;
        }
        double decay = bn().getDecay();
        double[] gm = Vec.read(Native.dense(getParam(MEAN)));
        double[] dMean = new double[c];
        for (int j = 0; j < c; j++) dMean[j] = (gm[j] - batchMean[j]) * (1 - decay);
        Vec.writeAny(meanView, dMean);
        double[] gv = globalVar();
        double[] dVar = new double[c];
        for (int j = 0; j < c; j++) {
            if (bn().isUseLogStd()) {
                double vNext = decay * gv[j] + (1 - decay) * batchVar[j];
                dVar[j] = Math.log10(gv[j] / vNext) / 2;
            } else {
                dVar[j] = (gv[j] - batchVar[j]) * (1 - decay);
            }
        }
        Vec.writeAny(stat2View, dVar);
    }

    /** Sets the running statistics to given per-channel values (BatchNormStats.reestimate). */
    void setRunningStats(double[] mean, double[] var) {
        Vec.writeAny(getParam(MEAN), mean);
        if (bn().isUseLogStd()) {
            double[] logStd = new double[var.length];
            for (int j = 0; j < var.length; j++) logStd[j] = Math.log10(Math.sqrt(var[j]));
            Vec.writeAny(getParam(LOG_STD), logStd);
        } else {
            Vec.writeAny(getParam(VAR), var);
        }
    }

    /** {N, C, S} of an input this layer accepts (for BatchNormStats). */
    int[] layoutOf(INDArray x) {
        return layout(x);
    }
}
