package claimsweep.model.fused;

import claimsweep.backend.Devices;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which of the project's fused layers a network is built with. They compute on the host (OpenBLAS
 * and Java loops), so on the CUDA backend none is used. Otherwise all are, unless the system
 * property {@code claimsweep.fused} names a subset ({@code none}, or a comma list of
 * {@code dense, batchnorm, output, maxpool, conv, groupnorm, rnn};
 * {@code groupnorm} covers GroupNorm, LayerNorm and InstanceNorm): a way to measure each one's share of a step with
 * {@code scripts/bench} (docs/perf.md) and to rule them out when chasing a numerical question.
 * The fused and stock layers are equal up to float rounding (their tests), so results stay
 * comparable either way.
 */
public final class FusedLayers {
    public static final String PROPERTY = "claimsweep.fused";
    public static final List<String> KINDS = List.of("dense", "batchnorm", "output", "maxpool", "conv", "groupnorm", "rnn");

    private FusedLayers() {}

    /**
     * The name of the DL4J layer a layer configuration stands for: a fused layer reports the stock
     * layer it replaces ({@code FastConv} -> {@code ConvolutionLayer}), so result tables (the
     * per-layer gradient norms' {@code layer_type}) name layers the same way whichever set of
     * fused layers built the network. Any other layer reports its own class name.
     */
    public static String stockName(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof FastDense) return "DenseLayer";
        if (layer instanceof FastOutput) return "OutputLayer";
        if (layer instanceof FastConv) return "ConvolutionLayer";
        if (layer instanceof FastBatchNorm) return "BatchNormalization";
        if (layer instanceof FastMaxPool) return "SubsamplingLayer";
        if (layer instanceof FastGroupNorm) return "GroupNormalization";
        if (layer instanceof FastRnn r) return r.isLastStepOnly() ? "LastTimeStep" : "SimpleRnn";
        return layer.getClass().getSimpleName();
    }

    public static boolean enabled(String kind) {
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("unknown fused layer kind " + kind + "; expected one of " + KINDS);
        if (Devices.cudaBackend()) return false;
        String v = System.getProperty(PROPERTY, "all").trim().toLowerCase(Locale.ROOT);
        if (v.equals("all")) return true;
        if (v.equals("none")) return false;
        List<String> chosen = Arrays.stream(v.split(",")).map(String::trim).toList();
        for (String c : chosen) {
            if (!KINDS.contains(c)) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + ": unknown kind '" + c
                        + "'; expected all, none or a comma list of " + KINDS);
            }
        }
        return chosen.contains(kind);
    }
}
