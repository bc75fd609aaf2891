package claimsweep.model.fused;

import claimsweep.model.layers.GroupNormParamInitializer;
import claimsweep.model.layers.GroupNormalizationLayer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Implementation of {@link FastGroupNorm}. The input is read as N x C blocks of S contiguous
 * values (S = 1 for dense input, H x W for NCHW); with G groups, example i's group g is the
 * contiguous block of L = (C / G) S values from (i C + g C / G) S. Per block: xhat = (x - mean) /
 * sqrt(var + eps) (biased variance), y = gamma[c] xhat + beta[c], a = f(y). Backward, with
 * dy = da f'(a) and dxhat = gamma dy, means over the block:
 * dx = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / std, the formula of
 * {@link GroupNormalizationLayer}; dgamma[c] = sum dy xhat, dbeta[c] = sum dy.
 *
 * <p>Float networks take a float path that reads each block (NCHW) or row (dense) once from native
 * memory into a buffer, computes there and writes the result once: one read of x and one write of
 * y forward, one read of x and the gradient and one write of dx backward. With ReLU the mask is
 * recomputed from x (y = x scale + shift, bit for bit the forward's), so the output is not read
 * back. Horizontal sums over a block go through {@link Lanes}. Double networks (gradient checks)
 * take plain double loops.
 */
final class FastGroupNormLayer extends BaseLayer<FastGroupNorm> {
    private static final String GAMMA = GroupNormParamInitializer.GAMMA;
    private static final String BETA = GroupNormParamInitializer.BETA;

    private Act act;
    private INDArray forwardInput;
    private INDArray forwardOutput;
    /** Per (example, group): the mean (float-rounded on the float path) and 1 / sqrt(var + eps) of the last training pass. */
    private double[] mean;
    private double[] invStd;
    /** Float path slots: 0 x block or row, 1 gradient block or row, 2 output block or row, 3 xhat row. Double path: 4 x, 5 output, 6 gradient. */
    private final Scratch scratch = new Scratch(7);

    FastGroupNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    private Act act() {
        if (act == null) act = Act.of(layerConf().getActivationFn());
        return act;
    }

    /** {N, C, S, G} of an input this layer accepts. */
    private int[] layout(INDArray x) {
        int g = layerConf().getGroups();
        int[] l;
        if (x.rank() == 2) {
            l = new int[] {(int) x.size(0), (int) x.size(1), 1, g};
        } else if (x.rank() == 4) {
            l = new int[] {(int) x.size(0), (int) x.size(1), (int) (x.size(2) * x.size(3)), g};
        } else {
            throw new IllegalStateException("FastGroupNorm takes dense [N, C] or NCHW [N, C, H, W] input, got shape "
                    + Arrays.toString(x.shape()) + " " + layerId());
        }
        if (l[1] % g != 0) throw new IllegalStateException(g + " groups do not divide " + l[1] + " channels " + layerId());
        return l;
    }

    private boolean floatPath(INDArray... arrays) {
        if (dataType != DataType.FLOAT) return false;
        for (INDArray a : arrays) if (a.dataType() != DataType.FLOAT) return false;
        return true;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray x = Native.dense(input.castTo(dataType));
        int[] l = layout(x);
        int n = l[0], c = l[1], s = l[2], g = l[3];
        double[] mu = new double[n * g];
        double[] is = new double[n * g];
        double[] gamma = Vec.read(Native.dense(getParam(GAMMA)));
        double[] beta = Vec.read(Native.dense(getParam(BETA)));
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        if (floatPath(x)) {
            GroupNormFloat.forward(Native.floats(x), Native.floats(out), n, c, s, g, gamma, beta, layerConf().getEps(),
                    act(), mu, is, scratch);
        } else {
            forwardDouble(x, out, n, c, s, g, gamma, beta, mu, is);
        }
        forwardInput = training ? input : null;
        forwardOutput = training ? out : null;
        if (training) {
            mean = mu;
            invStd = is;
        }
        return out;
    }

    private void forwardDouble(INDArray x, INDArray out, int n, int c, int s, int g, double[] gamma, double[] beta,
                               double[] mu, double[] is) {
        int cpg = c / g, len = cpg * s;
        double[] v = Vec.read(x, scratch.get(4, n * c * s));
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < g; q++) {
                int base = (i * c + q * cpg) * s;
                double sum = 0;
                for (int k = base; k < base + len; k++) sum += v[k];
                double m = sum / len;
                double sq = 0;
                for (int k = base; k < base + len; k++) sq += (v[k] - m) * (v[k] - m);
                double inv = 1 / Math.sqrt(sq / len + layerConf().getEps());
                mu[i * g + q] = m;
                is[i * g + q] = inv;
                for (int p = 0; p < cpg; p++) {
                    int ch = q * cpg + p;
                    double sc = gamma[ch] * inv, sh = beta[ch] - m * sc;
                    for (int k = base + p * s; k < base + (p + 1) * s; k++) v[k] = v[k] * sc + sh;
                }
            }
        }
        act().applyInPlace(v, n * c * s);
        Vec.write(out, v);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray a = forwardInput == input && forwardOutput != null ? forwardOutput : activate(true, mgr);
        INDArray x = Native.dense(input.castTo(dataType));
        int[] l = layout(x);
        int n = l[0], c = l[1], s = l[2], g = l[3];
        double[] gamma = Vec.read(Native.dense(getParam(GAMMA)));
        double[] beta = Vec.read(Native.dense(getParam(BETA)));
        double[] dGamma = new double[c];
        double[] dBeta = new double[c];
        INDArray eps = Native.dense(epsilon.castTo(dataType));
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        if (floatPath(x, eps, a)) {
            GroupNormFloat.backward(Native.floats(x), Native.floats(eps), Native.floats(Native.dense(a)), Native.floats(dx),
                    n, c, s, g, gamma, beta, act(), mean, invStd, dGamma, dBeta, scratch);
        } else {
            backwardDouble(x, a, eps, dx, n, c, s, g, gamma, dGamma, dBeta);
        }
        Gradient grad = new DefaultGradient();
        INDArray dGammaView = gradientViews.get(GAMMA);
        INDArray dBetaView = gradientViews.get(BETA);
        Vec.writeAny(dGammaView, dGamma);
        Vec.writeAny(dBetaView, dBeta);
        grad.setGradientFor(GAMMA, dGammaView);
        grad.setGradientFor(BETA, dBetaView);
        forwardInput = null;
        forwardOutput = null;
        return new Pair<>(grad, dx);
    }

    private void backwardDouble(INDArray x, INDArray a, INDArray epsilon, INDArray dx, int n, int c, int s, int g,
                                double[] gamma, double[] dGamma, double[] dBeta) {
        int cpg = c / g, len = cpg * s, total = n * c * s;
        double[] xv = Vec.read(x, scratch.get(4, total));
        double[] av = Vec.read(Native.dense(a), scratch.get(5, total));
        double[] dy = Vec.read(epsilon, scratch.get(6, total));
        act().backpropInPlace(dy, av, total);
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < g; q++) {
                int base = (i * c + q * cpg) * s;
                double m = mean[i * g + q], inv = invStd[i * g + q];
                double sumDxhat = 0, sumDxhatXhat = 0;
                for (int p = 0; p < cpg; p++) {
                    int ch = q * cpg + p;
                    double sb = 0, sg = 0;
                    for (int k = base + p * s; k < base + (p + 1) * s; k++) {
                        sb += dy[k];
                        sg += dy[k] * (xv[k] - m) * inv;
                    }
                    dBeta[ch] += sb;
                    dGamma[ch] += sg;
                    sumDxhat += gamma[ch] * sb;
                    sumDxhatXhat += gamma[ch] * sg;
                }
                double ma = sumDxhat / len, mb = sumDxhatXhat / len;
                for (int p = 0; p < cpg; p++) {
                    double gi = gamma[q * cpg + p] * inv;
                    for (int k = base + p * s; k < base + (p + 1) * s; k++) {
                        dy[k] = gi * dy[k] - inv * ma - inv * mb * (xv[k] - m) * inv;
                    }
                }
            }
        }
        Vec.write(dx, dy);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("FastGroupNorm is trained by backprop only");
    }
}
