package claimsweep.model.fused;

import claimsweep.model.layers.LayerWiring;


import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.Collection;

/**
 * DL4J's {@code OutputLayer} with softmax + cross-entropy computed in one pass (direct gemm calls
 * and Java loops) instead of some fifteen ND4J ops, and computed once per step instead of three
 * times (DL4J's training step runs the output layer's forward pass in backprop and again for the
 * score). Same parameters, initializer, regularization and loss as {@code OutputLayer}; any other
 * loss or activation, dropout on its input, or a mask falls back to DL4J's own code, so the layer
 * can replace {@code OutputLayer} everywhere. FastOutputTest proves equal losses, outputs and
 * gradients. See docs/perf.md for what it gains.
 */
public class FastOutput extends OutputLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public FastOutput() {
        this(new Builder());
    }

    private FastOutput(Builder b) {
        super(b);
    }

    @Override
    public FastOutput clone() {
        return (FastOutput) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        if (getNIn() <= 0 || getNOut() <= 0) {
            throw new IllegalStateException("FastOutput layer " + layerIndex + ": nIn and nOut must be set, got "
                    + getNIn() + " and " + getNOut());
        }
        return LayerWiring.wire(new FastOutputLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }

    public static class Builder extends OutputLayer.Builder {
        public Builder() {
            super();
        }

        public Builder(ILossFunction loss) {
            super(loss);
        }

        @Override
        public FastOutput build() {
            return new FastOutput(this);
        }
    }
}
