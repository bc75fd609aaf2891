package claimsweep.model.fused;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Implementation of {@link FastOutput}: p = softmax(x W + b) row by row, loss -sum_j y_j w_j
 * log(clip(p_j)) with DL4J's clipping to [1e-10, 1 - 1e-10], and the combined softmax-cross-entropy
 * gradient dz = p * sum_j(y_j w_j) - y w (= p - y without class weights), all as LossMCXENT defines
 * them. W is DL4J's 'f'-order [nIn, nOut] view, i.e. the row-major [nOut, nIn] matrix Wt.
 *
 * <p>The probabilities computed in backprop are kept for the score that DL4J asks for right
 * after; they are used once and dropped when the input or labels are set again, so a later score
 * on new data is computed afresh.
 */
final class FastOutputLayer extends OutputLayer {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;
    private static final String B = DefaultParamInitializer.BIAS_KEY;
    /** LossMCXENT's default clipping of the softmax output before the log. */
    private static final double CLIP = 1e-10;

    /** Slots: 0 the probabilities of the last training pass, 1 the gradient dz. */
    private final Scratch scratch = new Scratch(2);
    /** The probabilities in slot 0 belong to this input and these labels; null when there are none. */
    private INDArray keptInput;
    private INDArray keptLabels;

    FastOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int nIn() {
        return (int) layerConf().getNIn();
    }

    private int nOut() {
        return (int) layerConf().getNOut();
    }

    /** Whether the configuration allows the fused path (softmax + cross-entropy, no dropout or noise). */
    boolean fusable() {
        return layerConf().getIDropout() == null && layerConf().getWeightNoise() == null
                && layerConf().getLossFn() instanceof LossMCXENT && layerConf().getActivationFn() instanceof ActivationSoftmax
                && layerConf().hasBias() && (dataType == DataType.FLOAT || dataType == DataType.DOUBLE);
    }

    /** Whether this pass takes the fused path; otherwise DL4J's own code runs. */
    private boolean fused() {
        return fusable() && maskArray == null && input != null && input.rank() == 2;
    }

    /** Class weights of the loss, or null. */
    private double[] classWeights() {
        INDArray w = ((LossMCXENT) layerConf().getLossFn()).getWeights();
        return w == null ? null : Vec.read(Native.dense(w.castTo(DataType.DOUBLE)));
    }

    /** Softmax of x W + b into {@code p} (rows x nOut); x is the layer's input. */
    private void probabilities(INDArray x, int rows, INDArray z, double[] p) {
        int n = nOut();
        Native.gemm(false, true, rows, n, nIn(), 1.0, x, nIn(), getParam(W), nIn(), 0.0, z, n);
        Vec.read(z, p);
        double[] b = Vec.read(Native.dense(getParam(B)));
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                p[off + j] += b[j];
                max = Math.max(max, p[off + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(p[off + j] - max);
                p[off + j] = e;
                sum += e;
            }
            for (int j = 0; j < n; j++) p[off + j] /= sum;
        }
    }

    private INDArray checkedInput() {
        INDArray x = Native.dense(input.castTo(dataType));
        if (x.size(1) != nIn()) {
            throw new IllegalStateException("FastOutput " + layerId() + ": input has " + x.size(1) + " columns, expected " + nIn());
        }
        return x;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!fused()) return super.activate(training, mgr);
        INDArray x = checkedInput();
        int rows = (int) x.size(0);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {rows, nOut()}, 'c');
        double[] p = new double[rows * nOut()];
        probabilities(x, rows, out, p);
        Vec.write(out, p);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (!fused() || labels == null) {
            keptInput = null;
            return super.backpropGradient(epsilon, mgr);
        }
        INDArray x = checkedInput();
        int rows = (int) x.size(0);
        int n = nOut();
        double[] p = scratch.get(0, rows * n);
        INDArray dz = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, n}, 'c');
        probabilities(x, rows, dz, p);
        double[] y = Vec.read(Native.dense(labels.castTo(dataType)), scratch.get(1, rows * n));
        double[] w = classWeights();
        double[] db = new double[n];
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double col = 0; // sum_j y_j w_j: the example's weight for one-hot labels
            for (int j = 0; j < n; j++) col += w == null ? y[off + j] : y[off + j] * w[j];
            for (int j = 0; j < n; j++) {
                double g = p[off + j] * col - (w == null ? y[off + j] : y[off + j] * w[j]);
                y[off + j] = g;
                db[j] += g;
            }
        }
        Vec.write(dz, y);
        keptInput = input;
        keptLabels = labels;
        return FastDenseLayer.linearBackward(this, gradientViews, dz, x, db, mgr);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr mgr) {
        boolean kept = training && keptInput != null && keptInput == input && keptLabels == labels && fused();
        keptInput = null;
        keptLabels = null;
        if (!kept) return super.computeScore(fullNetRegTerm, training, mgr);
        int rows = (int) input.size(0);
        int n = nOut();
        double[] p = scratch.get(0, rows * n);
        double[] y = Vec.read(Native.dense(labels.castTo(dataType)), scratch.get(1, rows * n));
        double[] w = classWeights();
        double loss = 0;
        for (int i = 0; i < rows * n; i++) {
            if (y[i] == 0) continue; // 0 * log(p) adds nothing (and p is clipped, so never -inf)
            double pc = Math.min(Math.max(p[i], CLIP), 1 - CLIP);
            loss -= y[i] * (w == null ? 1 : w[i % n]) * Math.log(pc);
        }
        if (conf().isMiniBatch()) loss /= rows;
        score = loss + fullNetRegTerm;
        return score;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr mgr) {
        keptInput = null;
        super.setInput(input, mgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        keptInput = null;
        super.setLabels(labels);
    }

    @Override
    public void clear() {
        keptInput = null;
        keptLabels = null;
        super.clear();
    }
}
