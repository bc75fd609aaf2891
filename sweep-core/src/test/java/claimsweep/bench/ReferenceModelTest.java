package claimsweep.bench;

import claimsweep.model.NetworkFactory;
import claimsweep.model.fused.FastRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmark's reference models: the RNN with BatchNorm per time step builds through the sweep
 * path as FastRnn's batch_step and trains, and each normalized model finds the baseline the cost
 * table divides by.
 */
class ReferenceModelTest {
    private static ReferenceModel model(String key) {
        List<ReferenceModel> all = new ArrayList<>(ReferenceModel.standard());
        all.addAll(ReferenceModel.normalizations());
        return all.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void theBatchNormPerStepRnnBuildsAsFastRnnAndTrains() {
        ReferenceModel m = model("rnn-bn-b64");
        MultiLayerNetwork net = NetworkFactory.build(TrainBench.spec(m));
        for (int i = 0; i < 2; i++) {
            FastRnn layer = (FastRnn) net.getLayerWiseConfigurations().getConf(i).getLayer();
            assertEquals(FastRnn.Norm.BATCH_STEP, layer.getNorm(), "layer " + i);
            assertEquals(128, layer.getNOut());
            assertEquals("tanh", layer.getActivationFn().toString().toLowerCase(java.util.Locale.ROOT));
        }
        INDArray mean0 = net.getParam("0_mean").dup();
        assertArrayEquals(new long[] {28, 128}, mean0.shape(), "one running mean per time step and unit");
        INDArray w0 = net.getParam("0_W").dup();

        Random r = new Random(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, m.batch(), 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, m.batch(), 10);
        for (int i = 0; i < m.batch(); i++) y.putScalar(i, r.nextInt(10), 1.0);
        DataSet batch = new DataSet(x, y);
        net.fit(batch);
        double first = net.score();
        for (int i = 0; i < 20; i++) net.fit(batch);

        assertTrue(Double.isFinite(net.score()), "finite loss");
        assertTrue(net.score() < first, "20 steps on one batch lower its loss: " + first + " -> " + net.score());
        assertNotEquals(w0, net.getParam("0_W"), "the input weights moved");
        INDArray mean = net.getParam("0_mean");
        for (int t = 0; t < 28; t++) {
            assertTrue(mean.getRow(t).norm2Number().doubleValue() > 0, "running mean of step " + t + " moved off 0");
        }
        assertNotEquals(mean.getRow(0), mean.getRow(27), "each step keeps its own statistics");
    }

    @Test
    void eachNormalizedModelHasItsBaseline() {
        List<ReferenceModel> all = new ArrayList<>(ReferenceModel.standard());
        all.addAll(ReferenceModel.normalizations());
        Map<String, String> baseOf = all.stream().filter(m -> !m.normLabel().equals("none")).collect(Collectors.toMap(
                ReferenceModel::key, m -> all.stream().filter(b -> b.isBaselineOf(m)).map(ReferenceModel::key).findFirst().orElse("")));
        assertEquals(Map.of("mlp-bn-b64", "mlp-b64", "mlp-bn-b256", "mlp-b256", "cnn-bn-b64", "cnn-b64", "cnn-gn-b64", "cnn-b64",
                "cnn-ln-b64", "cnn-b64", "cnn-in-b64", "cnn-b64", "mlp-ln-b64", "mlp-b64",
                // the tanh RNN, not the ReLU one that comes first
                "rnn-ln-b64", "rnn-tanh-b64", "rnn-bn-b64", "rnn-tanh-b64"), baseOf);
        assertEquals("batch_step", model("rnn-bn-b64").normLabel());
        assertEquals("group(4)", model("cnn-gn-b64").normLabel());
        assertFalse(model("rnn-tanh-b64").isBaselineOf(model("rnn-tanh-b64")), "a model without norm has no baseline");
    }
}
