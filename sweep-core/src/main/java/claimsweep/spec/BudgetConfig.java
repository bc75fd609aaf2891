package claimsweep.spec;

/**
 * How long a run trains, how it is evaluated and when it stops early.
 *
 * @param batchSize   examples per step
 * @param epochs      budget in passes over the training subset (0 when steps is set)
 * @param steps       budget in optimizer steps (0 when epochs is set)
 * @param evalEvery   evaluate on the validation split every N steps
 * @param testBatch   evaluation batch size (0: the trainer's default chunk)
 * @param divergeLoss running train loss above this (or above a multiple of the run's own initial
 *                    loss, whichever is larger) stops the run as diverged
 * @param earlyStop   evaluations without validation-loss improvement before stopping (0: off)
 * @param maxMinutes  wall-clock limit of the run in minutes (0: none)
 */
public record BudgetConfig(int batchSize, long epochs, long steps, long evalEvery, int testBatch, double divergeLoss,
                           int earlyStop, double maxMinutes) {
    /** Total optimizer steps, given the steps one epoch takes. */
    public long totalSteps(int stepsPerEpoch) {
        return steps > 0 ? steps : epochs * stepsPerEpoch;
    }
}
