package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.claims.Metric;
import claimsweep.data.Dataset;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.ModelConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The training-accuracy probe (issue 19): recorded at every evaluation, against the labels trained on. */
class TrainingAccuracyTest {
    private static final Trainer.Context CTX = new Trainer.Context("hash", "commit", "host");
    private static Dataset data;

    @BeforeAll
    static void load() {
        data = TestData.load("fashion-mnist");
    }

    @Test
    void probeIsTheFirstValidationSizedSliceOfTheTrainingSet() {
        float[] x = new float[6 * 2];
        for (int i = 0; i < x.length; i++) x[i] = i;
        int[] y = {3, 1, 4, 1, 5, 9};
        Evaluator small = Evaluator.trainingSubset(ModelConfig.Loss.CE, x, y, 2, 4);
        Evaluator all = Evaluator.trainingSubset(ModelConfig.Loss.CE, x, y, 2, 100);
        assertEquals(4, small.size());
        assertEquals(6, all.size(), "never more than the training set");
    }

    /** 100 images and a wide network: the training probe reaches 1 while validation stays far below. */
    @Test
    void aSmallTrainingSetIsMemorized() {
        RunResult r = new Trainer().train(Runs.small("train_size=100", "width=256", "steps=400", "eval_every=100"), data, CTX);
        assertEquals(RunStatus.OK, r.status(), r.reason());
        for (CurvePoint p : r.curve()) assertNotNull(p.trainAcc(), "every evaluation point has it");
        assertEquals(r.curve().get(r.curve().size() - 1).trainAcc(), r.finalTrainAcc(), "final = the last point's");
        assertEquals(1.0, r.finalTrainAcc(), 0.011, "memorized");
        assertTrue(Metric.ACC_GAP.of(r, 0) > 0.15, "gap " + Metric.ACC_GAP.of(r, 0));
    }

    /** Random labels (the misaligned bug) are memorized too: high probe accuracy against them, chance on validation. */
    @Test
    void theProbeScoresTheLabelsTrainedOnNotTheTrueOnes() {
        RunResult r = new Trainer().train(Runs.small("train_size=100", "width=256", "steps=600", "eval_every=200",
                "bug=misaligned"), data, CTX);
        assertNotEquals(RunStatus.FAILED, r.status(), r.reason());
        assertTrue(r.finalTrainAcc() > 0.8, "random labels memorized: " + r.finalTrainAcc());
        assertTrue(r.finalValAcc() < 0.25, "nothing learned about images: " + r.finalValAcc());
    }
}
