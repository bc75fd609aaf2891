package claimsweep.model;

import claimsweep.data.DatasetCatalog;
import claimsweep.spec.NormSpec;
import claimsweep.backend.Devices;
import claimsweep.model.fused.FastBatchNorm;
import claimsweep.model.fused.FastRnn;
import claimsweep.model.fused.FusedLayers;
import claimsweep.model.fused.RowsAsSteps;
import claimsweep.model.fused.StepRows;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

import java.util.List;
import java.util.Map;

/**
 * The recurrent model built from {@link FastRnn} layers: the image's rows as an NWC sequence
 * ({@link RowsAsSteps}), depth layers of width units, the last one reporting its last step only.
 * A between-layer norm ({@code norm}) sits where it sits in the SimpleRnn model, on each layer's
 * output sequence flattened to [minibatch x time, units]; {@code rnn_norm} acts inside each
 * layer's recurrence.
 */
final class RnnLayers {
    private RnnLayers() {}

    /**
     * Whether the recurrent model uses FastRnn: always with an in-recurrence norm (SimpleRnn has
     * none), otherwise unless {@code -Dclaimsweep.fused} leaves out "rnn" (FastRnnTest proves the
     * two equal without normalization).
     */
    static boolean fused(FastRnn.Norm rnnNorm) {
        if (rnnNorm == FastRnn.Norm.NONE) return FusedLayers.enabled("rnn");
        if (Devices.cudaBackend()) {
            throw new IllegalArgumentException("rnn_norm = " + rnnNorm.name().toLowerCase(java.util.Locale.ROOT)
                    + " is computed on the host (FastRnn) and is not available on the CUDA backend; use rnn_norm = none");
        }
        return true;
    }

    /** Adds the recurrent layers to {@code layers} and their preprocessors (by layer index) to {@code pre}. */
    static void add(List<Layer> layers, Map<Integer, InputPreProcessor> pre, int depth, int width, Activation act,
                    NormSpec norm, FastRnn.Norm rnnNorm) {
        pre.put(layers.size(), new RowsAsSteps(DatasetCatalog.ROWS, DatasetCatalog.COLS));
        for (int i = 0; i < depth; i++) {
            boolean last = i == depth - 1;
            layers.add(FastRnn.of(width, act, rnnNorm, DatasetCatalog.ROWS, last));
            if (!last && norm.kind() != NormSpec.Kind.NONE) {
                pre.put(layers.size(), new StepRows(true, DatasetCatalog.ROWS));
                // BatchNorm over [minibatch x time, units] is dense input: the fused layer (FastBatchNormTest)
                layers.add(norm.kind() == NormSpec.Kind.BATCH && FusedLayers.enabled("batchnorm")
                        ? FastBatchNorm.withActivation(Activation.IDENTITY.getActivationFunction())
                        : NetworkFactory.normLayer(norm, width));
                pre.put(layers.size(), new StepRows(false, DatasetCatalog.ROWS));
            }
        }
    }
}
