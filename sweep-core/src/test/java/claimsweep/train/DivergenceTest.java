package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.ParamSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Divergence is judged against the run's own start (issue 15 item 6), and a finite run whose
 * network gives one answer for every image is recorded as collapsed.
 */
class DivergenceTest {
    private static final double CHANCE_LOSS = ParamSchema.DEFAULT_DIVERGE_LOSS;

    @Test
    void nonFiniteLossStopsAtOnceEvenInTheWarmUp() {
        StoppingPolicy p = new StoppingPolicy(CHANCE_LOSS, 0);
        assertEquals(StoppingPolicy.Kind.CONTINUE, p.afterStep(1, 2.3).kind());
        StoppingPolicy.Decision d = p.afterStep(2, Double.NaN);
        assertEquals(StoppingPolicy.Kind.DIVERGED, d.kind());
        assertTrue(d.reason().contains("at step 2"), d.reason());
    }

    @Test
    void aRunThatStartsNearChanceKeepsTheOldBound() {
        StoppingPolicy p = new StoppingPolicy(CHANCE_LOSS, 0);
        p.afterStep(1, Math.log(10));
        assertEquals(CHANCE_LOSS, p.bound(), 1e-12, "max(2 ln 10, 0.5 x ln 10)");
        assertEquals(StoppingPolicy.Kind.CONTINUE, p.atEvaluation(100, 4.5, 2.0).kind());
        assertEquals(StoppingPolicy.Kind.DIVERGED, p.atEvaluation(200, 4.7, 2.0).kind());
        // the warm-up is for runs that start high: this one is judged from its first evaluation
        assertEquals(StoppingPolicy.Kind.DIVERGED, p.atEvaluation(10, 4.7, 2.0).kind());
    }

    @Test
    void aRunThatStartsHighHasTheWarmUpToHalveItsLoss() {
        StoppingPolicy p = new StoppingPolicy(CHANCE_LOSS, 0);
        p.afterStep(1, 200);
        assertEquals(100, p.bound(), 1e-12);
        // far above diverge_loss inside the warm-up, or below half its start after it: training
        assertEquals(StoppingPolicy.Kind.CONTINUE, p.atEvaluation(StoppingPolicy.WARMUP_STEPS - 1, 150, 20).kind());
        assertEquals(StoppingPolicy.Kind.CONTINUE, p.atEvaluation(StoppingPolicy.WARMUP_STEPS, 60, 20).kind());
        // still near its start after the warm-up (stuck, or blown up): diverged
        StoppingPolicy.Decision d = p.atEvaluation(StoppingPolicy.WARMUP_STEPS + 10, 150, 20);
        assertEquals(StoppingPolicy.Kind.DIVERGED, d.kind());
        assertTrue(d.reason().contains("initial loss 200"), d.reason());
    }

    @Test
    void earlyStopWaitsForPatienceAndFlagsTheBestEvaluation() {
        StoppingPolicy p = new StoppingPolicy(CHANCE_LOSS, 2);
        p.afterStep(1, 2.3);
        assertEquals(StoppingPolicy.Kind.CONTINUE, p.atEvaluation(10, 2.0, 1.0).kind());
        assertTrue(p.improved());
        assertEquals(StoppingPolicy.Kind.CONTINUE, p.atEvaluation(20, 2.0, 1.0).kind());
        assertFalse(p.improved(), "no relative 1e-4 improvement");
        assertEquals(StoppingPolicy.Kind.EARLY_STOP, p.atEvaluation(30, 2.0, 1.5).kind());
    }

    @Test
    void rawInputsStartAboveDivergeLossYetTrainAtASmallRate() {
        Dataset data = TestData.load("fashion-mnist");
        RunResult r = new Trainer().train(Runs.small("inputs=raw", "init=he", "lr=0.0001", "steps=200", "eval_every=10"),
                data, new Trainer.Context("h", "c", "h"));
        List<CurvePoint> curve = r.curve();
        // the old rule stopped this run at its first evaluation (running loss above 2 ln 10 at step 10)
        assertTrue(curve.get(0).trainLoss() > CHANCE_LOSS, "first running loss " + curve.get(0).trainLoss());
        assertEquals(RunStatus.OK, r.status(), r.reason());
        assertEquals(200, r.steps());
        assertTrue(curve.get(curve.size() - 1).trainLoss() < curve.get(0).trainLoss() / 2,
                "the loss falls: " + curve.get(0).trainLoss() + " -> " + curve.get(curve.size() - 1).trainLoss());
        assertTrue(r.testAcc() > 0.3, "it learns (chance is 0.1): test accuracy " + r.testAcc());
    }

    @Test
    void collapseNeedsChanceAccuracyAndOneAnswerForEveryImage() {
        List<Double> perClass = List.of();
        // 500 balanced images: chance 0.1, bound 0.1 + 3 sqrt(0.09 / 500) = 0.140
        assertNotNull(Collapse.reason(new Evaluator.Score(2.3, 0.1, perClass, 0.1, 1.0), 500));
        assertNotNull(Collapse.reason(new Evaluator.Score(2.3, 0.13, perClass, 0.1, 0.92), 500));
        assertNull(Collapse.reason(new Evaluator.Score(2.3, 0.15, perClass, 0.1, 0.95), 500), "above chance");
        assertNull(Collapse.reason(new Evaluator.Score(2.3, 0.06, perClass, 0.1, 0.3), 500),
                "at chance but with varied answers: not learned yet, not collapsed");
    }
}
