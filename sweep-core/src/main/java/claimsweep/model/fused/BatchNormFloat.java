package claimsweep.model.fused;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@link FastBatchNormLayer}'s float path: float input in a float network (every training run;
 * the double path serves gradient checks). Dense input streams row by row through {@link Rows},
 * NCHW input plane by plane between native memory and small buffers; the values stay in float and
 * the sums in double. The layer's state (statistics, parameters, scratch) stays in the layer; this
 * class holds the loops, so that each path reads as one file.
 */
final class BatchNormFloat {
    private BatchNormFloat() {}

    /**
     * The float forward pass. Dense input is streamed row by row through {@link Rows}; NCHW input
     * is streamed plane by plane (one example's channel, S values) between native
     * memory and a small buffer, so the values are never copied whole into Java arrays and back
     * (those copies were ~0.7 ms of the reference CNN's step, docs/perf.md session 6).
     */
    static INDArray activate(FastBatchNormLayer l, INDArray x, int n, int c, int s, boolean training, LayerWorkspaceMgr mgr) {
        FloatBuffer xb = Native.floats(x);
        double[] mean;
        double[] var;
        if (training && !l.frozenStats) {
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
            mean = Vec.read(Native.dense(l.getParam(FastBatchNormLayer.MEAN)));
            var = l.globalVar();
        }
        double[][] ab = l.affineOf(mean, var);
        float[] scale = toFloats(ab[0]);
        float[] shift = toFloats(ab[1]);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, l.dtype(), x.shape(), 'c');
        FloatBuffer yb = Native.floats(out);
        if (s == 1) {
            Rows.affine(xb, yb, n, c, scale, shift, l.act());
        } else {
            boolean relu = l.act() == Act.RELU; // fused into the affine pass: one pass over the values, not two
            float[] buf = l.scratch.floats(0, s);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    int base = (i * c + j) * s;
                    xb.get(base, buf, 0, s);
                    float sc = scale[j], sh = shift[j];
                    if (relu) {
                        for (int k = 0; k < s; k++) buf[k] = Math.max(buf[k] * sc + sh, 0f);
                    } else {
                        for (int k = 0; k < s; k++) buf[k] = buf[k] * sc + sh;
                        l.act().applyInPlace(buf, s);
                    }
                    yb.put(base, buf, 0, s);
                }
            }
        }
        return l.keep(training, out, mean, var);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) f[j] = (float) v[j];
        return f;
    }

    static Pair<Gradient, INDArray> backprop(FastBatchNormLayer l, INDArray x, INDArray a, INDArray epsilon, int n, int c, int s,
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
        if (l.act() == Act.RELU) {
            double[][] ab = l.affineOf(l.batchMean, l.batchVar);
            reluScale = toFloats(ab[0]);
            reluShift = toFloats(ab[1]);
        } else {
            outb = Native.floats(Native.dense(a));
        }
        double[] gamma = Vec.read(Native.dense(l.getParam(FastBatchNormLayer.GAMMA)));
        double[] invStd = l.batchInvStd();
        float[] mu = toFloats(l.batchMean);
        float[] is = toFloats(invStd);
        double[] dBeta = new double[c];
        double[] dGamma = new double[c];
        Planes planes = s == 1 ? null : new Planes(l.act(), xb, eb, outb, reluScale, reluShift, s);
        // dense input: dy is formed once, kept for the second pass (its ReLU mask costs ~0.7 ns per
        // value: Java's Math.max/min semantics take several vector instructions each)
        float[] dyAll = null;
        if (s == 1) {
            dyAll = l.scratch.floats(3, n * c);
            denseGradientSums(l.act(), xb, eb, outb, reluScale, reluShift, n, c, mu, is, dBeta, dGamma, dyAll);
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
            cb[j] = l.frozenStats ? 0f : (float) (gi * dBeta[j] / m);
            cc[j] = l.frozenStats ? 0f : (float) (gi * dGamma[j] / m);
        }
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, l.dtype(), x.shape(), 'c');
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
        return l.finishBackprop(dx, dGamma, dBeta);
    }

    /**
     * One NCHW plane at a time from native memory: {@link #dy} loads the plane's x and incoming
     * gradient into buffers and turns the gradient into dy, the gradient at the normalized
     * output y: through ReLU's mask recomputed from x when reluScale is set, else through the
     * activation's derivative at the kept output.
     */
    private static final class Planes {
        final float[] x;
        private final float[] d;
        private final float[] out;
        private final FloatBuffer xb, eb, outb;
        private final float[] reluScale, reluShift;
        private final int s;

        private final Act act;

        Planes(Act act, FloatBuffer xb, FloatBuffer eb, FloatBuffer outb, float[] reluScale, float[] reluShift, int s) {
            this.act = act;
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
                act.backpropInPlace(d, out, s);
            }
            return d;
        }
    }

    /** Dense input: row {@code row} of dy, the incoming gradient times the activation's derivative at the kept output. */
    private static void denseDy(Act act, FloatBuffer eb, FloatBuffer outb, float[] reluScale, float[] reluShift, float[] x, int row,
                         int c, float[] dy, float[] out) {
        eb.get(row * c, dy, 0, c);
        if (reluScale != null) {
            for (int j = 0; j < c; j++) dy[j] *= reluMask(x[j] * reluScale[j] + reluShift[j]);
        } else if (act != Act.IDENTITY) {
            outb.get(row * c, out, 0, c);
            act.backpropInPlace(dy, out, c);
        }
    }

    /**
     * Dense input: dBeta[j] += sum dy, dGamma[j] += sum dy xhat, row by row from native memory and
     * in float over blocks of rows, for the reasons given in {@link Rows}.
     */
    private static void denseGradientSums(Act act, FloatBuffer xb, FloatBuffer eb, FloatBuffer outb, float[] reluScale,
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
                denseDy(act, eb, outb, reluScale, reluShift, rx, r, c, rd, ro);
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
}
