package claimsweep.model.fused;

import claimsweep.model.layers.LayerWiring;


import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's max-pooling {@code SubsamplingLayer} with the common 2x2, stride-2 case computed in Java
 * loops: the forward pass records which of the four inputs won, so the backward pass is a scatter
 * instead of a second search. Any other configuration (kernel, stride, padding, data format,
 * pooling type, a non-float network, odd input sizes) falls back to DL4J's own code, so the layer
 * can stand wherever SubsamplingLayer does. FastMaxPoolTest proves equal outputs and gradients.
 *
 * <p>Why: with one thread, max pooling forward and backward (oneDNN through DL4J's helper) took
 * about a third of the reference CNN's step (docs/perf.md); the work is a few memory passes.
 */
public class FastMaxPool extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public FastMaxPool() {
        this(new Builder());
    }

    private FastMaxPool(Builder b) {
        super(b);
    }

    @Override
    public FastMaxPool clone() {
        return (FastMaxPool) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FastMaxPoolLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }

    public static class Builder extends SubsamplingLayer.Builder {
        /** 2x2 max pooling with stride 2, the case the layer computes itself. */
        public Builder() {
            super(SubsamplingLayer.PoolingType.MAX, new int[] {2, 2}, new int[] {2, 2});
        }

        @Override
        public FastMaxPool build() {
            super.build(); // DL4J's own validation of the configuration; throws if it is invalid
            return new FastMaxPool(this);
        }
    }
}
