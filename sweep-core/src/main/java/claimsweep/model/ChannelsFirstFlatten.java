package claimsweep.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flattens NHWC activations [minibatch, h, w, c] in channel-major order, [minibatch, c x h x w],
 * exactly as DL4J flattens NCHW ones (DL4J's CnnToFeedForwardPreProcessor flattens NHWC in
 * h, w, c order). So the dense layer after the convolutions sees the same features in the same
 * order whichever layout the convolutions run in, and a network built from the same seed computes
 * the same function in both (NetworkFactoryTest checks it).
 */
public final class ChannelsFirstFlatten implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private long height;
    private long width;
    private long channels;

    /** For Jackson. */
    public ChannelsFirstFlatten() {
        this(0, 0, 0);
    }

    public ChannelsFirstFlatten(long height, long width, long channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    public long getHeight() {
        return height;
    }

    public void setHeight(long height) {
        this.height = height;
    }

    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = width;
    }

    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        if (input.rank() != 4 || input.size(1) != height || input.size(2) != width || input.size(3) != channels) {
            throw new IllegalStateException("expected NHWC activations [minibatch, " + height + ", " + width + ", " + channels
                    + "], got " + java.util.Arrays.toString(input.shape()));
        }
        long n = input.size(0);
        INDArray flat = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), new long[] {n, channels * height * width}, 'c');
        flat.reshape('c', n, channels, height, width).assign(input.permute(0, 3, 1, 2));
        return flat;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        long n = output.size(0);
        INDArray grad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, output.dataType(), new long[] {n, height, width, channels}, 'c');
        INDArray c = Native.dense(output);
        grad.assign(c.reshape('c', n, channels, height, width).permute(0, 2, 3, 1));
        return grad;
    }

    @Override
    public InputPreProcessor clone() {
        return new ChannelsFirstFlatten(height, width, channels);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(channels * height * width);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelsFirstFlatten f && f.height == height && f.width == width && f.channels == channels;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(height, width, channels);
    }
}
