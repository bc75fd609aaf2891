package claimsweep.claims;

import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;

import java.util.List;
import java.util.Locale;

/**
 * Per-run metrics a claim can compare. Diverged and failed runs are outcomes, not gaps: a diverged
 * run scores chance accuracy (0.1) and a run that never reaches the target counts as over budget
 * (budget + one evaluation interval: censored, not dropped). A failed run has no value and is
 * left out of its pair, which the report counts.
 */
public enum Metric {
    BEST_VAL_ACC(true), FINAL_VAL_ACC(true), TEST_ACC(true), STEPS_TO_TARGET(false), MS_PER_STEP(false),
    /** 1 for a run that diverged (NaN/inf or loss above its bound), 0 otherwise: the rate rule's outcome. */
    DIVERGED(false),
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
    MINORITY_RECALL(true);

    static final double CHANCE = 0.1;

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
        return budgetSteps(r) + r.spec().longParam("eval_every");
    }

    /** The run's step budget (a diverged or early-stopped run stopped short of it). */
    static long budgetSteps(RunResult r) {
        var s = r.spec();
        if (s.longParam("steps") > 0) return s.longParam("steps");
        long n = s.longParam("train_size") > 0 ? s.longParam("train_size")
                : claimsweep.data.DatasetCatalog.info(s.stringParam("dataset")).trainCount() - s.longParam("val_size");
        return Math.max(r.steps(), s.longParam("epochs") * (n / s.longParam("batch_size")));
    }
}
