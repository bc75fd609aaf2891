package claimsweep.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a flattened image [minibatch, rows x cols] as a sequence of its rows: [minibatch, cols
 * (features), rows (time steps)], DL4J's default NCW recurrent layout (a reshape and a transposed
 * copy); the backward pass undoes both.
 */
public final class RowsAsSequence implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private int rows;
    private int cols;

    /** For Jackson. */
    public RowsAsSequence() {
        this(28, 28);
    }

    public RowsAsSequence(int rows, int cols) {
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
        INDArray c = input.ordering() == 'c' ? input : input.dup('c');
        INDArray seq = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), new long[] {c.size(0), cols, rows}, 'c');
        seq.assign(c.reshape('c', c.size(0), rows, cols).permute(0, 2, 1));
        return seq;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        INDArray flat = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, output.dataType(),
                new long[] {output.size(0), (long) rows * cols}, 'c');
        flat.reshape('c', output.size(0), rows, cols).assign(output.permute(0, 2, 1));
        return flat;
    }

    @Override
    public InputPreProcessor clone() {
        return new RowsAsSequence(rows, cols);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.recurrent(cols, rows, RNNFormat.NCW);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowsAsSequence r && r.rows == rows && r.cols == cols;
    }

    @Override
    public int hashCode() {
        return 31 * rows + cols;
    }
}
