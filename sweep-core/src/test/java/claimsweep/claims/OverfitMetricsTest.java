package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The overfitting metrics (claims A4, B11, B4b): training accuracy, the memorization gap, the validation-loss upturn. */
class OverfitMetricsTest {
    private static final Provenance PROV = new Provenance("sh", "gc", "17", "amd64", "cpu", 1, "host", 1L);

    private static CurvePoint point(long step, double valLoss, double valAcc, Double trainAcc) {
        return new CurvePoint(step, step / 40.0, 0.5, valLoss, valAcc, 0.1, step * 10, List.of(), List.of(), trainAcc);
    }

    /** A run whose validation loss falls to 0.40 at step 40, then rises to 0.55 while training accuracy reaches 0.99. */
    private static RunResult overfitting(RunStatus status) {
        List<CurvePoint> curve = List.of(point(20, 0.60, 0.80, 0.82), point(40, 0.40, 0.86, 0.93),
                point(60, 0.48, 0.85, 0.97), point(80, 0.55, 0.84, 0.99));
        return new RunResult(Runs.small(), status, "", 0.55, 0.84, 0.86, 40L, 0.83, 0.56, 80, 1000, PROV, curve, 0.99);
    }

    @Test
    void overfittingRunShowsItsGapAndItsUpturn() {
        RunResult r = overfitting(RunStatus.OK);
        assertEquals(0.99, Metric.FINAL_TRAIN_ACC.of(r, 0));
        assertEquals(0.99 - 0.84, Metric.ACC_GAP.of(r, 0), 1e-12);
        assertEquals(0.55 - 0.40, Metric.VAL_LOSS_RISE.of(r, 0), 1e-12);
    }

    @Test
    void stillImprovingRunHasNoUpturn() {
        List<CurvePoint> curve = List.of(point(20, 0.60, 0.80, 0.80), point(40, 0.50, 0.84, 0.85));
        RunResult r = new RunResult(Runs.small(), RunStatus.OK, "", 0.50, 0.84, 0.84, 40L, 0.83, 0.5, 40, 1, PROV, curve, 0.85);
        assertEquals(0.0, Metric.VAL_LOSS_RISE.of(r, 0));
        assertEquals(0.01, Metric.ACC_GAP.of(r, 0), 1e-12);
    }

    @Test
    void divergedRunsAreNotTestableAndOldResultsHaveNoTrainingAccuracy() {
        RunResult diverged = overfitting(RunStatus.DIVERGED);
        for (Metric m : List.of(Metric.FINAL_TRAIN_ACC, Metric.ACC_GAP, Metric.VAL_LOSS_RISE)) {
            assertNull(m.of(diverged, 0), m.label());
        }
        RunResult ok = overfitting(RunStatus.OK);
        RunResult old = new RunResult(ok.spec(), ok.status(), "", ok.finalValLoss(), ok.finalValAcc(), ok.bestValAcc(),
                ok.bestValStep(), ok.testAcc(), ok.testLoss(), ok.steps(), ok.wallMs(), PROV, ok.curve());
        assertNull(Metric.FINAL_TRAIN_ACC.of(old, 0));
        assertNull(Metric.ACC_GAP.of(old, 0));
        assertEquals(0.55 - 0.40, Metric.VAL_LOSS_RISE.of(old, 0), 1e-12, "needs only the validation curve");
    }

    @Test
    void nonFiniteValidationLossesAreSkippedOrMakeNoValue() {
        List<CurvePoint> curve = List.of(point(20, Double.NaN, 0.1, 0.1), point(40, 0.7, 0.7, 0.7), point(60, 0.9, 0.7, 0.8));
        RunResult r = new RunResult(Runs.small(), RunStatus.OK, "", 0.9, 0.7, 0.7, 40L, 0.7, 0.9, 60, 1, PROV, curve, 0.8);
        assertEquals(0.9 - 0.7, Metric.VAL_LOSS_RISE.of(r, 0), 1e-12);
        List<CurvePoint> nan = List.of(point(20, 0.7, 0.7, 0.7), point(40, Double.NaN, 0.7, 0.7));
        RunResult last = new RunResult(Runs.small(), RunStatus.OK, "", null, 0.7, 0.7, 40L, 0.7, 0.9, 40, 1, PROV, nan, 0.7);
        assertNull(Metric.VAL_LOSS_RISE.of(last, 0));
    }

    @Test
    void defaultMarginsAndDirections() {
        assertEquals(0.01, Metric.FINAL_TRAIN_ACC.defaultMargin());
        assertEquals(0.05, Metric.ACC_GAP.defaultMargin());
        assertEquals(0.05, Metric.VAL_LOSS_RISE.defaultMargin());
        assertTrue(Metric.FINAL_TRAIN_ACC.higherIsBetter());
        assertFalse(Metric.ACC_GAP.higherIsBetter());
        assertFalse(Metric.VAL_LOSS_RISE.higherIsBetter());
        assertEquals(Metric.ACC_GAP, Metric.parse("acc_gap"));
    }
}
