package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.model.NetworkFactory;
import claimsweep.model.fused.BatchNormStats;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The mechanism of each loop bug of claim B8 added for issue 19, shown on a small real network:
 * stale_grad, constant_loss, bn_eval_in_training, and "dropout left on at test time" as
 * bn_train_at_test without BatchNorm.
 */
class LoopBugsTest {
    private static final Trainer.Context CTX = new Trainer.Context("hash", "commit", "host");
    private static Dataset data;

    @BeforeAll
    static void load() {
        data = TestData.load("fashion-mnist");
    }

    /** A network of {@code run} with the run's bugs applied, as the trainer builds it. */
    private static MultiLayerNetwork net(RunSpec run) {
        MultiLayerNetwork net = NetworkFactory.build(run, DataType.FLOAT, null, null);
        Bugs.applyToNetwork(Bugs.of(run.config()), net);
        return net;
    }

    private static DataSet batch(long seed, int rows) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, rows, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 10);
        for (int i = 0; i < rows; i++) y.putScalar(i, (int) ((i * 7 + seed) % 10), 1f);
        return new DataSet(x, y);
    }

    @Test
    void staleGradAppliesThePreviousMinibatchsGradient() {
        RunSpec clean = Runs.small("width=16");
        RunSpec stale = Runs.small("width=16", "bug=stale_grad");
        MultiLayerNetwork a = net(clean);
        MultiLayerNetwork b = net(stale);
        INDArray p0 = b.params().dup();
        assertEquals(p0, a.params(), "same seed, same initialization");
        DataSet first = batch(1, 50);
        DataSet second = batch(2, 50);
        b.fit(first);
        assertEquals(p0, b.params(), "step 1 applies a zero gradient: nothing moves");
        a.fit(first); // the clean step from p0 with the first minibatch's gradient at p0
        assertNotEquals(p0, a.params());
        b.fit(second); // stale: applies the first minibatch's gradient (computed at p0), not the second's
        assertArrayEquals(a.params().toFloatVector(), b.params().toFloatVector(), 1e-7f);
        a.fit(second);
        b.fit(batch(3, 50));
        assertFalse(a.params().equalsWithEps(b.params(), 1e-6),
                "from step 3 the stale gradient is taken at older parameters, so the paths part");
    }

    @Test
    void constantLossMovesNoParameterAndTheRunEndsAsAResult() {
        RunSpec run = Runs.small("width=16", "bug=constant_loss", "optimizer=adam", "lr=0.01");
        MultiLayerNetwork net = net(run);
        INDArray p0 = net.params().dup();
        for (int s = 1; s <= 5; s++) net.fit(batch(s, 50));
        assertEquals(p0, net.params(), "a zero gradient moves nothing, Adam's moments included");

        RunResult r = new Trainer().train(Runs.small("bug=constant_loss"), data, CTX);
        assertTrue(r.status() == RunStatus.OK || r.status() == RunStatus.COLLAPSED, r.status() + ": " + r.reason());
        for (CurvePoint p : r.curve()) assertEquals(Math.log(10), p.trainLoss(), 1e-12, "the constant is what is recorded");
        assertEquals(0.1, r.testAcc(), 0.1, "an untrained network: near chance");
    }

    @Test
    void bnEvalInTrainingNormalizesWithTheInitialRunningStatistics() {
        RunSpec run = Runs.small("width=16", "norm=batch", "bug=bn_eval_in_training");
        MultiLayerNetwork net = net(run);
        for (int s = 1; s <= 3; s++) net.fit(batch(s, 50));
        int bn = bnLayer(net);
        Layer layer = net.getLayer(bn);
        double eps = ((BatchNormalization) layer.conf().getLayer()).getEps();
        float[] ones = new float[16];
        java.util.Arrays.fill(ones, 1f);
        assertArrayEquals(new float[16], layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toFloatVector(),
                "running mean stays at its initial 0");
        // DL4J keeps the running variance as log10 of the standard deviation: 0 for variance 1
        assertArrayEquals(new float[16], layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).toFloatVector(),
                "running variance stays at its initial 1");
        INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(1, 16);
        INDArray beta = layer.getParam(BatchNormalizationParamInitializer.BETA).reshape(1, 16);
        assertFalse(java.util.Arrays.equals(ones, gamma.toFloatVector()), "gamma still trains");
        INDArray x = batch(9, 50).getFeatures();
        List<INDArray> acts = net.feedForward(x, true); // training mode
        INDArray in = acts.get(bn);
        // the fused layer applies the activation (relu) after the affine map
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.relu(in.div(Math.sqrt(1 + eps)).mulRowVector(gamma).addRowVector(beta));
        assertArrayEquals(expected.reshape(-1).toFloatVector(), acts.get(bn + 1).reshape(-1).toFloatVector(), 1e-5f);

        MultiLayerNetwork clean = NetworkFactory.build(Runs.small("width=16", "norm=batch"), DataType.FLOAT, null, null);
        for (int s = 1; s <= 3; s++) clean.fit(batch(s, 50));
        assertNotEquals(0.0, clean.getLayer(bn).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).sumNumber().doubleValue(),
                "without the bug the running mean moves");
    }

    @Test
    void bnEvalInTrainingReachesTheConvolutionalBatchNormToo() {
        RunSpec run = Runs.small("model=cnn", "norm=batch", "bug=bn_eval_in_training", "batch_size=8");
        MultiLayerNetwork net = net(run);
        assertTrue(BatchNormStats.freeze(net, true) >= 2, "the CNN's conv BatchNorm layers are frozen-capable");
        net.fit(batch(1, 8));
        for (Layer l : net.getLayers()) {
            if (!(l.conf().getLayer() instanceof BatchNormalization)) continue;
            INDArray mean = l.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            assertEquals(0.0, mean.amaxNumber().doubleValue(), "layer " + l.getIndex() + " running mean moved");
        }
    }

    /** Where BatchNorm cannot train on running statistics, the bug is refused, never silently left out. */
    @Test
    void bnEvalInTrainingIsRefusedWhereItCannotBeApplied() {
        var e = assertThrows(claimsweep.spec.SpecException.class,
                () -> Runs.small("model=rnn", "norm=batch", "bug=bn_eval_in_training"));
        assertTrue(e.getMessage().contains("bug = bn_eval_in_training with model = rnn"), e.getMessage());
        RunSpec run = Runs.small("width=16", "norm=batch", "bug=bn_eval_in_training");
        String old = System.getProperty(claimsweep.model.fused.FusedLayers.PROPERTY);
        System.setProperty(claimsweep.model.fused.FusedLayers.PROPERTY, "none"); // stock DL4J BatchNormalization
        try {
            MultiLayerNetwork stock = NetworkFactory.build(run, DataType.FLOAT, null, null);
            var ex = assertThrows(IllegalStateException.class,
                    () -> Bugs.applyToNetwork(Bugs.of(run.config()), stock));
            assertTrue(ex.getMessage().contains("bn_eval_in_training"), ex.getMessage());
        } finally {
            if (old == null) System.clearProperty(claimsweep.model.fused.FusedLayers.PROPERTY);
            else System.setProperty(claimsweep.model.fused.FusedLayers.PROPERTY, old);
        }
    }

    @Test
    void bnTrainAtTestWithoutBatchNormIsDropoutLeftOnAtTest() {
        RunResult clean = new Trainer().train(Runs.small("dropout=0.5"), data, CTX);
        RunResult bug = new Trainer().train(Runs.small("dropout=0.5", "bug=bn_train_at_test"), data, CTX);
        assertEquals(RunStatus.OK, bug.status(), bug.reason());
        // the first 20 steps train identically (evaluation has not run yet); evaluation then differs
        assertEquals(clean.curve().get(0).trainLoss(), bug.curve().get(0).trainLoss());
        assertNotEquals(clean.curve().get(0).valAcc(), bug.curve().get(0).valAcc());
        assertNotEquals(clean.testAcc(), bug.testAcc());
        // without dropout (and without BatchNorm) training mode is inference mode: the bug does nothing
        RunResult plain = new Trainer().train(Runs.small(), data, CTX);
        RunResult plainBug = new Trainer().train(Runs.small("bug=bn_train_at_test"), data, CTX);
        assertEquals(plain.testAcc(), plainBug.testAcc());
    }

    private static int bnLayer(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).conf().getLayer() instanceof BatchNormalization) return i;
        }
        throw new AssertionError("no BatchNorm layer");
    }
}
