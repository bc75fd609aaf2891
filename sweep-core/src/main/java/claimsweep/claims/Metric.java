package claimsweep.claims;

import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;

import java.util.List;
import java.util.Locale;

/**
 * Per-run metrics a claim can compare. Diverged and failed runs are outcomes, not gaps: a diverged
 * run scores chance accuracy (0.1) and a run that never reaches the target counts as over budget
 * (budget + one evaluation interval: censored, not dropped). A collapsed run (finite loss, chance
 * accuracy at the end) keeps the accuracies it measured, which are at chance anyway; its losses are
 * real too. A failed run has no value and is left out of its pair, which the report counts.
 *
 * <p>Each metric has a documented default margin (its smallest effect of interest when a claim does
 * not declare one) and says whether it is read from the test set, which {@code select_by} refuses.
 */
public enum Metric {
    BEST_VAL_ACC(true), FINAL_VAL_ACC(true), TEST_ACC(true), STEPS_TO_TARGET(false), MS_PER_STEP(false),
    /** 1 for a run that diverged (NaN/inf or loss above its bound), 0 otherwise (collapsed runs count 0). */
    DIVERGED(false),
    /** 1 for a run that collapsed (finite loss, chance accuracy at the end), 0 otherwise (diverged runs count 0). */
    COLLAPSED(false),
    /** 1 for a run that diverged or collapsed: "did not train", 0 otherwise. */
    DIVERGED_OR_COLLAPSED(false),
    /**
     * The generalization gap at the last evaluation: validation loss minus the training loss of the
     * steps before it (no value for a diverged run, whose losses mean nothing).
     */
    GAP(false),
    /** Mean training loss over the steps before the last evaluation (B4's underfitting measure). */
    FINAL_TRAIN_LOSS(false),
    /**
     * log10 of the first layer's gradient norm over the last layer's, at the first evaluation
     * (B6's vanishing-gradient measure: -2 means the first layer gets 100x less gradient).
     */
    GRAD_RATIO_LOG10(true),
    /** Mean validation recall of classes 0-4 (the classes the imbalance factor thins) at the last evaluation. */
    MINORITY_RECALL(true),
    /**
     * Accuracy on the training probe (a validation-sized sample of the training images, against the
     * labels trained on, noisy ones included) at the last evaluation: 1 when the network has
     * memorized its training set. No value for a diverged run, like final_train_loss.
     */
    FINAL_TRAIN_ACC(true),
    /**
     * The memorization gap: final training-probe accuracy minus final validation accuracy, both at
     * the last evaluation. Lower is better (what a regularizer should shrink).
     */
    ACC_GAP(false),
    /**
     * Final validation loss minus the minimum validation loss over the curve: 0 while validation
     * loss is still falling, > 0 once it turned up, the overfitting sign early stopping acts on.
     */
    VAL_LOSS_RISE(false);

    /** Chance accuracy of the ten-class data sets. */
    public static final double CHANCE = 0.1;

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A measure of overfitting or memorization (the generalization gaps, training accuracy, a rising
     * validation loss): a claim about it, or premised on it, is read against training accuracy beside
     * validation accuracy, which the report's learning curves then show.
     */
    public boolean aboutOverfitting() {
        return this == FINAL_TRAIN_ACC || this == ACC_GAP || this == VAL_LOSS_RISE || this == GAP;
    }

    /** An accuracy-like value whose chance level is {@link #CHANCE}. */
    public boolean isAccuracy() {
        return this == BEST_VAL_ACC || this == FINAL_VAL_ACC || this == TEST_ACC || this == MINORITY_RECALL
                || this == FINAL_TRAIN_ACC;
    }

    /** Read from the test set: fine to report, never to choose a configuration by. */
    public boolean isTest() {
        return this == TEST_ACC;
    }

    /** A 0/1 outcome per run (what the rate rule counts). */
    public boolean isBinary() {
        return this == DIVERGED || this == COLLAPSED || this == DIVERGED_OR_COLLAPSED;
    }

    /**
     * The smallest effect of interest when a claim declares none, in the metric's unit: 1 pp for
     * accuracies (about the A/A paired-difference sd of the MLP sweeps, so one seed's noise is not an
     * effect), 2 pp for minority recall (five classes: noisier), 0.05 nats for losses and gaps, half a
     * decade (0.5) for log10 gradient ratios, 0.2 for rates. NaN: the claim must declare it
     * (steps and milliseconds have no scale-free default).
     */
    public double defaultMargin() {
        return switch (this) {
            case BEST_VAL_ACC, FINAL_VAL_ACC, TEST_ACC -> 0.01;
            case MINORITY_RECALL -> 0.02;
            // the training probe is as large as the validation set, so its accuracy is as noisy
            case FINAL_TRAIN_ACC -> 0.01;
            // a difference of two accuracies that move together; 5 pp is a gap a reviewer would call
            // overfitting, where 1 pp is within what the gap wanders between seeds early in training
            case ACC_GAP -> 0.05;
            // a rise in nats, as the other loss metrics: 0.05 is well above the step-to-step wobble
            // of a validation loss that is still falling, so a smaller rise is not an upturn
            case GAP, FINAL_TRAIN_LOSS, VAL_LOSS_RISE -> 0.05;
            case GRAD_RATIO_LOG10 -> 0.5;
            case DIVERGED, COLLAPSED, DIVERGED_OR_COLLAPSED -> 0.2;
            case STEPS_TO_TARGET, MS_PER_STEP -> Double.NaN;
        };
    }

