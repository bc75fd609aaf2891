package claimsweep.model;

import claimsweep.Runs;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** The weighted remedy's loss is the hand-computed class-weighted cross-entropy. */
class ClassWeightedLossTest {
    @Test
    void weightedLossEqualsHandComputation() {
        double[] w = {5, 0.5, 1, 1, 1, 1, 1, 1, 1, 2};
        MultiLayerNetwork net = NetworkFactory.build(Runs.small("width=8"), DataType.DOUBLE, w);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 784);
        int[] y = {0, 1, 9};
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 10);
        for (int i = 0; i < 3; i++) labels.putScalar(i, y[i], 1.0);
        INDArray p = net.output(x, false);
        double expected = 0;
        for (int i = 0; i < 3; i++) expected += -w[y[i]] * Math.log(p.getDouble(i, y[i]));
        expected /= 3;
        assertEquals(expected, net.score(new DataSet(x, labels), false), 1e-9);

        MultiLayerNetwork plain = NetworkFactory.build(Runs.small("width=8"), DataType.DOUBLE, null);
        double unweighted = 0;
        for (int i = 0; i < 3; i++) unweighted += -Math.log(p.getDouble(i, y[i]));
        assertEquals(unweighted / 3, plain.score(new DataSet(x, labels), false), 1e-9, "same init, plain loss");
    }
}
