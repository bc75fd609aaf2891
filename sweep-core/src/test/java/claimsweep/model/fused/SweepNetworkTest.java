package claimsweep.model.fused;

import claimsweep.model.NetworkFactory;

import claimsweep.Runs;
import claimsweep.spec.RunSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SweepNetwork only changes which path DL4J's updater takes over the same memory and does the
 * solver's whole-network passes with BLAS (SweepSolver), so it must train like a plain
 * MultiLayerNetwork, to float rounding: same parameters (BatchNorm running statistics, which
 * are not divided by the batch size, included) and same updater state after several steps.
 */
class SweepNetworkTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"norm=none", "norm=batch", "optimizer=adam", "optimizer=nesterov", "clip=norm",
            "weight_decay=0.01"})
    void trainsExactlyLikeMultiLayerNetwork(String override) {
        RunSpec run = Runs.small("width=16", override);
        MultiLayerNetwork plain = new MultiLayerNetwork(NetworkFactory.configure(run, DataType.FLOAT));
        plain.init();
        MultiLayerNetwork sweep = NetworkFactory.build(run, DataType.FLOAT);
        assertInstanceOf(SweepNetwork.class, sweep);
        assertEquals(plain.params(), sweep.params(), "same configuration and seed");
        Nd4j.getRandom().setSeed(3);
        // 6 examples: dividing by 6 and multiplying by 1/6 round differently (SweepSolver does the latter)
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 10);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 10, 1.0);
        for (int step = 0; step < 5; step++) {
            plain.fit(new DataSet(x, y));
            sweep.fit(new DataSet(x, y));
            assertEquals(plain.score(), sweep.score(), 1e-6 * Math.abs(plain.score()), "score at step " + step);
        }
        assertEquals(plain.params(), sweep.params(), "parameters after 5 steps");
        assertInstanceOf(SweepSolver.ScalUpdater.class, sweep.getUpdater(), "SweepSolver was not installed");
        assertFalse(plain.getUpdater() instanceof SweepSolver.ScalUpdater);
        assertEquals(((MultiLayerUpdater) plain.getUpdater()).getStateViewArray(),
                ((MultiLayerUpdater) sweep.getUpdater()).getStateViewArray(), "updater state after 5 steps");
        assertNotEquals(NetworkFactory.build(run, DataType.FLOAT).params(), sweep.params(), "training changed the parameters");
    }
}