    public static Metric parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** The run's value, or null when it has none (a failed run). */
    public Double of(RunResult r, double target) {
        if (r.status() == RunStatus.FAILED) return null;
        boolean diverged = r.status() == RunStatus.DIVERGED;
        return switch (this) {
            case BEST_VAL_ACC -> diverged || r.bestValAcc() == null ? CHANCE : r.bestValAcc();
            case FINAL_VAL_ACC -> diverged || r.finalValAcc() == null ? CHANCE : r.finalValAcc();
            case TEST_ACC -> diverged || r.testAcc() == null ? CHANCE : r.testAcc();
            case STEPS_TO_TARGET -> stepsTo(r, target);
            case DIVERGED -> diverged ? 1.0 : 0.0;
            case COLLAPSED -> r.status() == RunStatus.COLLAPSED ? 1.0 : 0.0;
            case DIVERGED_OR_COLLAPSED -> diverged || r.status() == RunStatus.COLLAPSED ? 1.0 : 0.0;
            case FINAL_TRAIN_LOSS -> diverged || r.curve().isEmpty() ? null : r.curve().get(r.curve().size() - 1).trainLoss();
            case GRAD_RATIO_LOG10 -> gradRatio(r);
            case MINORITY_RECALL -> {
                if (diverged) yield CHANCE;
                if (r.curve().isEmpty()) yield null;
                List<Double> acc = r.curve().get(r.curve().size() - 1).classAcc();
                if (acc.size() < MINORITY) yield null;
                double sum = 0;
                for (int c = 0; c < MINORITY; c++) sum += acc.get(c);
                yield sum / MINORITY;
            }
            case FINAL_TRAIN_ACC -> diverged ? null : r.finalTrainAcc();
            case ACC_GAP -> diverged || r.finalTrainAcc() == null || r.finalValAcc() == null ? null
                    : r.finalTrainAcc() - r.finalValAcc();
            case VAL_LOSS_RISE -> diverged ? null : valLossRise(r);
            case GAP -> {
                if (diverged || r.curve().isEmpty()) yield null;
                CurvePoint last = r.curve().get(r.curve().size() - 1);
                yield last.valLoss() - last.trainLoss();
            }
            case MS_PER_STEP -> {
                if (r.curve().isEmpty()) yield null;
                CurvePoint last = r.curve().get(r.curve().size() - 1);
                yield (double) last.elapsedMs() / last.step();
            }
        };
    }

    /** The classes the imbalance factor down-samples (ParamSchema: "classes 0-4 keep 1/ratio"). */
    static final int MINORITY = 5;

    /** Last validation loss minus the lowest one on the curve; null without a finite value to compare. */
    private static Double valLossRise(RunResult r) {
        if (r.curve().isEmpty()) return null;
        double last = r.curve().get(r.curve().size() - 1).valLoss();
        if (!Double.isFinite(last)) return null;
        double min = last;
        for (CurvePoint p : r.curve()) if (Double.isFinite(p.valLoss())) min = Math.min(min, p.valLoss());
        return last - min;
    }

    private static Double gradRatio(RunResult r) {
        for (CurvePoint p : r.curve()) {
            if (p.gradients().size() < 2) continue;
            double first = p.gradients().get(0).norm();
            double last = p.gradients().get(p.gradients().size() - 1).norm();
            if (!(first > 0) || !(last > 0) || !Double.isFinite(first) || !Double.isFinite(last)) return null;
            return Math.log10(first / last);
        }
        return null;
    }

    private static double stepsTo(RunResult r, double target) {
        for (CurvePoint p : r.curve()) if (p.valAcc() >= target) return p.step();
        return budgetSteps(r) + r.spec().config().budget().evalEvery();
    }

    /** The run's step budget (a diverged or early-stopped run stopped short of it). */
    static long budgetSteps(RunResult r) {
        var budget = r.spec().config().budget();
        var data = r.spec().config().data();
        if (budget.steps() > 0) return budget.steps();
        long n = data.trainSize() > 0 ? data.trainSize()
                : claimsweep.data.DatasetCatalog.info(data.dataset()).trainCount() - data.valSize();
        return Math.max(r.steps(), budget.totalSteps((int) (n / budget.batchSize())));
    }
}
