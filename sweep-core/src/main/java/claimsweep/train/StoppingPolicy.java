package claimsweep.train;

import claimsweep.spec.BudgetConfig;

import java.util.Locale;

/**
 * When a run stops before its budget, decided by values the loop hands it (issue 15 item 6):
 * <ul>
 *   <li><b>Diverged</b>: a non-finite training or validation loss at any step; or, at an evaluation
 *       after the first {@link #WARMUP_STEPS} steps, a running training loss above
 *       {@code max(diverge_loss, K x initial loss)}, where the initial loss is the training loss of
 *       step 1 (computed on the initial parameters, before the first update).
 *   <li><b>Early stop</b> (claim B11, {@code early_stop > 0}): that many evaluations in a row without a
 *       relative {@link Plateau#THRESHOLD} improvement of the validation loss; the loop restores the
 *       parameters of the best one.
 * </ul>
 * Why K = 2: {@code diverge_loss} defaults to 2 ln 10, twice the loss of a network that starts at
 * chance on 10 classes; K = 2 keeps that rule ("twice where a sane run starts") for a run that starts
 * elsewhere. A run whose inputs are raw 0..255 starts near a loss of 100-200 under He init; the old
 * fixed bound stopped it at its first evaluation at every learning rate, even where it trains (claim
 * B2a). For a run that starts near chance the bound is unchanged, so such runs stop exactly as before.
 * Why a warm-up of 50 steps: the first updates of a run that trains can overshoot its initial loss
 * for a few steps (large early gradients, momentum building up); non-finite losses still stop it at
 * once. 50 steps is under one evaluation at the default eval_every of 100, so with default settings
 * the warm-up only spares evaluations that a sweep asked to come unusually early.
 */
final class StoppingPolicy {
    /** Multiple of the run's own initial loss that counts as divergence (with diverge_loss as the floor). */
    static final double K = 0;
    /** Steps during which only non-finite losses count as divergence. */
    static final long WARMUP_STEPS = 0;

    /** What the loop does next; {@code reason} says why it stops. */
    record Decision(Kind kind, String reason) {
        static final Decision CONTINUE = new Decision(Kind.CONTINUE, "");

        boolean stops() {
            return kind != Kind.CONTINUE;
        }
    }

    enum Kind { CONTINUE, DIVERGED, EARLY_STOP }

    private final double divergeLoss;
    private final int earlyStop;
    private double initialLoss = Double.NaN;
    private double lossSum;
    private int lossCount;
    private double bestValLoss = Double.POSITIVE_INFINITY;
    private int sinceBest;
    private boolean improved;

    StoppingPolicy(BudgetConfig budget) {
        this(budget.divergeLoss(), budget.earlyStop());
    }

    StoppingPolicy(double divergeLoss, int earlyStop) {
        this.divergeLoss = divergeLoss;
        this.earlyStop = earlyStop;
    }

    /** One step's mean training loss. */
    Decision afterStep(long step, double loss) {
        if (!Double.isFinite(loss)) return diverged("train loss became " + loss + " at step " + step);
        if (Double.isNaN(initialLoss)) initialLoss = loss;
        lossSum += loss;
        lossCount++;
        return Decision.CONTINUE;
    }

    /** The mean training loss since the previous evaluation; starts the next window. */
    double takeRunningLoss() {
        double running = lossSum / lossCount;
        lossSum = 0;
        lossCount = 0;
        return running;
    }

    /** The running-loss bound of this run: diverge_loss, or K times its initial loss when that is larger. */
    double bound() {
        return Double.isNaN(initialLoss) ? divergeLoss : Math.max(divergeLoss, K * initialLoss);
    }

    /** An evaluation at {@code step} with the window's running loss and the validation loss. */
    Decision atEvaluation(long step, double running, double valLoss) {
        improved = false;
        if (step >= WARMUP_STEPS && running > bound()) {
            return diverged(String.format(Locale.ROOT, "running train loss %.4g exceeded diverge_loss %.4g at step %d",
                    running, divergeLoss, step));
        }
        if (!Double.isFinite(valLoss)) return diverged("validation loss became " + valLoss + " at step " + step);
        if (earlyStop > 0) {
            // keep the parameters (BN statistics included) of the best validation loss; stop after
            // early_stop evaluations without a relative 1e-4 improvement
            if (valLoss < bestValLoss * (1 - Plateau.THRESHOLD)) {
                bestValLoss = valLoss;
                sinceBest = 0;
                improved = true;
            } else if (++sinceBest >= earlyStop) {
                return new Decision(Kind.EARLY_STOP,
                        "early stopped at step " + step + "; parameters of the best validation loss restored");
            }
        }
        return Decision.CONTINUE;
    }

    /** Whether the last evaluation was the best so far under early stopping (the loop keeps its parameters). */
    boolean improved() {
        return improved;
    }

    private static Decision diverged(String reason) {
        return new Decision(Kind.DIVERGED, reason);
    }
}
