package claimsweep.spec;

import java.util.Map;
import java.util.Objects;

/**
 * A run's parameters as typed records: the only place that reads a run parameter by its name. The
 * schema ({@link ParamSchema}) checks and canonicalizes each value; this turns the canonical map
 * into enums and records once, so that the trainer, the network builder, the data pipeline and the
 * expansion's cross-parameter checks never compare strings. Adding a parameter = one schema entry,
 * one line here, and the field that uses it.
 *
 * @param data       data set, splits, input and data treatments, order, augmentation
 * @param model      the network
 * @param optim      update rule, rate, schedule, penalties, clipping
 * @param budget     steps, evaluation and stopping
 * @param treatments emulated bug and transfer task
 * @param seeds      the seed of each source of randomness
 */
public record RunConfig(DataConfig data, ModelConfig model, OptimConfig optim, BudgetConfig budget,
                        Treatments treatments, Seeds seeds) {
    public RunConfig {
        Objects.requireNonNull(data);
        Objects.requireNonNull(model);
        Objects.requireNonNull(optim);
        Objects.requireNonNull(budget);
        Objects.requireNonNull(treatments);
        Objects.requireNonNull(seeds);
    }

    public static RunConfig of(RunSpec run) {
        return of(run.params());
    }

    /**
     * The typed form of a complete canonical parameter map (every schema parameter present, as
     * {@link RunSpec} guarantees and the expander builds before checking cross-parameter constraints).
     */
    public static RunConfig of(Map<String, Object> p) {
        Params r = new Params(p);
        OptimConfig.Optimizer optimizer = r.choice("optimizer", OptimConfig.Optimizer.class);
        return new RunConfig(
                new DataConfig(r.string("dataset"), r.integer("train_size"), r.integer("val_size"),
                        r.choice("inputs", DataConfig.Inputs.class), r.real("label_noise"), r.integer("imbalance"),
                        r.choice("remedy", DataConfig.Remedy.class), r.choice("data_order", DataConfig.DataOrder.class),
                        r.choice("augment", DataConfig.Augment.class)),
                new ModelConfig(r.choice("model", ModelConfig.Family.class), r.integer("depth"), r.integer("width"),
                        r.choice("activation", ModelConfig.Activation.class), NormSpec.parse(r.string("norm")),
                        InitSpec.parse(r.string("init")), r.real("dropout"), r.choice("loss", ModelConfig.Loss.class),
                        r.choice("rnn_norm", ModelConfig.RnnNorm.class), r.choice("dense_norm", ModelConfig.DenseNorm.class)),
                new OptimConfig(optimizer, r.real("lr"), r.real("momentum"), r.real("l2"),
                        OptimConfig.effectiveWeightDecay(optimizer, r.real("weight_decay")),
                        r.choice("clip", OptimConfig.Clip.class), r.real("clip_at"),
                        r.choice("schedule", OptimConfig.Schedule.class), r.whole("warmup"), r.real("decay"),
                        r.whole("decay_every"), r.integer("patience")),
                new BudgetConfig(r.integer("batch_size"), r.whole("epochs"), r.whole("steps"), r.whole("eval_every"),
                        r.integer("test_batch"), r.real("diverge_loss"), r.integer("early_stop"), r.real("max_minutes")),
                new Treatments(r.choice("bug", Treatments.Bug.class), r.integer("target_labels"),
                        r.choice("transfer", Treatments.Transfer.class), r.whole("pretrain_steps"),
                        r.choice("bn_stats", Treatments.BnStats.class)),
                Seeds.resolve(r.whole("seed"), r.whole("seed_init"), r.whole("seed_data"), r.whole("seed_order")));
    }

    /** Typed reads of one canonical map; each names the parameter when the map does not hold what the schema promises. */
    private record Params(Map<String, Object> p) {
        private Object get(String name, Class<?> type) {
            Object v = p.get(name);
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException("parameter " + name + " = " + v + " is not a " + type.getSimpleName()
                        + " (a run's parameters must be canonicalized by ParamSchema first)");
            }
            return v;
        }

        String string(String name) {
            return (String) get(name, String.class);
        }

        long whole(String name) {
            return (Long) get(name, Long.class);
        }

        int integer(String name) {
            return Math.toIntExact(whole(name));
        }

        double real(String name) {
            return (Double) get(name, Double.class);
        }

        <E extends Enum<E> & Choice> E choice(String name, Class<E> type) {
            try {
                return Choice.parse(type, string(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
