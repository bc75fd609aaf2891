package claimsweep.model.fused;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A row-major NWC sequence [minibatch, steps, units] read as rows [minibatch x steps, units]
 * ({@code flatten}), or back: the same memory, so a reshape, for a norm layer between two
 * {@link FastRnn} layers. DL4J's RnnToFeedForward / FeedForwardToRnn preprocessors permute and
 * copy into 'f' order, and the layers on either side copied back to 'c': JFR put 45% of the
 * native time of the RNN with a between-layer BatchNorm on those copies (docs/perf.md, session 7).
 */
public final class StepRows implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private boolean flatten;
    private int steps;

    /** For Jackson. */
    public StepRows() {
        this(true, 28);
    }

    public StepRows(boolean flatten, int steps) {
        this.flatten = flatten;
        this.steps = steps;
    }

    public boolean isFlatten() {
        return flatten;
    }

    public void setFlatten(boolean flatten) {
        this.flatten = flatten;
    }

    public int getSteps() {
        return steps;
    }

    public void setSteps(int steps) {
        this.steps = steps;
    }

    private static INDArray toRows(INDArray seq) {
        INDArray c = Native.isDense(seq) ? seq : seq.dup('c');
        return c.reshape('c', c.size(0) * c.size(1), c.size(2));
    }

    private static INDArray toSteps(INDArray rows, int miniBatchSize) {
        INDArray c = Native.isDense(rows) ? rows : rows.dup('c');
        return c.reshape('c', miniBatchSize, c.size(0) / miniBatchSize, c.size(1));
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        return mgr.leverageTo(ArrayType.ACTIVATIONS, flatten ? toRows(input) : toSteps(input, miniBatchSize));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        return mgr.leverageTo(ArrayType.ACTIVATION_GRAD, flatten ? toSteps(output, miniBatchSize) : toRows(output));
    }

    @Override
    public InputPreProcessor clone() {
        return new StepRows(flatten, steps);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        long units = inputType.arrayElementsPerExample() / (flatten ? steps : 1);
        return flatten ? InputType.feedForward(units) : InputType.recurrent(units, steps, RNNFormat.NWC);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepRows r && r.flatten == flatten && r.steps == steps;
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(flatten) + steps;
    }
}
