package claimsweep.model.fused;

import claimsweep.model.layers.LayerWiring;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A simple (Elman) recurrent layer, h_t = f(norm(x_t W + h_{t-1} RW) + b), computed with one
 * gemm for the input projection of all time steps, one recurrent gemm per step and Java loops for
 * the element-wise work (see {@link FastRnnLayer}). Without normalization it is DL4J's
 * {@link SimpleRnn}: same parameters (W, RW, b), same initialization (it delegates to DL4J's
 * initializer), and {@code FastRnnTest} proves equal outputs and gradients.
 *
 * <p>The normalization acts inside the recurrence, on the summed pre-activation a_t of each step:
 * <ul>
 * <li>{@code LAYER}: LayerNorm over the units of each example at each step (Ba et al. 2016,
 *     section 3.1: h_t = f(g / sigma_t (a_t - mu_t) + b)); gain g per unit, b is the bias.</li>
 * <li>{@code BATCH_STEP}: BatchNorm with statistics over the minibatch taken separately for each
 *     time step, and one running mean and variance per step and unit for inference (Cooijmans et
 *     al. 2017; steps beyond the trained length use the last step's statistics, as they do). Gain
 *     and bias are shared across steps, as theirs are. Cooijmans et al. normalize the input and
 *     recurrent terms separately; here both normalizations act on their sum, so the two options
 *     differ only in the statistics (claim A6 compares exactly that).</li>
 * </ul>
 * Both start with g = 1. Data layout NWC ([minibatch, time, features], as the image rows lie in
 * memory); with {@code lastStepOnly} the layer outputs only the last step, [minibatch, units]
 * (DL4J's {@code LastTimeStep} wrapper, without building the whole output gradient).
 */
public class FastRnn extends SimpleRnn {
    private static final long serialVersionUID = 1L;

    /** The in-recurrence normalization (run parameter {@code rnn_norm}). */
    public enum Norm {
        NONE, LAYER, BATCH_STEP;

        /** none, layer or batch_step, as the run parameter spells them. */
        public static Norm parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** DL4J BatchNormalization's defaults, for the running statistics and the variance floor. */
    static final double DECAY = 0.9;
    static final double EPS = 1e-5;

    private Norm norm = Norm.NONE;
    private boolean lastStepOnly;
    /** Time steps the BATCH_STEP running statistics cover (the sequence length of training). */
    private int steps;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public FastRnn() {
        super(new SimpleRnn.Builder().dataFormat(RNNFormat.NWC));
    }

    /** A layer of {@code units} units with activation {@code act}, normalization {@code norm}, over sequences of {@code steps} steps. */
    public static FastRnn of(int units, org.nd4j.linalg.activations.Activation act, Norm norm, int steps, boolean lastStepOnly) {
        Act.of(act.getActivationFunction()); // fails early for an activation the layer cannot compute
        FastRnn r = new FastRnn();
        r.setNOut(units);
        r.setActivationFn(act.getActivationFunction());
        r.setNorm(norm);
        r.setSteps(steps);
        r.setLastStepOnly(lastStepOnly);
        return r;
    }

    public Norm getNorm() {
        return norm;
    }

    public void setNorm(Norm norm) {
        this.norm = norm;
    }

    public boolean isLastStepOnly() {
        return lastStepOnly;
    }

    public void setLastStepOnly(boolean lastStepOnly) {
        this.lastStepOnly = lastStepOnly;
    }

    public int getSteps() {
        return steps;
    }

    public void setSteps(int steps) {
        this.steps = steps;
    }

    @Override
    public FastRnn clone() {
        return (FastRnn) super.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        if (getIDropout() != null || getWeightNoise() != null) {
            throw new IllegalStateException("FastRnn layer " + layerIndex + " implements neither dropout nor weight noise; use SimpleRnn");
        }
        if (getRnnDataFormat() != RNNFormat.NWC) {
            throw new IllegalStateException("FastRnn layer " + layerIndex + ": data format " + getRnnDataFormat() + ", expected NWC");
        }
        if (norm == Norm.BATCH_STEP && steps < 1) {
            throw new IllegalStateException("FastRnn layer " + layerIndex + ": batch_step normalization needs steps >= 1, found " + steps);
        }
        return LayerWiring.wire(new FastRnnLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return FastRnnParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType seq = super.getOutputType(layerIndex, inputType);
        return lastStepOnly ? InputType.feedForward(getNOut()) : seq;
    }

    /** The running statistics are moved by their own decay step, never by the updater (as in DL4J's BatchNormalization). */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return FastRnnParams.isRunningStat(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return FastRnnParams.isRunningStat(paramName) ? null : super.getRegularizationByParam(paramName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastRnn r && super.equals(o) && r.norm == norm && r.lastStepOnly == lastStepOnly && r.steps == steps;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * super.hashCode() + norm.hashCode()) + Boolean.hashCode(lastStepOnly)) + steps;
    }
}
