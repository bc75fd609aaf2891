package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.spec.DataConfig.Inputs;
import claimsweep.spec.RunSpec;
import claimsweep.model.NetworkFactory;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** Each emulated training-loop bug (claim B8) does what its name says, on real data where it matters. */
class BugsTest {
    private static final Trainer.Context CTX = new Trainer.Context("hash", "commit", "host");
    private static Dataset data;

    @BeforeAll
    static void load() {
        data = TestData.load("fashion-mnist");
    }

    @Test
    void misalignedLabelsKeepTheClassCountsButLoseTheirImages() {
        int[] labels = new int[5000];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        int[] m = Bugs.misalign(labels, 7);
        int[] before = new int[10];
        int[] after = new int[10];
        int same = 0;
        for (int i = 0; i < labels.length; i++) {
            before[labels[i]]++;
            after[m[i]]++;
            if (m[i] == labels[i]) same++;
        }
        assertArrayEquals(before, after);
        // independent of the images: about 1 in 10 keeps its label by chance (binomial sd 21 of 5000)
        assertEquals(500, same, 100);
        assertArrayEquals(m, Bugs.misalign(labels, 7));
    }

    @Test
    void misalignedTrainingLearnsNothing() {
        RunResult ok = new Trainer().train(Runs.small(), data, CTX);
        RunResult bug = new Trainer().train(Runs.small("bug=misaligned"), data, CTX);
        assertEquals(RunStatus.OK, bug.status(), bug.reason());
        assertTrue(ok.testAcc() > 0.5, "clean run " + ok.testAcc());
        // labels carry no information about images: test accuracy stays near chance (0.1)
        assertTrue(bug.testAcc() < 0.2, "misaligned run " + bug.testAcc());
    }

    @Test
    void testNormLeavesTheTestImagesRaw() {
        assertEquals(Inputs.RAW, Bugs.of(Runs.small("bug=test_norm").config()).testInputs());
        assertEquals(Inputs.SCALED, Bugs.of(Runs.small("bug=test_norm", "inputs=raw").config()).testInputs());
        assertEquals(Inputs.STANDARDIZED, Bugs.of(Runs.small("inputs=standardized").config()).testInputs());
        RunResult ok = new Trainer().train(Runs.small(), data, CTX);
        RunResult bug = new Trainer().train(Runs.small("bug=test_norm"), data, CTX);
        // validation uses the training pipeline, so training is identical; only the test differs
        assertEquals(ok.finalValAcc(), bug.finalValAcc());
        assertNotEquals(ok.testAcc(), bug.testAcc());
    }

    @Test
    void sumLossMakesGradientsBatchSizeTimesLarger() {
        RunSpec mean = Runs.small("optimizer=adam");
        RunSpec sum = Runs.small("optimizer=adam", "bug=sum_loss");
        assertEquals(50, Bugs.of(sum.config()).lossScale());
        assertEquals(1, Bugs.of(mean.config()).lossScale());
        MultiLayerNetwork a = NetworkFactory.build(mean, DataType.FLOAT, Bugs.of(mean.config()).lossWeights(null, 10), null);
        MultiLayerNetwork b = NetworkFactory.build(sum, DataType.FLOAT, Bugs.of(sum.config()).lossWeights(null, 10), null);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 50, 10);
        for (int i = 0; i < 50; i++) y.putScalar(i, i % 10, 1);
        a.setInput(x);
        a.setLabels(y);
        a.computeGradientAndScore();
        b.setInput(x);
        b.setLabels(y);
        b.computeGradientAndScore();
        assertEquals(50 * a.score(), b.score(), 1e-3 * b.score());
        INDArray ga = a.gradient().gradient();
        INDArray gb = b.gradient().gradient();
        assertEquals(0, gb.sub(ga.mul(50)).norm2Number().doubleValue(), 1e-3 * gb.norm2Number().doubleValue());
    }

    @Test
    void noZeroGradAccumulatesEveryGradientIntoEachStep() {
        RunSpec run = Runs.small("bug=no_zero_grad");
        var layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) NetworkFactory.configure(run, DataType.FLOAT, null)
                .getConf(0).getLayer();
        // heavy-ball momentum with mu = 1: v_t = g_1 + ... + g_t, w -= lr v_t (its step-by-step
        // arithmetic is pinned in MomentumTest)
        assertEquals("Momentum(lr=0.1, momentum=1.0)", layer.getIUpdater().toString());
        var e = assertThrows(claimsweep.spec.SpecException.class, () -> Runs.small("bug=no_zero_grad", "optimizer=adam"));
        assertTrue(e.getMessage().contains("optimizer = sgd"), e.getMessage());
    }

    @Test
    void bnInTrainingModeAtTestTimeWithBatchesOfOneCollapsesToChance() {
        RunResult ok = new Trainer().train(Runs.small("norm=batch"), data, CTX);
        RunResult big = new Trainer().train(Runs.small("norm=batch", "bug=bn_train_at_test"), data, CTX);
        RunResult one = new Trainer().train(Runs.small("norm=batch", "bug=bn_train_at_test", "test_batch=1"), data, CTX);
        RunResult sorted = new Trainer().train(Runs.small("norm=batch", "bug=bn_train_at_test_sorted", "test_batch=100"), data, CTX);
        assertTrue(ok.testAcc() > 0.6, "clean " + ok.testAcc());
        // batch statistics of 1000 shuffled images are close to the population's: little harm
        assertEquals(ok.testAcc(), big.testAcc(), 0.05);
        // a batch of one normalizes every unit to 0: the output no longer depends on the image
        assertTrue(one.testAcc() < 0.2, "batch 1 " + one.testAcc());
        // class-sorted batches erase what the classes have in common: far below the clean run
        assertTrue(sorted.testAcc() < ok.testAcc() - 0.2, "sorted " + sorted.testAcc() + " vs " + ok.testAcc());
        // every test image gets the same answer: the run is recorded as collapsed, its metrics kept
        assertEquals(RunStatus.COLLAPSED, one.status(), one.reason());
        assertNotNull(one.testAcc());
        assertEquals(RunStatus.OK, ok.status(), ok.reason());
    }
}
