package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.model.NetworkFactory;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.Treatments.BnStats;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Claim A9's BatchNorm statistics around fine-tuning, on the MLP and the CNN: adabn replaces the
 * source statistics with the target images' before the first fine-tuning step; frozen, reestimate
 * and adabn keep them still while fine-tuning; a real CNN transfer run completes with each value.
 */
class AdaBnTest {
    private static MultiLayerNetwork net(String model) {
        RunSpec run = model.equals("cnn") ? Runs.small("model=cnn", "norm=batch", "batch_size=20")
                : Runs.small("norm=batch", "depth=2", "width=16");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configure(run, DataType.FLOAT, null));
        net.init();
        return net;
    }

    /** n random images (pixel values shifted by {@code offset}, so source and target statistics differ) with random labels. */
    private static DataSet images(int n, double offset, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 784).muli(0.5).addi(offset);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) y.putScalar(i, r.nextInt(10), 1);
        return new DataSet(x, y);
    }

    private static List<Integer> bnLayers(MultiLayerNetwork net) {
        List<Integer> out = new ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) if (layers[i] instanceof BatchNormalization) out.add(i);
        return out;
    }

    /** Running variance from the stored log10 std (or variance). */
    private static INDArray runningVar(Layer l) {
        if (l.paramTable().containsKey("log10stdev")) return Nd4j.math().pow(Nd4j.valueArrayOf(l.getParam("log10stdev").shape(),
                10.0, l.getParam("log10stdev").dataType()), l.getParam("log10stdev").mul(2));
        return l.getParam("var");
    }

    private static INDArray stats(MultiLayerNetwork net) {
        List<INDArray> all = new ArrayList<>();
        for (int i : bnLayers(net)) {
            all.add(net.getLayer(i).getParam("mean").dup().reshape(-1));
            all.add(runningVar(net.getLayer(i)).dup().reshape(-1));
        }
        return Nd4j.concat(0, all.toArray(new INDArray[0]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp,2", "cnn,3"})
    void adabnSetsEveryLayerToTheTargetImagesStatisticsBeforeFineTuningThenFreezesThem(String model, int bn) {
        MultiLayerNetwork net = net(model);
        assertEquals(bn, bnLayers(net).size());
        for (int s = 0; s < 5; s++) net.fit(images(20, 0.0, s)); // "pretraining" on source images around 0.25
        INDArray source = stats(net);
        DataSet target = images(300, 0.4, 99); // more rows than one re-estimation chunk (256)
        float[] tx = target.getFeatures().dup('c').data().asFloat();
        assertEquals(bn, Transfer.beforeFineTuning(net, BnStats.ADABN, tx, 784));
        assertFalse(source.equalsWithEps(stats(net), 1e-3), "adabn left the source statistics");
        // each layer's statistics, computed here in one pass with ND4J: the biased moments of its input over the
        // target images (and the H x W positions for conv layers), the layers before it already adapted
        for (int i : bnLayers(net)) {
            INDArray in = net.feedForwardToLayer(i, target.getFeatures(), false).get(i).castTo(DataType.DOUBLE);
            int[] dims = in.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
            INDArray mean = in.mean(dims);
            INDArray var = in.var(false, dims);
            Layer l = net.getLayer(i);
            INDArray rm = l.getParam("mean").castTo(DataType.DOUBLE).reshape(-1);
            INDArray rv = runningVar(l).castTo(DataType.DOUBLE).reshape(-1);
            for (int j = 0; j < mean.length(); j++) {
                assertEquals(mean.getDouble(j), rm.getDouble(j), 1e-4 * (1 + Math.abs(mean.getDouble(j))), "layer " + i + " mean " + j);
                assertEquals(var.getDouble(j), rv.getDouble(j), 1e-3 * var.getDouble(j) + 1e-6, "layer " + i + " var " + j);
            }
        }
        INDArray adapted = stats(net);
        INDArray gamma = net.getLayer(bnLayers(net).get(0)).getParam("gamma").dup();
        for (int s = 0; s < 3; s++) net.fit(images(20, 0.4, 200 + s));
        assertEquals(adapted, stats(net), "adapted statistics moved while fine-tuning");
        assertNotEquals(gamma, net.getLayer(bnLayers(net).get(0)).getParam("gamma"), "gamma stopped training");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mlp,FROZEN", "cnn,FROZEN", "cnn,REESTIMATE", "mlp,TRAIN", "cnn,TRAIN"})
    void frozenStatisticsStayPutWhileFineTuningAndTrainOnesMove(String model, BnStats mode) {
        MultiLayerNetwork net = net(model);
        for (int s = 0; s < 3; s++) net.fit(images(20, 0.0, s));
        INDArray source = stats(net);
        Transfer.beforeFineTuning(net, mode, images(40, 0.4, 98).getFeatures().dup('c').data().asFloat(), 784);
        assertEquals(source, stats(net), "only adabn changes the statistics before fine-tuning");
        for (int s = 0; s < 3; s++) net.fit(images(20, 0.4, 300 + s));
        if (mode == BnStats.TRAIN) {
            assertNotEquals(source, stats(net), "train statistics follow the target batches");
        } else {
            assertEquals(source, stats(net), mode.key() + " statistics moved while fine-tuning");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"train", "frozen", "reestimate", "adabn"})
    void aShortRealCnnTransferRunCompletesWithEachBnStats(String mode) {
        Dataset data = TestData.load("fashion-mnist");
        RunSpec run = Runs.small("model=cnn", "norm=batch", "target_labels=20", "transfer=pretrain", "pretrain_steps=30",
                "steps=20", "eval_every=10", "batch_size=20", "optimizer=momentum", "lr=0.02", "bn_stats=" + mode);
        RunResult r = new Trainer().train(run, data, new Trainer.Context("h", "c", "host"));
        assertEquals(RunStatus.OK, r.status(), r.reason());
        assertTrue(r.testAcc() > 0.3, "bn_stats = " + mode + ": test accuracy " + r.testAcc() + " (chance 0.2)");
    }
}
