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
 * Reads a flattened image [minibatch, rows x cols] as the sequence of its rows in DL4J's NWC
 * layout, [minibatch, rows (time steps), cols (features)]: for a row-major image that is the same
 * memory, so unlike {@link RowsAsSequence} (NCW, a transposed copy each way) this is a reshape.
 * Used with {@link FastRnn}.
 */
public final class RowsAsSteps implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private int rows;
    private int cols;

    /** For Jackson. */
    public RowsAsSteps() {
        this(28, 28);
    }

    public RowsAsSteps(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    public int getRows() {
        return rows;
    }

    public void setRows(int rows) {
        this.rows = rows;
    }

    public int getCols() {
        return cols;
    }

    public void setCols(int cols) {
        this.cols = cols;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        if (input.rank() != 2 || input.size(1) != (long) rows * cols) {
            throw new IllegalStateException("expected [minibatch, " + rows * cols + "] images, got " + java.util.Arrays.toString(input.shape()));
        }
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

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowsAsSteps r && r.rows == rows && r.cols == cols;
    }

    @Override
    public int hashCode() {
        return 31 * rows + cols + 7;
    }
}
