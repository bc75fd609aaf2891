package claimsweep.model.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every "image rows as a sequence" preprocessor shares: the image's rows and columns (bean
 * properties, so DL4J's JSON configuration round-trips them), the check that the input is a batch
 * of flattened images of that size, masks passed through, and equality by class and shape. The
 * subclasses differ only in the sequence layout they produce (NCW for DL4J's SimpleRnn, NWC without
 * a copy for FastRnn).
 */
public abstract class ImageRows implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    protected int rows;
    protected int cols;

    protected ImageRows(int rows, int cols) {
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

    /** A copy of this preprocessor (each subclass builds its own). */
    @Override
    public abstract InputPreProcessor clone();

    /** Refuses anything but [minibatch, rows x cols]. */
    protected void checkImages(INDArray input) {
        if (input.rank() != 2 || input.size(1) != (long) rows * cols) {
            throw new IllegalStateException("expected [minibatch, " + rows * cols + "] images, got " + java.util.Arrays.toString(input.shape()));
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ImageRows) o).rows == rows && ((ImageRows) o).cols == cols;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * getClass().getName().hashCode() + rows) + cols;
    }
}
