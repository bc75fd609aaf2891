package claimsweep.result;

import claimsweep.spec.RunSpec;

import java.util.List;
import java.util.Objects;

/**
 * Everything one run produced: its spec, how it ended, its summary metrics and its curve.
 * Metrics a run did not reach are {@code null} (a diverged run has no test accuracy).
 *
 * @param spec        the run that was trained
 * @param status      ok, diverged or failed
 * @param reason      why it diverged or failed; empty when ok
 * @param finalValLoss validation loss at the last evaluation
 * @param finalValAcc validation accuracy at the last evaluation
 * @param bestValAcc  best validation accuracy over the evaluations
 * @param bestValStep step of {@code bestValAcc}
 * @param testAcc     accuracy on the untouched test file after training
 * @param testLoss    loss on the test file after training
 * @param steps       optimizer steps taken
 * @param wallMs      wall time of the whole run (data preparation and evaluation included)
 * @param provenance  where and how it ran
 * @param curve       evaluation points in step order
 * @param finalTrainAcc training-subset accuracy (against the labels trained on) at the last evaluation, the
 *                    same point as {@code finalValAcc}; null where not recorded (older results, failed runs)
 */
public record RunResult(RunSpec spec, RunStatus status, String reason, Double finalValLoss, Double finalValAcc,
                        Double bestValAcc, Long bestValStep, Double testAcc, Double testLoss, long steps, long wallMs,
                        Provenance provenance, List<CurvePoint> curve, Double finalTrainAcc) {
    public RunResult {
        Objects.requireNonNull(spec);
        Objects.requireNonNull(status);
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(provenance);
        curve = List.copyOf(curve);
    }

    /** A result without training accuracy (as results written before it was recorded). */
    public RunResult(RunSpec spec, RunStatus status, String reason, Double finalValLoss, Double finalValAcc,
                     Double bestValAcc, Long bestValStep, Double testAcc, Double testLoss, long steps, long wallMs,
                     Provenance provenance, List<CurvePoint> curve) {
        this(spec, status, reason, finalValLoss, finalValAcc, bestValAcc, bestValStep, testAcc, testLoss, steps, wallMs,
                provenance, curve, null);
    }

    public String runId() {
        return spec.runId();
    }
}
