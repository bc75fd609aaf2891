package claimsweep.spec;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;

/**
 * Every run parameter a sweep can set, with defaults. This is the single list the parser, the
 * expander, the trainer and the Parquet schema agree on: adding a parameter here makes it a valid
 * key in {@code fixed} and {@code axes}, a column in {@code runs/}, and part of the run id.
 */
public final class ParamSchema {
    /** Chance-level cross-entropy for 10 classes is ln(10); twice that counts as divergence (CLAIMS.md). */
    public static final double DEFAULT_DIVERGE_LOSS = 2 * Math.log(10);

    private static final Map<String, ParamDef> DEFS = new LinkedHashMap<>();

    static {
        choice("dataset", "fashion-mnist", "data set the run trains on", "fashion-mnist", "mnist");
        choice("model", ModelConfig.Family.MLP, "network family: mlp (depth x width), cnn (fixed), rnn (depth SimpleRnn layers of width "
                + "units over the 28 image rows)");
        integer("depth", 2, "hidden layers of the mlp", v -> v >= 1 && v <= 64, "an integer in 1..64");
        integer("width", 256, "units per hidden layer of the mlp", v -> v >= 1 && v <= 65536, "an integer in 1..65536");
        choice("activation", ModelConfig.Activation.RELU, "hidden-layer activation");
        spec("norm", "none", "normalization after each hidden layer", NormSpec.EXPECTED,
                s -> NormSpec.parse(s).canonical());
        // Claim A6: normalization inside the recurrence (FastRnn); "norm" stays the between-layer one.
        choice("rnn_norm", ModelConfig.RnnNorm.NONE, "normalization inside each recurrent layer of the rnn, on the summed "
                + "pre-activation of every time step: none, layer (LayerNorm over the units, Ba et al. 2016), batch_step "
                + "(BatchNorm with statistics and running averages per time step, Cooijmans et al. 2017)");
        // Claim A5: conv-only normalization; a per-feature BatchNorm over 2 examples is degenerate.
        choice("dense_norm", ModelConfig.DenseNorm.SAME, "normalization of the cnn's dense layer: same (as the conv "
                + "layers, norm) or none (normalize the conv layers only)");
        spec("init", "he", "weight initialization of every weight layer", InitSpec.EXPECTED,
                s -> InitSpec.parse(s).canonical());
        choice("optimizer", OptimConfig.Optimizer.MOMENTUM, "update rule (adamw = adam with decoupled weight decay, see weight_decay)");
        real("momentum", 0.9, "momentum coefficient for momentum and nesterov", v -> v >= 0 && v < 1, "a number in [0, 1)");
        real("lr", 0.01, "learning rate", v -> v > 0 && v <= 1e3, "a number > 0 (and <= 1000)");
        real("l2", 0.0, "L2 weight penalty (coupled, added to the loss)", v -> v >= 0, "a number >= 0");
        integer("batch_size", 64, "examples per step", v -> v >= 1, "an integer >= 1");
        integer("seed", 1, "fixes initialization, training subset and data order", v -> true, "an integer");
        // Claim B9 varies one source of randomness at a time; 0 means "follow seed".
        integer("seed_init", 0, "seed of the weight initialization only (0: seed)", v -> true, "an integer");
        integer("seed_data", 0, "seed of the training subset, label noise and imbalance draws only (0: seed)",
                v -> true, "an integer");
        integer("seed_order", 0, "seed of the data order only (0: seed)", v -> true, "an integer");
        integer("epochs", 1, "training budget in passes over the training subset (0 when steps is set)",
                v -> v >= 0, "an integer >= 0");
        integer("steps", 0, "training budget in optimizer steps (0 when epochs is set)", v -> v >= 0, "an integer >= 0");
        integer("eval_every", 100, "evaluate on the validation split every N steps", v -> v >= 1, "an integer >= 1");
        integer("train_size", 0, "stratified training subset size (0: all training images left after validation)",
                v -> v >= 0, "an integer >= 0");
        integer("val_size", 5000, "validation images held out of the training file", v -> v >= 1, "an integer >= 1");
        choice("inputs", DataConfig.Inputs.SCALED, "input treatment: raw 0..255, scaled to [0,1], standardized with training statistics");
        real("diverge_loss", DEFAULT_DIVERGE_LOSS, "running train loss above this stops the run as diverged (a run "
                + "starting above it: after 50 steps, above half its initial loss; see StoppingPolicy)",
                v -> v > 0, "a number > 0");
        // Data treatments (claims B3, B7). Each default reproduces the untreated pipeline.
        real("label_noise", 0.0, "fraction of training labels flipped to another class, chosen uniformly (symmetric noise)",
                v -> v >= 0 && v <= 0.9, "a number in [0, 0.9]");
        integer("imbalance", 1, "classes 0-4 keep 1/imbalance of their training examples (1: balanced)",
                v -> v >= 1 && v <= 1000, "an integer in 1..1000");
        choice("remedy", DataConfig.Remedy.NONE, "imbalance remedy: none, class-weighted loss, oversampling the minority "
                + "classes (duplicates up to the largest class), or smote (synthetic examples between same-class nearest "
                + "neighbours, k = 5, until each of classes 0-4 has the mean count of classes 5-9; imbalance > 1 only)");
        real("weight_decay", 0.0, "decoupled weight decay (w -= lr * weight_decay * w each step, outside the loss); "
                + "adamw defaults it to 0.01 when left at 0", v -> v >= 0 && v < 1, "a number in [0, 1)");
        real("dropout", 0.0, "probability of dropping each hidden unit during training (inverted dropout on the inputs of every layer after the first)",
                v -> v >= 0 && v < 1, "a number in [0, 1)");
        choice("clip", OptimConfig.Clip.NONE, "gradient clipping: none, L2 norm of each layer's gradient, or each element's value");
        real("clip_at", 1.0, "threshold of the gradient clipping", v -> v > 0, "a number > 0");
        choice("loss", ModelConfig.Loss.CE, "output loss: softmax + cross-entropy, softmax + MSE, or identity outputs + MSE");
        choice("schedule", OptimConfig.Schedule.CONSTANT, "learning-rate schedule after the warm-up (see LrSchedule)");
        integer("warmup", 0, "steps of linear learning-rate warm-up from lr/warmup to lr", v -> v >= 0, "an integer >= 0");
        real("decay", 0.1, "factor of step and exponential decay, and of each plateau cut", v -> v > 0 && v < 1,
                "a number in (0, 1)");
        integer("decay_every", 0, "steps between step decays / per exponential decay (0: a third of the budget / "
                + "the whole budget)", v -> v >= 0, "an integer >= 0");
        integer("patience", 3, "evaluations without validation-loss improvement before a plateau cut", v -> v >= 1,
                "an integer >= 1");
        integer("early_stop", 0, "stop after this many evaluations without validation-loss improvement and restore "
                + "the best parameters (0: off)", v -> v >= 0, "an integer >= 0");
        choice("data_order", DataConfig.DataOrder.RESHUFFLE, "data order: reshuffle every epoch, shuffle once, or sorted by class");
        choice("augment", DataConfig.Augment.NONE, "training-image augmentation: none, random shifts of up to 2 pixels, or shifts and "
                + "left-right mirroring");
        // Transfer learning (claim A9); see claimsweep.train.Transfer.
        integer("target_labels", 0, "labelled images per target class (5-9) for the transfer task; 0: the ordinary "
                + "10-class task", v -> v >= 0, "an integer >= 0");
        choice("transfer", Treatments.Transfer.NONE, "none (train the target task from scratch) or pretrain (first train on source classes "
                + "0-4 for pretrain_steps, then fine-tune with a fresh output layer)");
        integer("pretrain_steps", 0, "steps of pretraining on the source classes (transfer = pretrain)", v -> v >= 0,
                "an integer >= 0");
        choice("bn_stats", Treatments.BnStats.TRAIN, "BatchNorm statistics while fine-tuning: train (batch statistics, running ones "
                + "updated), frozen (the pretrained ones, kept), reestimate (frozen during fine-tuning, then recomputed on the "
                + "target training images before the test evaluation), adabn (AdaBN, Li et al. 2016: recomputed on the target "
                + "training images after pretraining and before fine-tuning, then frozen); all but train need transfer = "
                + "pretrain with norm = batch on the mlp or cnn");
        // Training-loop bugs (claim B8), each emulated faithfully; see Trainer and docs in the README.
        choice("bug", Treatments.Bug.NONE, "an emulated training-loop bug: misaligned (labels shuffled apart from their images), "
                + "test_norm (test images left raw 0..255), sum_loss (loss summed over the batch, not averaged), "
                + "no_zero_grad (gradients accumulated across steps; plain sgd only), bn_train_at_test (evaluation in "
                + "training mode: batch statistics, dropout on; with norm = none and dropout > 0 it is exactly dropout "
                + "left on at test time), bn_train_at_test_sorted (the same on class-sorted batches), bn_eval_in_training "
                + "(BatchNorm in inference mode while training: running statistics, stuck at mean 0 and variance 1; "
                + "mlp and cnn), stale_grad (optimizer step before the backward pass: each update uses the previous "
                + "minibatch's gradient, the first a zero one), constant_loss (the loss returns the constant ln 10: "
                + "zero gradient, nothing learns)");
        integer("test_batch", 0, "evaluation batch size (0: 1000); matters only when evaluation runs in training mode",
                v -> v >= 0, "an integer >= 0");
        real("max_minutes", 0.0, "wall-clock limit of one run in minutes, checked between steps: a run past it stops "
                + "and is recorded as failed (0: no limit). Not part of the run id (see NOT_IN_RUN_ID)",
                v -> v >= 0, "a number >= 0 (minutes; 0 for no limit)");
    }

