package claimsweep.model;

import claimsweep.model.layers.ImageRows;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a flattened image [minibatch, rows x cols] as a sequence of its rows: [minibatch, cols
 * (features), rows (time steps)], DL4J's default NCW recurrent layout (a reshape and a transposed
 * copy); the backward pass undoes both.
 */
public final class RowsAsSequence extends ImageRows {
    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    public RowsAsSequence() {
        this(28, 28);
    }

    public RowsAsSequence(int rows, int cols) {
        super(rows, cols);
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        checkImages(input);
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
}
