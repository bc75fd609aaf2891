package claimsweep.model.fused;

import claimsweep.model.layers.LayerWiring;


import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's ConvolutionLayer with a leaner backward pass ({@link FastConvLayer}); the same
 * configuration class, parameters, initialization and forward pass, so only the backward
 * bookkeeping is new, and the tests prove it equal to DL4J's.
 */
public class FastConv extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public FastConv() {
        super();
    }

    private FastConv(ConvolutionLayer.Builder b) {
        super(b);
    }

    /** The layer {@code b} would build, as a FastConv. */
    public static FastConv of(ConvolutionLayer.Builder b) {
        return new FastConv(b);
    }

    @Override
    public FastConv clone() {
        return (FastConv) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FastConvLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }
}
