package claimsweep.train;

import claimsweep.spec.OptimConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A run's learning rate over its steps: the schedule (warm-up, then constant, step, exponential or
 * cosine), read by the updater at every step, and for {@code schedule = plateau} the cuts that
 * {@link Plateau} makes on the validation loss once the warm-up is over.
 */
final class RatePolicy {
    private final LrSchedule schedule;
    private final Plateau plateau;

    RatePolicy(OptimConfig optim, long totalSteps) {
        this.schedule = LrSchedule.of(optim, totalSteps);
        this.plateau = optim.schedule() == OptimConfig.Schedule.PLATEAU
                ? new Plateau(optim.lr(), optim.patience(), optim.decay()) : null;
    }

    /** The schedule the updater reads, or null when the rate only changes by plateau cuts (or never). */
    LrSchedule updaterSchedule() {
        return schedule.isConstant() ? null : schedule;
    }

    /** The rate used at {@code step}. */
    double lrAt(long step) {
        return plateau != null && step > schedule.warmup() ? plateau.lr() : schedule.atStep(step);
    }

    /** Observes an evaluation's validation loss; cuts the network's rate on a plateau. */
    void observe(long step, double valLoss, MultiLayerNetwork net) {
        if (plateau == null || step < schedule.warmup()) return;
        double before = plateau.lr();
        // setLearningRate replaces the warm-up schedule with a fixed rate; warm-up is over here
        if (plateau.observe(valLoss) != before) net.setLearningRate(plateau.lr());
    }
}
