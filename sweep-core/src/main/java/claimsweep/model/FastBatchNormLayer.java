package claimsweep.model;

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

/**
 * Implementation of {@link FastBatchNorm}: per feature c over the N examples of a batch,
 * xhat = (x - mean) / sqrt(var + eps) with the biased batch variance, y = gamma xhat + beta,
 * a = f(y). Backward: dy = da f'(a); dx = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / std with
 * dxhat = gamma dy. Running statistics follow DL4J exactly: their "gradients" are the decay step
 * (mean - batchMean)(1 - decay) and, for the log10 std form, log10(std_t / std_t+1), which DL4J's
 * no-op updater subtracts.
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
    /** Slots: 0 the forward pass's input, then backprop's input (1), kept output (2) and gradient (3). */
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

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (input.rank() != 2) {
            throw new IllegalStateException("FastBatchNorm takes dense [N, C] input, got shape "
                    + java.util.Arrays.toString(input.shape()) + " " + layerId());
        }
        INDArray x = Native.dense(input.castTo(dataType));
        int rows = (int) x.size(0);
        int c = (int) x.size(1);
        double eps = bn().getEps();
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] xv = Vec.read(x, scratch.get(0, rows * c));
        if (training && !frozenStats) {
            for (int r = 0; r < rows; r++) {
                int off = r * c;
                for (int j = 0; j < c; j++) mean[j] += xv[off + j];
            }
            for (int j = 0; j < c; j++) mean[j] /= rows;
            for (int r = 0; r < rows; r++) {
                int off = r * c;
                for (int j = 0; j < c; j++) {
                    double d = xv[off + j] - mean[j];
                    var[j] += d * d;
                }
            }
            for (int j = 0; j < c; j++) var[j] /= rows;
        } else {
            mean = Vec.read(Native.dense(getParam(MEAN)));
            var = globalVar();
        }
        double[] gamma = Vec.read(Native.dense(getParam(GAMMA)));
        double[] beta = Vec.read(Native.dense(getParam(BETA)));
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int j = 0; j < c; j++) {
            scale[j] = gamma[j] / Math.sqrt(var[j] + eps);
            shift[j] = beta[j] - mean[j] * scale[j];
        }
        Act act = act();
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {rows, c}, 'c');
        for (int r = 0; r < rows; r++) {
            int off = r * c;
            for (int j = 0; j < c; j++) xv[off + j] = xv[off + j] * scale[j] + shift[j];
        }
        act.applyInPlace(xv, rows * c);
        Vec.write(out, xv);
        if (training) {
            forwardInput = input;
            forwardOutput = out;
            batchMean = mean;
            batchVar = var;
        } else {
            forwardInput = null;
            forwardOutput = null;
        }
        return out;
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
        int rows = (int) x.size(0);
        int c = (int) x.size(1);
        double eps = bn().getEps();
        Act act = act();
        double[] xv = Vec.read(x, scratch.get(1, rows * c));
        double[] av = Vec.read(a, scratch.get(2, rows * c));
        double[] ev = Vec.read(Native.dense(epsilon.castTo(dataType)), scratch.get(3, rows * c));
        double[] gamma = Vec.read(Native.dense(getParam(GAMMA)));

        double[] invStd = new double[c];
        for (int j = 0; j < c; j++) invStd[j] = 1 / Math.sqrt(batchVar[j] + eps);
        double[] dBeta = new double[c];
        double[] dGamma = new double[c];
        act.backpropInPlace(ev, av, rows * c);
        if (frozenStats) return frozenBackprop(xv, ev, gamma, invStd, rows, c, mgr);
        for (int r = 0; r < rows; r++) {
            int off = r * c;
            for (int j = 0; j < c; j++) {
                double dy = ev[off + j];
                double xhat = (xv[off + j] - batchMean[j]) * invStd[j];
                xv[off + j] = xhat;
                dBeta[j] += dy;
                dGamma[j] += dy * xhat;
            }
        }
        // mean(dxhat) = gamma * dBeta / N, mean(dxhat * xhat) = gamma * dGamma / N
        for (int r = 0; r < rows; r++) {
            int off = r * c;
            for (int j = 0; j < c; j++) {
                double g = gamma[j];
                ev[off + j] = invStd[j] * (g * ev[off + j] - g * dBeta[j] / rows - xv[off + j] * g * dGamma[j] / rows);
            }
        }
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, c}, 'c');
        Vec.write(dx, ev);

        Gradient grad = new DefaultGradient();
        INDArray dGammaView = gradientViews.get(GAMMA);
        INDArray dBetaView = gradientViews.get(BETA);
        Vec.writeAny(dGammaView, dGamma);
        Vec.writeAny(dBetaView, dBeta);
        grad.setGradientFor(GAMMA, dGammaView);
        grad.setGradientFor(BETA, dBetaView);

        double decay = bn().getDecay();
        INDArray dMeanView = gradientViews.get(MEAN);
        double[] gm = Vec.read(Native.dense(getParam(MEAN)));
        double[] dMean = new double[c];
        for (int j = 0; j < c; j++) dMean[j] = (gm[j] - batchMean[j]) * (1 - decay);
        Vec.writeAny(dMeanView, dMean);
        grad.setGradientFor(MEAN, dMeanView);
        double[] dVar = new double[c];
        if (bn().isUseLogStd()) {
            double[] gv = globalVar();
            for (int j = 0; j < c; j++) {
                double vi = gv[j];
                double vNext = decay * vi + (1 - decay) * batchVar[j];
                dVar[j] = Math.log10(vi / vNext) / 2;
            }
            INDArray view = gradientViews.get(LOG_STD);
            Vec.writeAny(view, dVar);
            grad.setGradientFor(LOG_STD, view);
        } else {
            double[] gv = globalVar();
            for (int j = 0; j < c; j++) dVar[j] = (gv[j] - batchVar[j]) * (1 - decay);
            INDArray view = gradientViews.get(VAR);
            Vec.writeAny(view, dVar);
            grad.setGradientFor(VAR, view);
        }
        forwardInput = null;
        forwardOutput = null;
        return new Pair<>(grad, dx);
    }

    /**
     * Backward pass with fixed statistics: y = gamma (x - mean) / std + beta is affine in x, so
     * dx = gamma dy / std, and the running statistics get a zero step.
     */
    private Pair<Gradient, INDArray> frozenBackprop(double[] xv, double[] dy, double[] gamma, double[] invStd, int rows, int c,
                                                    LayerWorkspaceMgr mgr) {
        double[] dBeta = new double[c];
        double[] dGamma = new double[c];
        for (int r = 0; r < rows; r++) {
            int off = r * c;
            for (int j = 0; j < c; j++) {
                double xhat = (xv[off + j] - batchMean[j]) * invStd[j];
                dBeta[j] += dy[off + j];
                dGamma[j] += dy[off + j] * xhat;
                dy[off + j] = gamma[j] * invStd[j] * dy[off + j];
            }
        }
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, c}, 'c');
        Vec.write(dx, dy);
        Gradient grad = new DefaultGradient();
        for (String k : new String[] {GAMMA, BETA}) {
            INDArray view = gradientViews.get(k);
            Vec.writeAny(view, k.equals(GAMMA) ? dGamma : dBeta);
            grad.setGradientFor(k, view);
        }
        String stat2 = bn().isUseLogStd() ? LOG_STD : VAR;
        for (String k : new String[] {MEAN, stat2}) {
            INDArray view = gradientViews.get(k);
            view.assign(0);
            grad.setGradientFor(k, view);
        }
        forwardInput = null;
        forwardOutput = null;
        return new Pair<>(grad, dx);
    }

    /** Sets the running statistics to given per-feature values (BatchNormStats.reestimate). */
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

}
