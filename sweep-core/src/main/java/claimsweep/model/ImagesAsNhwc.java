package claimsweep.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads flattened single-channel images [minibatch, rows x cols] as NHWC [minibatch, rows, cols, 1].
 * With one channel the NHWC and the flat row-major layouts are the same bytes, so this is a
 * reshape (DL4J's FeedForwardToCnnPreProcessor only produces NCHW).
 */
public final class ImagesAsNhwc implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private int rows;
    private int cols;

    /** For Jackson. */
    public ImagesAsNhwc() {
        this(28, 28);
    }

    public ImagesAsNhwc(int rows, int cols) {
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
            throw new IllegalStateException("expected [minibatch, " + rows * cols + "] single-channel images, got "
                    + java.util.Arrays.toString(input.shape()));
        }
        INDArray c = Native.dense(input);
        return mgr.leverageTo(ArrayType.ACTIVATIONS, c.reshape('c', c.size(0), rows, cols, 1));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        INDArray c = Native.dense(output);
        return mgr.leverageTo(ArrayType.ACTIVATION_GRAD, c.reshape('c', c.size(0), (long) rows * cols));
    }

    @Override
    public InputPreProcessor clone() {
        return new ImagesAsNhwc(rows, cols);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.convolutional(rows, cols, 1, CNN2DFormat.NHWC);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagesAsNhwc r && r.rows == rows && r.cols == cols;
    }

    @Override
    public int hashCode() {
        return 31 * rows + cols;
    }
}
