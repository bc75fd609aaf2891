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
 * H x W for NCHW); the double path's loops serve both, the float path ({@link BatchNormFloat}) streams rows (dense) or
 * planes (NCHW). Each loop keeps the contiguous index innermost (the channel for dense input, the
 * position for images), which is what the JIT vectorizes.
 */
final class FastBatchNormLayer extends BatchNormalization {
    static final String GAMMA = BatchNormalizationParamInitializer.GAMMA;
    private static final String BETA = BatchNormalizationParamInitializer.BETA;
    static final String MEAN = BatchNormalizationParamInitializer.GLOBAL_MEAN;
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
    final Scratch scratch = new Scratch(4);
    double[] batchMean;
    double[] batchVar;
    /**
     * Frozen statistics (claim A9, bn_stats = frozen, reestimate or adabn; dense and NCHW input, so the
     * MLP's and the CNN's layers alike): training passes normalize with the running mean and variance,
     * as in inference, and leave them unchanged; gamma and beta still train, and the input gradient is
     * the affine map's, gamma dy / std (gradient-checked in FastBatchNormTest).
     */
    boolean frozenStats;

    void setFrozenStats(boolean frozen) {
        this.frozenStats = frozen;
    }

    DataType dtype() {
        return dataType;
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
        if (floatPath(x)) return BatchNormFloat.activate(this, x, n, c, s, training, mgr);
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
    INDArray keep(boolean training, INDArray out, double[] mean, double[] var) {
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
    double[] globalVar() {
        if (!bn().isUseLogStd()) return Vec.read(Native.dense(getParam(VAR)));
        double[] v = Vec.read(Native.dense(getParam(LOG_STD)));
        for (int j = 0; j < v.length; j++) {
            double s = Math.pow(10, v[j]);
            v[j] = s * s;
        }
        return v;
    }

    Act act() {
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
        if (floatPath(x) && epsilon.dataType() == DataType.FLOAT) return BatchNormFloat.backprop(this, x, a, epsilon, n, c, s, mgr);
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
    double[] batchInvStd() {
        double eps = bn().getEps();
        double[] invStd = new double[batchVar.length];
        for (int j = 0; j < invStd.length; j++) invStd[j] = 1 / Math.sqrt(batchVar[j] + eps);
        return invStd;
    }

    /** The parameter gradients (gamma, beta, running statistics) and the end of a backward pass. */
    Pair<Gradient, INDArray> finishBackprop(INDArray dx, double[] dGamma, double[] dBeta) {
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
    double[][] affineOf(double[] mean, double[] var) {
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
