package claimsweep.model.fused;

import claimsweep.model.layers.ImageRows;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a flattened image [minibatch, rows x cols] as the sequence of its rows in DL4J's NWC
 * layout, [minibatch, rows (time steps), cols (features)]: for a row-major image that is the same
 * memory, so unlike {@link RowsAsSequence} (NCW, a transposed copy each way) this is a reshape.
 * Used with {@link FastRnn}.
 */
public final class RowsAsSteps extends ImageRows {
    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    public RowsAsSteps() {
        this(28, 28);
    }

    public RowsAsSteps(int rows, int cols) {
        super(rows, cols);
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        checkImages(input);
        INDArray c = input.ordering() == 'c' && Native.isDense(input) ? input : input.dup('c');
        return mgr.leverageTo(ArrayType.ACTIVATIONS, c.reshape('c', c.size(0), rows, cols));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        if (output == null) return null; // a first FastRnn layer skips the input gradient nobody reads
        INDArray c = Native.isDense(output) ? output : output.dup('c');
        return mgr.leverageTo(ArrayType.ACTIVATION_GRAD, c.reshape('c', c.size(0), (long) rows * cols));
    }

    @Override
    public InputPreProcessor clone() {
        return new RowsAsSteps(rows, cols);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.recurrent(cols, rows, RNNFormat.NWC);
    }
}
