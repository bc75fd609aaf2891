package claimsweep.model.layers;


import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.Collection;
import java.util.List;

/**
 * Configuration of a Group Normalization layer (Wu &amp; He 2018) for dense {@code [N, C]} and
 * convolutional {@code [N, C, H, W]} activations: channels are split into {@code groups} groups and
 * each example is normalized over (its group's channels x all positions), then scaled and shifted
 * per channel. One group is LayerNorm; one group per channel is InstanceNorm. DL4J 1.0.0-M2.1 has
 * neither GroupNorm nor a LayerNorm for conv activations, hence this layer.
 *
 * <p>Written as a plain DL4J layer with a hand-derived backward pass (see
 * {@link GroupNormalizationLayer}) rather than as a SameDiffLayer: a probe found SameDiffLayer
 * gradients exactly 2x too large in this DL4J version. The gradient check in the tests proves the
 * backward pass.
 */
public class GroupNormalization extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;

    private int groups = 1;
    private double eps = 1e-5;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public GroupNormalization() {
        this(new Builder());
    }

    private GroupNormalization(Builder b) {
        super(b);
        this.groups = b.groups;
        this.eps = b.eps;
    }

    public int getGroups() {
        return groups;
    }

    public void setGroups(int groups) {
        this.groups = groups;
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public GroupNormalization clone() {
        return (GroupNormalization) super.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        if (getNOut() % groups != 0) {
            throw new IllegalStateException("GroupNormalization layer " + layerIndex + ": " + groups
                    + " groups do not divide " + getNOut() + " channels");
        }
        return LayerWiring.wire(new GroupNormalizationLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GroupNormParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null) throw new IllegalStateException("GroupNormalization needs an input type");
        return switch (inputType.getType()) {
            case FF, CNN -> inputType;
            case CNNFlat -> {
                InputType.InputTypeConvolutionalFlat f = (InputType.InputTypeConvolutionalFlat) inputType;
                yield InputType.convolutional(f.getHeight(), f.getWidth(), f.getDepth());
            }
            default -> throw new IllegalStateException("GroupNormalization takes dense or conv input, got " + inputType);
        };
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = switch (inputType.getType()) {
                case FF -> ((InputType.InputTypeFeedForward) inputType).getSize();
                case CNN -> ((InputType.InputTypeConvolutional) inputType).getChannels();
                case CNNFlat -> ((InputType.InputTypeConvolutionalFlat) inputType).getDepth();
                default -> throw new IllegalStateException("GroupNormalization takes dense or conv input, got " + inputType);
            };
            nOut = nIn;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        if (inputType.getType() == InputType.Type.CNNFlat) {
            InputType.InputTypeConvolutionalFlat i = (InputType.InputTypeConvolutionalFlat) inputType;
            return new FeedForwardToCnnPreProcessor(i.getHeight(), i.getWidth(), i.getDepth());
        }
        return null;
    }

    /** Scale and shift are not weight-decayed, as is usual for normalization parameters. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long perExample = 4 * inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, GroupNormalization.class, inputType, out)
                .standardMemory(initializer().numParams(this), 2L * initializer().numParams(this))
                .workingMemory(0, perExample, 0, perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Builder in DL4J's style; {@code nOut} is inferred from the input type. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int groups = 1;
        private double eps = 1e-5;

        public Builder groups(int groups) {
            if (groups < 1) throw new IllegalArgumentException("groups must be >= 1, got " + groups);
            this.groups = groups;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GroupNormalization build() {
            return new GroupNormalization(this);
        }
    }
}
