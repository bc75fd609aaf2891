package claimsweep.spec;

import java.util.Objects;

/**
 * How a run optimizes: update rule, rate and its schedule, penalties and gradient clipping.
 *
 * @param optimizer   update rule
 * @param lr          base learning rate
 * @param momentum    momentum coefficient (momentum, nesterov)
 * @param l2          coupled L2 penalty, added to the loss
 * @param weightDecay decoupled weight decay as applied: adamw with weight_decay left at 0 gets 0.01
 *                    (PyTorch's AdamW default), so "adamw" alone means what it means elsewhere
 * @param clip        gradient clipping
 * @param clipAt      threshold of the clipping
 * @param schedule    learning-rate schedule after the warm-up
 * @param warmup      steps of linear warm-up
 * @param decay       factor of step/exponential decay and of each plateau cut
 * @param decayEvery  steps between decays (0: the schedule's default span)
 * @param patience    evaluations without improvement before a plateau cut
 */
public record OptimConfig(Optimizer optimizer, double lr, double momentum, double l2, double weightDecay, Clip clip,
                          double clipAt, Schedule schedule, long warmup, double decay, long decayEvery, int patience) {
    /** adamw's decoupled weight decay when the sweep leaves weight_decay at 0. */
    public static final double ADAMW_DEFAULT_DECAY = 0.01;

    public OptimConfig {
        Objects.requireNonNull(optimizer);
        Objects.requireNonNull(clip);
        Objects.requireNonNull(schedule);
    }

    /** The decay actually applied for a sweep's {@code weight_decay} under {@code optimizer}. */
    public static double effectiveWeightDecay(Optimizer optimizer, double weightDecay) {
        return weightDecay == 0 && optimizer == Optimizer.ADAMW ? ADAMW_DEFAULT_DECAY : weightDecay;
    }

    /** adamw = adam with decoupled weight decay (see weight_decay). */
    public enum Optimizer implements Choice {
        SGD, MOMENTUM, NESTEROV, RMSPROP, ADAM, ADAMW;
    }

    /** none, the L2 norm of each layer's gradient, or each element's value. */
    public enum Clip implements Choice {
        NONE, NORM, VALUE;
    }

    /** Learning-rate schedules (claim B10); plateau cuts come from the trainer's validation loss. */
    public enum Schedule implements Choice {
        CONSTANT, STEP, EXPONENTIAL, COSINE, PLATEAU;
    }
}
