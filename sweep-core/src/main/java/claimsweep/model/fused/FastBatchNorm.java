package claimsweep.model.fused;

import claimsweep.model.layers.LayerWiring;


import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's BatchNormalization for dense [N, C] or NCHW [N, C, H, W] activations, followed by an activation, computed in
 * one pass of Java loops instead of ~40 ND4J ops. It is DL4J's configuration class (same
 * parameters: gamma, beta, running mean and log10 std; same decay 0.9 and eps 1e-5; same updater
 * and regularization rules), so only the arithmetic is new; the tests prove it equal to DL4J's
 * BatchNormalization + ActivationLayer, including the running statistics.
 */
public class FastBatchNorm extends BatchNormalization {
    private static final long serialVersionUID = 1L;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public FastBatchNorm() {
        super();
    }

    public static FastBatchNorm withActivation(IActivation activation) {
        Act.of(activation); // fails early for an activation the layer cannot compute
        FastBatchNorm b = new FastBatchNorm();
        b.setActivationFn(activation);
        return b;
    }

    @Override
    public FastBatchNorm clone() {
        return (FastBatchNorm) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FastBatchNormLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }
}
