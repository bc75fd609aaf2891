package claimsweep.train;

import claimsweep.DoublePrecision;
import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.spec.RunSpec;
import claimsweep.model.fused.BatchNormStats;
import claimsweep.model.NetworkFactory;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Transfer learning (claim A9): the task split, frozen and re-estimated BN statistics, a pretrained run end to end. */
class TransferTest {
    @Test
    void targetTakesTheFirstNOfEachTargetClassAndSourceTheRest() {
        int[] labels = {5, 0, 6, 5, 9, 5, 4, 6, 7, 8, 9, 1};
        assertArrayEquals(new int[] {0, 2, 3, 4, 7, 8, 9, 10}, Transfer.target(labels, 2));
        assertArrayEquals(new int[] {0, 2, 4, 8, 9}, Transfer.target(labels, 1));
        assertArrayEquals(new int[] {1, 6, 11}, Transfer.source(labels));
        assertArrayEquals(new int[] {0, 1, 4}, Transfer.relabel(new int[] {5, 6, 9}));
    }

    private static MultiLayerNetwork bnNet(DataType t, boolean noOp) {
        RunSpec run = Runs.small("norm=batch", "width=8", "activation=tanh");
        var conf = NetworkFactory.configure(run, t, null);
        if (noOp) {
            conf.getConfs().forEach(c -> {
                if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) b.setIUpdater(new NoOp());
                if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization bn) bn.setIUpdater(new NoOp());
            });
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static org.nd4j.linalg.dataset.DataSet batch(DataType t, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(t, n, 784);
        INDArray y = Nd4j.zeros(t, n, 10);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) y.putScalar(i, r.nextInt(10), 1);
        return new org.nd4j.linalg.dataset.DataSet(x, y);
    }

    @Test
    void frozenStatisticsStayPutWhileGammaAndBetaTrain() {
        MultiLayerNetwork net = bnNet(DataType.FLOAT, false);
        assertEquals(1, BatchNormStats.freeze(net, true));
        INDArray before = net.getLayer(1).params().dup(); // gamma, beta, mean, log10 std
        for (int i = 0; i < 5; i++) net.fit(batch(DataType.FLOAT, 20, i));
        INDArray after = net.getLayer(1).params();
        int c = 8;
        // gamma and beta moved, the running mean and log std did not
        assertNotEquals(before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2 * c)),
                after.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2 * c)));
        assertEquals(before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * c, 4 * c)),
                after.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * c, 4 * c)));
        // unfrozen, the running statistics move again
        BatchNormStats.freeze(net, false);
        net.fit(batch(DataType.FLOAT, 20, 9));
        assertNotEquals(before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * c, 3 * c)),
                net.getLayer(1).params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * c, 3 * c)));
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
    void frozenBatchNormPassesTheGradientCheck() {
        {
            MultiLayerNetwork net = bnNet(DataType.DOUBLE, true);
            // non-trivial running statistics: re-estimated on some data first
            BatchNormStats.reestimate(net, batch(DataType.DOUBLE, 30, 4).getFeatures());
            BatchNormStats.freeze(net, true);
            var b = batch(DataType.DOUBLE, 3, 5);
            java.util.Set<String> state = new java.util.HashSet<>();
            for (String k : net.paramTable().keySet()) if (k.endsWith("_mean") || k.endsWith("_log10stdev")) state.add(k);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(b.getFeatures())
                    .labels(b.getLabels()).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8).excludeParams(state)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
        }
    }

    @Test
    void reestimatedStatisticsAreTheLayerInputsExactMoments() {
        MultiLayerNetwork net = bnNet(DataType.FLOAT, false);
        INDArray x = batch(DataType.FLOAT, 200, 6).getFeatures();
        assertEquals(1, BatchNormStats.reestimate(net, x));
        INDArray in = net.feedForwardToLayer(1, x, false).get(1); // the dense layer's output = BN's input
        INDArray mean = in.mean(0);
        INDArray std = in.std(false, 0);
        INDArray p = net.getLayer(1).params();
        int c = 8;
        for (int j = 0; j < c; j++) {
            assertEquals(mean.getDouble(j), p.getDouble(2 * c + j), 1e-5);
            assertEquals(Math.log10(std.getDouble(j)), p.getDouble(3 * c + j), 1e-4);
        }
    }

    @Test
    void aPretrainedRunFineTunesOnTheTargetClassesAndIsTestedOnThemOnly() {
        Dataset data = TestData.load("fashion-mnist");
        var ctx = new Trainer.Context("h", "c", "host");
        RunSpec pre = Runs.small("norm=batch", "target_labels=20", "transfer=pretrain", "pretrain_steps=40", "bn_stats=reestimate");
        RunResult r = new Trainer().train(pre, data, ctx);
        assertEquals(RunStatus.OK, r.status(), r.reason());
        // 5 target classes: chance 0.2; 100 labelled images after pretraining do better
        assertTrue(r.testAcc() > 0.3, "test accuracy " + r.testAcc());
        // validation holds target classes only: its per-class accuracy is NaN for the classes 5-9 slots
        var classes = r.curve().get(r.curve().size() - 1).classAcc();
        for (int c = 5; c < 10; c++) assertTrue(Double.isNaN(classes.get(c)), "class slot " + c + ": " + classes);
        var e = assertThrows(claimsweep.spec.SpecException.class, () -> Runs.small("transfer=pretrain", "target_labels=20"));
        assertTrue(e.getMessage().contains("pretrain_steps > 0"), e.getMessage());
        var f = assertThrows(claimsweep.spec.SpecException.class, () -> Runs.small("bn_stats=frozen"));
        assertTrue(f.getMessage().contains("bn_stats = train"), f.getMessage());
    }
}