    /**
     * Parameters left out of the run id whatever their value: they bound how a run is executed, not
     * what it computes (a run that finishes within its time limit is the same run without one), so
     * adding a limit to an interrupted sweep keeps its ids and its finished runs stay resumable.
     */
    public static final java.util.Set<String> NOT_IN_RUN_ID = java.util.Set.of("max_minutes");

    private ParamSchema() {}

    /** All parameters in a stable, documented order. */
    public static List<ParamDef> all() {
        return List.copyOf(DEFS.values());
    }

    public static Optional<ParamDef> get(String name) {
        return Optional.ofNullable(DEFS.get(name));
    }

    public static ParamDef require(String name) {
        ParamDef d = DEFS.get(name);
        if (d == null) throw new IllegalArgumentException("unknown parameter " + name);
        return d;
    }

    public static java.util.Set<String> names() {
        return Collections.unmodifiableSet(DEFS.keySet());
    }

    // ---- builders -------------------------------------------------------------------------

    private static void put(ParamDef d) {
        DEFS.put(d.name(), d);
    }

    private static void integer(String name, long def, String doc, LongPredicate ok, String expected) {
        put(new ParamDef(name, Long.class, def, expected, raw -> {
            long v = toLong(raw, expected);
            if (!ok.test(v)) throw new IllegalArgumentException(expected);
            return v;
        }, null, doc));
    }

