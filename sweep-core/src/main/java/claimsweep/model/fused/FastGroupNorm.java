package claimsweep.model.fused;

import claimsweep.model.layers.LayerWiring;

import claimsweep.model.layers.GroupNormalization;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * {@link GroupNormalization} (so LayerNorm with one group and InstanceNorm with one group per
 * channel too) followed by an activation, for dense [N, C] or NCHW [N, C, H, W] activations,
 * computed in fused Java loops over native memory instead of ~20 ND4J ops plus a separate
 * ActivationLayer. Same configuration class family, same parameters (gamma, beta) and eps, so only
 * the arithmetic is new; FastGroupNormTest proves it equal to GroupNormalization + ActivationLayer
 * and passes DL4J's gradient check.
 */
public class FastGroupNorm extends GroupNormalization {
    private static final long serialVersionUID = 1L;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public FastGroupNorm() {
        super();
    }

    /** {@code groups} groups (1: LayerNorm; one per channel: InstanceNorm), then {@code activation}. */
    public static FastGroupNorm of(int groups, IActivation activation) {
        if (groups < 1) throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        Act.of(activation); // fails early for an activation the layer cannot compute
        FastGroupNorm g = new FastGroupNorm();
        g.setGroups(groups);
        g.setActivationFn(activation);
        return g;
    }

    @Override
    public FastGroupNorm clone() {
        return (FastGroupNorm) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        if (getNOut() % getGroups() != 0) {
            throw new IllegalStateException("FastGroupNorm layer " + layerIndex + ": " + getGroups()
                    + " groups do not divide " + getNOut() + " channels");
        }
        return LayerWiring.wire(new FastGroupNormLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }
}
