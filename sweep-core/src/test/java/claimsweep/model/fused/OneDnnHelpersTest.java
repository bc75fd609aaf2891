package claimsweep.model.fused;

import claimsweep.model.NetworkFactory;

import claimsweep.Runs;
import claimsweep.spec.RunSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The native helpers are a speed change only: the same network trained with and without them
 * gives the same losses and parameters within float tolerance.
 */
class OneDnnHelpersTest {
    /**
     * With DL4J's stock layers (fused = none) helpers go on both convolutions, both poolings and
     * all three BatchNorms; with the project's fused layers only the convolutions need one.
     */
    @ParameterizedTest(name = "fused layers: {0}")
    @CsvSource({"none,7", "all,2"})
    void helpersChangeSpeedNotResults(String fused, int expectedHelpers) {
        String before = System.getProperty(FusedLayers.PROPERTY);
        System.setProperty(FusedLayers.PROPERTY, fused);
        try {
            check(expectedHelpers);
        } finally {
            if (before == null) System.clearProperty(FusedLayers.PROPERTY);
            else System.setProperty(FusedLayers.PROPERTY, before);
        }
    }

    private static void check(int expectedHelpers) {
        RunSpec run = Runs.small("model=cnn", "norm=batch", "width=32", "batch_size=16", "optimizer=momentum",
                "momentum=0.9", "lr=0.05");
        MultiLayerNetwork plain = new MultiLayerNetwork(NetworkFactory.configure(run, DataType.FLOAT));
        plain.init();
        MultiLayerNetwork fast = NetworkFactory.build(run);
        int installed = OneDnnHelpers.install(fast);
        assertEquals(expectedHelpers, installed);
        assertEquals(plain.params(), fast.params(), "same seed, same initial parameters");

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) y.putScalar(i, i % 10, 1f);
        DataSet d = new DataSet(x, y);
        for (int step = 0; step < 5; step++) {
            plain.fit(d);
            fast.fit(d);
            assertEquals(plain.score(), fast.score(), 1e-4 * Math.max(1, plain.score()), "loss at step " + step);
        }
        double scale = plain.params().norm2Number().doubleValue();
        double diff = plain.params().sub(fast.params()).norm2Number().doubleValue();
        assertTrue(diff < 1e-4 * scale, "parameters drifted apart: |diff| " + diff + " vs |params| " + scale);
        INDArray outPlain = plain.output(x, false);
        INDArray outFast = fast.output(x, false);
        assertTrue(outPlain.equalsWithEps(outFast, 1e-4), "inference outputs differ");
    }
}