    private static void real(String name, double def, String doc, DoublePredicate ok, String expected) {
        put(new ParamDef(name, Double.class, def, expected, raw -> {
            double v = toDouble(raw, expected);
            if (!Double.isFinite(v) || !ok.test(v)) throw new IllegalArgumentException(expected);
            // -0.0 and 0.0 must hash alike
            return v == 0.0 ? 0.0 : v;
        }, null, doc));
    }

    /** An enumerated parameter whose accepted values are the keys of {@code def}'s enum, in declaration order. */
    private static <E extends Enum<E> & Choice> void choice(String name, E def, String doc) {
        choice(name, def.key(), doc, Choice.keys(def.getDeclaringClass()).toArray(new String[0]));
    }

    private static void choice(String name, String def, String doc, String... choices) {
        List<String> list = Arrays.asList(choices);
        String expected = "one of " + String.join(", ", list);
        put(new ParamDef(name, String.class, def, expected, raw -> {
            if (!(raw instanceof String s)) throw new IllegalArgumentException(expected);
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (!list.contains(v)) throw new IllegalArgumentException(expected);
            return v;
        }, list, doc));
    }

    private static void spec(String name, String def, String doc, String expected,
                             java.util.function.UnaryOperator<String> canon) {
        put(new ParamDef(name, String.class, def, expected, raw -> {
            if (!(raw instanceof String s)) throw new IllegalArgumentException(expected);
            return canon.apply(s);
        }, null, doc));
    }

    static long toLong(Object raw, String expected) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            // JSON readers hand integers back as doubles; accept the exact ones
            return d.longValue();
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw new IllegalArgumentException(expected);
    }

    static double toDouble(Object raw, String expected) {
        if (raw instanceof Number n) return n.doubleValue();
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw new IllegalArgumentException(expected);
    }
}
