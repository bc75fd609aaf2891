package claimsweep.train;

import claimsweep.spec.OptimConfig;
import claimsweep.spec.OptimConfig.Schedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The learning rate at each optimizer step (claim B10): an optional linear warm-up to the base
 * rate over {@code warmup} steps, then constant, step (x decay every decayEvery steps; default
 * every third of the remaining budget), exponential (x decay per decayEvery steps, continuously;
 * default: the whole remaining budget), or cosine (to 0 at the end of the budget). Plateau is
 * constant here; its cuts come from {@link Plateau} in the trainer. A DL4J {@link ISchedule}, so
 * the updater reads the rate from it at every iteration (iteration 0 = step 1).
 */
public final class LrSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    private final Schedule kind;
    private final double base;
    private final long warmup;
    private final double decay;
    private final long decayEvery;
    private final long total;

    public LrSchedule(@JsonProperty("kind") Schedule kind, @JsonProperty("base") double base,
                      @JsonProperty("warmup") long warmup, @JsonProperty("decay") double decay,
                      @JsonProperty("decayEvery") long decayEvery, @JsonProperty("total") long total) {
        this.kind = kind;
        this.base = base;
        this.warmup = warmup;
        this.decay = decay;
        this.decayEvery = decayEvery;
        this.total = total;
    }

    /** The schedule of a run's optimization over a budget of {@code total} steps. */
    public static LrSchedule of(OptimConfig optim, long total) {
        return new LrSchedule(optim.schedule(), optim.lr(), optim.warmup(), optim.decay(), optim.decayEvery(), total);
    }

    /** True when the rate never changes by schedule (constant or plateau, no warm-up). */
    public boolean isConstant() {
        return warmup == 0 && (kind == Schedule.CONSTANT || kind == Schedule.PLATEAU);
    }

    /** Rate at optimizer step {@code step} (1-based). */
    public double atStep(long step) {
        long t = step - 1;
        if (t < warmup) return base * (t + 1) / warmup;
        long u = t - warmup;
        long span = Math.max(1, total - warmup);
        return switch (kind) {
            case CONSTANT, PLATEAU -> base;
            case STEP -> base * Math.pow(decay, Math.floor((double) u / (decayEvery > 0 ? decayEvery : Math.max(1, span / 3))));
            case EXPONENTIAL -> base * Math.pow(decay, (double) u / (decayEvery > 0 ? decayEvery : span));
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(u, span) / span));
        };
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return atStep(iteration + 1L);
    }

    @Override
    public ISchedule clone() {
        return new LrSchedule(kind, base, warmup, decay, decayEvery, total);
    }

    @JsonProperty("kind")
    public Schedule kind() {
        return kind;
    }

    @JsonProperty("base")
    public double base() {
        return base;
    }

    @JsonProperty("warmup")
    public long warmup() {
        return warmup;
    }

    @JsonProperty("decay")
    public double decay() {
        return decay;
    }

    @JsonProperty("decayEvery")
    public long decayEvery() {
        return decayEvery;
    }

    @JsonProperty("total")
    public long total() {
        return total;
    }
}
