package claimsweep.expand;

import claimsweep.data.DatasetCatalog;
import claimsweep.model.Architectures;
import claimsweep.spec.BudgetConfig;
import claimsweep.spec.DataConfig;
import claimsweep.spec.ModelConfig;
import claimsweep.spec.NormSpec;
import claimsweep.spec.OptimConfig;
import claimsweep.spec.RunConfig;
import claimsweep.spec.Treatments;

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

    static List<Violation> check(Map<String, Object> params) {
        List<Violation> out = new ArrayList<>();
        RunConfig run = RunConfig.of(params);
        DataConfig data = run.data();
        ModelConfig model = run.model();
        Treatments t = run.treatments();
        BudgetConfig budget = run.budget();
        DatasetCatalog.Info info = DatasetCatalog.info(data.dataset());
        long val = data.valSize();
        long train = data.trainSize();
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
        long batch = budget.batchSize();
        if (batch > n) {
            out.add(new Violation(List.of("batch_size", "train_size"), "batch_size = " + batch,
                    "batch_size <= the training-set size " + n + " (a larger batch never completes a step)"));
        }
        long epochs = budget.epochs();
        long steps = budget.steps();
        if ((epochs > 0) == (steps > 0)) {
            out.add(new Violation(List.of("epochs", "steps"), "epochs = " + epochs + ", steps = " + steps,
                    "exactly one of epochs and steps > 0 (set budget { epochs = N } or budget { steps = N })"));
        }
        boolean pretrain = t.transfer() == Treatments.Transfer.PRETRAIN;
        if (pretrain && (t.targetLabels() == 0 || t.pretrainSteps() == 0)) {
            out.add(new Violation(List.of("transfer", "target_labels", "pretrain_steps"), "transfer = pretrain with target_labels = "
                    + t.targetLabels() + ", pretrain_steps = " + t.pretrainSteps(),
                    "target_labels > 0 and pretrain_steps > 0 (pretraining needs a target task and a budget)"));
        }
        NormSpec norm = model.norm();
        boolean bnFreezes = model.family() == ModelConfig.Family.MLP || model.family() == ModelConfig.Family.CNN;
        if (t.bnStats() != Treatments.BnStats.TRAIN && !(pretrain && norm.kind() == NormSpec.Kind.BATCH && bnFreezes)) {
            out.add(new Violation(List.of("bn_stats", "transfer", "norm", "model"), "bn_stats = " + t.bnStats().key()
                    + " with transfer = " + t.transfer().key() + ", norm = " + norm.canonical() + ", model = "
                    + model.family().key(),
                    "bn_stats = train, unless transfer = pretrain with norm = batch on the mlp or cnn (whose fused BatchNorm layers "
                            + "can freeze their statistics)"));
        }
        if (data.remedy() == DataConfig.Remedy.SMOTE && t.targetLabels() > 0) {
            // the transfer task picks training rows; SMOTE's synthetic inputs are not rows
            out.add(new Violation(List.of("remedy", "target_labels"), "remedy = smote with target_labels = " + t.targetLabels(),
                    "remedy = smote only without a transfer task (target_labels = 0)"));
        }
        long targetLabels = t.targetLabels();
        if (targetLabels > 0 && batch > 5 * targetLabels) {
            out.add(new Violation(List.of("batch_size", "target_labels"), "batch_size = " + batch + " with target_labels = "
                    + targetLabels, "batch_size <= " + 5 * targetLabels + " (the transfer task trains on "
                    + 5 + " classes x target_labels images)"));
        }
        if (t.bug() == Treatments.Bug.NO_ZERO_GRAD && run.optim().optimizer() != OptimConfig.Optimizer.SGD) {
            out.add(new Violation(List.of("bug", "optimizer"), "bug = no_zero_grad with optimizer = "
                    + run.optim().optimizer().key(),
                    "optimizer = sgd (never-zeroed gradients are emulated exactly only for plain SGD, as momentum 1)"));
        }
        if (t.bug() == Treatments.Bug.BN_EVAL_IN_TRAINING && model.family() == ModelConfig.Family.RNN) {
            // the recurrent model's BatchNorm (between or inside the recurrent layers) has no frozen-statistics mode
            out.add(new Violation(List.of("bug", "model"), "bug = bn_eval_in_training with model = rnn",
                    "model = mlp or cnn (their BatchNorm layers can run on the running statistics while training)"));
        }
        if (model.family() == ModelConfig.Family.RNN) {
            if (norm.kind() != NormSpec.Kind.NONE && norm.kind() != NormSpec.Kind.BATCH && norm.kind() != NormSpec.Kind.LAYER) {
                out.add(new Violation(List.of("norm", "model"), "norm = " + norm.canonical() + " with model = rnn",
                        "none, batch or layer (the recurrent model has no group or instance normalization)"));
            }
            if (model.dropout() > 0) {
                out.add(new Violation(List.of("dropout", "model"), "dropout = " + model.dropout() + " with model = rnn",
                        "dropout = 0 (the recurrent model does not implement dropout)"));
            }
        }
        if (model.rnnNorm() != ModelConfig.RnnNorm.NONE && model.family() != ModelConfig.Family.RNN) {
            out.add(new Violation(List.of("rnn_norm", "model"), "rnn_norm = " + model.rnnNorm().key() + " with model = "
                    + model.family().key(),
                    "rnn_norm = none, or model = rnn (rnn_norm normalizes inside the recurrent layers; use norm for the mlp and cnn)"));
        }
        if (model.denseNorm() != ModelConfig.DenseNorm.SAME && model.family() != ModelConfig.Family.CNN) {
            out.add(new Violation(List.of("dense_norm", "model"), "dense_norm = " + model.denseNorm().key() + " with model = "
                    + model.family().key(),
                    "dense_norm = same, or model = cnn (dense_norm leaves the cnn's dense layer unnormalized; in the mlp every "
                    + "layer is dense, so use norm = none)"));
        }
        if (norm.kind() == NormSpec.Kind.GROUP) {
            List<Integer> widths = Architectures.normalizedWidths(model);
            for (int w : widths) {
                if (w % norm.groups() != 0) {
                    out.add(new Violation(List.of("norm", "model", "width"),
                            "norm = " + norm.canonical() + " on a " + model.family().key() + " layer of " + w + " channels",
                            "a group count that divides every normalized layer's channels " + widths));
                    break;
                }
            }
        }
        return out;
    }
}
