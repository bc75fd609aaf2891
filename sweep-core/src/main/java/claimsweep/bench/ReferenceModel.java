package claimsweep.bench;

import claimsweep.model.Architectures;

import java.util.List;

/**
 * A model of the speed benchmark: the sweep parameters that build it and its nominal FLOPs.
 * Nominal training FLOPs per image are 3x the forward multiply-adds x 2 (forward, gradient wrt
 * inputs, gradient wrt weights), the usual convention; normalization and activations are not
 * counted, so a BN model's GFLOP/s reads lower for the same matmul work.
 */
public record ReferenceModel(String key, String label, String model, String norm, int width, int depth, int batch,
                             List<String> extra) {
    public ReferenceModel {
        extra = List.copyOf(extra);
    }

    /** A model that needs no sweep overrides beyond its columns. */
    public ReferenceModel(String key, String label, String model, String norm, int width, int depth, int batch) {
        this(key, label, model, norm, width, depth, batch, List.of());
    }

    /** The reference table of the speed issue: MLP 784-256-256-10 and the CNN, each with/without BN. */
    public static List<ReferenceModel> standard() {
        return List.of(
                new ReferenceModel("mlp-b64", "MLP 784-256-256-10, SGD+momentum", "mlp", "none", 256, 2, 64),
                new ReferenceModel("mlp-b256", "MLP 784-256-256-10, SGD+momentum", "mlp", "none", 256, 2, 256),
                new ReferenceModel("mlp-bn-b64", "same + BatchNorm", "mlp", "batch", 256, 2, 64),
                new ReferenceModel("mlp-bn-b256", "same + BatchNorm", "mlp", "batch", 256, 2, 256),
                new ReferenceModel("cnn-bn-b64", "CNN conv5x5x16-BN-pool-conv5x5x32-BN-pool-dense128-BN", "cnn", "batch",
                        256, 2, 64),
                // the recurrent model (claim A6): 2 x 128 units over the 28 rows; ReLU as PyTorch's
                // nn.RNN reference, tanh as A6 trains it, and the two in-recurrence norms of FastRnn
                // (rnn_norm): the LayerNorm cell and BatchNorm with statistics per time step
                new ReferenceModel("rnn-b64", "RNN 2x128 ReLU over 28 rows", "rnn", "none", 128, 2, 64, List.of("activation=relu", "init=xavier")),
                new ReferenceModel("rnn-tanh-b64", "RNN 2x128 tanh over 28 rows", "rnn", "none", 128, 2, 64, List.of("activation=tanh", "init=xavier")),
                new ReferenceModel("rnn-ln-b64", "same + LayerNorm cell (tanh)", "rnn", "none", 128, 2, 64,
                        List.of("activation=tanh", "init=xavier", "rnn_norm=layer")),
                new ReferenceModel("rnn-bn-b64", "same + BatchNorm per step (tanh)", "rnn", "none", 128, 2, 64,
                        List.of("activation=tanh", "init=xavier", "rnn_norm=batch_step")));
    }

    /**
     * The models of the per-normalization cost table (issue 16, claim A7): the CNN without
     * normalization and with GroupNorm(4), LayerNorm and InstanceNorm, and the MLP with LayerNorm,
     * at batch 64; with {@code mlp-b64}, {@code mlp-bn-b64} and {@code cnn-bn-b64} from
     * {@link #standard()} each norm has its no-normalization baseline ({@link NormCostTable}).
     */
    public static List<ReferenceModel> normalizations() {
        String cnn = "CNN conv5x5x16-pool-conv5x5x32-pool-dense128";
        return List.of(
                new ReferenceModel("cnn-b64", cnn + ", no norm", "cnn", "none", 256, 2, 64),
                new ReferenceModel("cnn-gn-b64", cnn + " + GroupNorm(4)", "cnn", "group(4)", 256, 2, 64),
                new ReferenceModel("cnn-ln-b64", cnn + " + LayerNorm", "cnn", "layer", 256, 2, 64),
                new ReferenceModel("cnn-in-b64", cnn + " + InstanceNorm", "cnn", "instance", 256, 2, 64),
                new ReferenceModel("mlp-ln-b64", "MLP 784-256-256-10 + LayerNorm", "mlp", "layer", 256, 2, 64));
    }

    /**
     * The normalization this model measures: {@code norm}, or for the recurrent model the
     * in-recurrence {@code rnn_norm} when set (the RNN reference models have no between-layer norm).
     */
    public String normLabel() {
        String rnnNorm = extra.stream().filter(e -> e.startsWith(RNN_NORM)).map(e -> e.substring(RNN_NORM.length()))
                .findFirst().orElse("none");
        return rnnNorm.equals("none") ? norm : rnnNorm;
    }

    /**
     * Whether {@code base} is this model without its normalization: same model, shape and batch,
     * no normalization, and the same other overrides (so the tanh RNN, not the ReLU one, is the
     * baseline of the tanh norm cells).
     */
    public boolean isBaselineOf(ReferenceModel m) {
        return normLabel().equals("none") && !m.normLabel().equals("none") && model.equals(m.model) && batch == m.batch
                && width == m.width && depth == m.depth && withoutNorm(extra).equals(withoutNorm(m.extra));
    }

    private static final String RNN_NORM = "rnn_norm=";

    private static List<String> withoutNorm(List<String> extra) {
        return extra.stream().filter(e -> !e.startsWith(RNN_NORM)).toList();
    }

    /** Sweep overrides that make this model on the project's own training path. */
    public List<String> overrides() {
        List<String> o = new java.util.ArrayList<>(List.of("model=" + model, "norm=" + norm, "width=" + width, "depth=" + depth,
                "batch_size=" + batch));
        o.addAll(extra);
        return o;
    }

    /** Nominal training FLOPs per step (see the class comment). */
    public double flopsPerStep() {
        double macs;
        if (model.equals("mlp")) {
            macs = 0;
            int in = 28 * 28;
            for (int i = 0; i < depth; i++) {
                macs += (double) in * width;
                in = width;
            }
            macs += in * 10.0;
        } else if (model.equals("rnn")) {
            // per example: each layer's input and recurrent products at each of the 28 steps, then the output layer
            macs = 0;
            int in = 28;
            for (int i = 0; i < depth; i++) {
                macs += 28.0 * ((double) in * width + (double) width * width);
                in = width;
            }
            macs += in * 10.0;
        } else {
            int k = Architectures.CNN_KERNEL * Architectures.CNN_KERNEL;
            macs = 28.0 * 28 * Architectures.CNN_CONV1 * k * 1
                    + 14.0 * 14 * Architectures.CNN_CONV2 * k * Architectures.CNN_CONV1
                    + 7.0 * 7 * Architectures.CNN_CONV2 * Architectures.CNN_DENSE
                    + Architectures.CNN_DENSE * 10.0;
        }
        return 6.0 * macs * batch;
    }
}
