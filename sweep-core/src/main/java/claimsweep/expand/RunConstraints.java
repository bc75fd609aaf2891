package claimsweep.expand;

import claimsweep.data.DatasetCatalog;
import claimsweep.model.Architectures;
import claimsweep.spec.NormSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that need several parameters at once (batch size against the training-set size, group
 * count against channel counts). Each failure names the parameters involved so the caller can
 * point at their origins.
 */
final class RunConstraints {
    /** A violated constraint: the parameters responsible and what is wrong. */
    record Violation(List<String> params, String found, String expected) {}

    private RunConstraints() {}

    static List<Violation> check(Map<String, Object> p) {
        List<Violation> out = new ArrayList<>();
        DatasetCatalog.Info info = DatasetCatalog.info((String) p.get("dataset"));
        long val = (Long) p.get("val_size");
        long train = (Long) p.get("train_size");
        long available = info.trainCount() - val;
        if (available < 1) {
            out.add(new Violation(List.of("val_size"), "val_size = " + val,
                    "less than the " + info.trainCount() + " training images of " + info.name()));
            return out;
        }
        if (train > available) {
            out.add(new Violation(List.of("train_size", "val_size"), "train_size = " + train + " with val_size = " + val,
                    "train_size <= " + available + " (" + info.name() + " has " + info.trainCount()
                            + " training images, val_size of them are held out)"));
        }
        long n = train == 0 ? available : Math.min(train, available);
        long batch = (Long) p.get("batch_size");
        if (batch > n) {
            out.add(new Violation(List.of("batch_size", "train_size"), "batch_size = " + batch,
                    "batch_size <= the training-set size " + n + " (a larger batch never completes a step)"));
        }
        long epochs = (Long) p.get("epochs");
        long steps = (Long) p.get("steps");
        if ((epochs > 0) == (steps > 0)) {
            out.add(new Violation(List.of("epochs", "steps"), "epochs = " + epochs + ", steps = " + steps,
                    "exactly one of epochs and steps > 0 (set budget { epochs = N } or budget { steps = N })"));
        }
        if ("pretrain".equals(p.get("transfer")) && ((Long) p.get("target_labels") == 0 || (Long) p.get("pretrain_steps") == 0)) {
            out.add(new Violation(List.of("transfer", "target_labels", "pretrain_steps"), "transfer = pretrain with target_labels = "
                    + p.get("target_labels") + ", pretrain_steps = " + p.get("pretrain_steps"),
                    "target_labels > 0 and pretrain_steps > 0 (pretraining needs a target task and a budget)"));
        }
        if (!"train".equals(p.get("bn_stats")) && !("pretrain".equals(p.get("transfer")) && "batch".equals(p.get("norm"))
                && "mlp".equals(p.get("model")))) {
            out.add(new Violation(List.of("bn_stats", "transfer", "norm", "model"), "bn_stats = " + p.get("bn_stats")
                    + " with transfer = " + p.get("transfer") + ", norm = " + p.get("norm") + ", model = " + p.get("model"),
                    "bn_stats = train, unless transfer = pretrain with norm = batch on the mlp (whose BatchNorm layer can freeze its statistics)"));
        }
        long targetLabels = (Long) p.get("target_labels");
        if (targetLabels > 0 && batch > 5 * targetLabels) {
            out.add(new Violation(List.of("batch_size", "target_labels"), "batch_size = " + batch + " with target_labels = "
                    + targetLabels, "batch_size <= " + 5 * targetLabels + " (the transfer task trains on "
                    + 5 + " classes x target_labels images)"));
        }
        if ("no_zero_grad".equals(p.get("bug")) && !"sgd".equals(p.get("optimizer"))) {
            out.add(new Violation(List.of("bug", "optimizer"), "bug = no_zero_grad with optimizer = " + p.get("optimizer"),
                    "optimizer = sgd (never-zeroed gradients are emulated exactly only for plain SGD, as momentum 1)"));
        }
        NormSpec norm = NormSpec.parse((String) p.get("norm"));
        if ("rnn".equals(p.get("model"))) {
            if (norm.kind() != NormSpec.Kind.NONE && norm.kind() != NormSpec.Kind.BATCH && norm.kind() != NormSpec.Kind.LAYER) {
                out.add(new Violation(List.of("norm", "model"), "norm = " + norm.canonical() + " with model = rnn",
                        "none, batch or layer (the recurrent model has no group or instance normalization)"));
            }
            if ((Double) p.get("dropout") > 0) {
                out.add(new Violation(List.of("dropout", "model"), "dropout = " + p.get("dropout") + " with model = rnn",
                        "dropout = 0 (the recurrent model does not implement dropout)"));
            }
        }
        if (!"none".equals(p.get("rnn_norm")) && !"rnn".equals(p.get("model"))) {
            out.add(new Violation(List.of("rnn_norm", "model"), "rnn_norm = " + p.get("rnn_norm") + " with model = " + p.get("model"),
                    "rnn_norm = none, or model = rnn (rnn_norm normalizes inside the recurrent layers; use norm for the mlp and cnn)"));
        }
        if (norm.kind() == NormSpec.Kind.GROUP) {
            List<Integer> widths = Architectures.normalizedWidths((String) p.get("model"),
                    Math.toIntExact((Long) p.get("depth")), Math.toIntExact((Long) p.get("width")));
            for (int w : widths) {
                if (w % norm.groups() != 0) {
                    out.add(new Violation(List.of("norm", "model", "width"),
                            "norm = " + norm.canonical() + " on a " + p.get("model") + " layer of " + w + " channels",
                            "a group count that divides every normalized layer's channels " + widths));
                    break;
                }
            }
        }
        return out;
    }
}
