package claimsweep.model;

import claimsweep.Runs;
import claimsweep.expand.RunSpec;
import claimsweep.spec.NormSpec;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The CNN runs in NHWC where the fused layers cover it and in NCHW elsewhere; from the same seed
 * both layouts must compute the same function and train alike, so no result depends on the choice.
 */
class CnnLayoutTest {
    @AfterEach
    void clear() {
        System.clearProperty(NetworkFactory.CNN_LAYOUT_PROPERTY);
    }

    private static MultiLayerNetwork build(RunSpec run, String layout) {
        System.setProperty(NetworkFactory.CNN_LAYOUT_PROPERTY, layout);
        try {
            return NetworkFactory.build(run);
        } finally {
            System.clearProperty(NetworkFactory.CNN_LAYOUT_PROPERTY);
        }
    }

    private static CNN2DFormat formatOf(MultiLayerNetwork net, int layer) {
        var conf = net.getLayer(layer).conf().getLayer();
        if (conf instanceof ConvolutionLayer c) return c.getCnn2dDataFormat();
        if (conf instanceof SubsamplingLayer s) return s.getCnn2dDataFormat();
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization b) return b.getCnn2DFormat();
        throw new AssertionError("layer " + layer + " is " + conf.getClass().getSimpleName());
    }

    @ParameterizedTest(name = "norm {0}")
    @CsvSource({"batch", "none"})
    void nhwcAndNchwNetworksComputeTheSameFunctionAndTrainAlike(String norm) {
        RunSpec run = Runs.small("model=cnn", "norm=" + norm, "batch_size=16", "optimizer=momentum", "momentum=0.9", "lr=0.05");
        MultiLayerNetwork nchw = build(run, "nchw");
        MultiLayerNetwork nhwc = build(run, "nhwc");
        int pool = norm.equals("batch") ? 2 : 1;
        for (int layer : new int[] {0, pool}) {
            assertEquals(CNN2DFormat.NCHW, formatOf(nchw, layer));
            assertEquals(CNN2DFormat.NHWC, formatOf(nhwc, layer));
        }
        if (norm.equals("batch")) assertEquals(CNN2DFormat.NHWC, formatOf(nhwc, 1));
        assertEquals(nchw.params(), nhwc.params(), "same seed, same initial parameters");

        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) y.putScalar(i, (i * 3) % 10, 1f);
        assertTrue(nchw.output(x, false).equalsWithEps(nhwc.output(x, false), 1e-5), "outputs before training");
        DataSet d = new DataSet(x, y);
        for (int step = 0; step < 4; step++) {
            nchw.fit(d);
            nhwc.fit(d);
            assertEquals(nchw.score(), nhwc.score(), 1e-4 * Math.max(1, nchw.score()), "loss at step " + step);
        }
        double scale = nchw.params().norm2Number().doubleValue();
        double diff = nchw.params().sub(nhwc.params()).norm2Number().doubleValue();
        assertTrue(diff < 1e-4 * scale, "parameters drifted apart: |diff| " + diff + " vs |params| " + scale);
        assertNotEquals(build(run, "nhwc").params(), nhwc.params(), "training changed nothing");
    }

    @Test
    void autoTakesNhwcWhereTheFusedLayersCoverItAndNchwForGroupNormalization() {
        assertEquals(CNN2DFormat.NHWC, NetworkFactory.cnnLayout(NormSpec.parse("batch")));
        assertEquals(CNN2DFormat.NHWC, NetworkFactory.cnnLayout(NormSpec.parse("none")));
        for (String groupWise : new String[] {"layer", "group(4)", "instance"}) {
            assertEquals(CNN2DFormat.NCHW, NetworkFactory.cnnLayout(NormSpec.parse(groupWise)), groupWise);
        }
        System.setProperty(FusedLayers.PROPERTY, "dense,output");
        try {
            assertEquals(CNN2DFormat.NCHW, NetworkFactory.cnnLayout(NormSpec.parse("batch")), "DL4J's own layers: NCHW");
        } finally {
            System.clearProperty(FusedLayers.PROPERTY);
        }
    }

    @Test
    void forcingNhwcOnGroupNormalizationOrABadValueIsAClearError() {
        System.setProperty(NetworkFactory.CNN_LAYOUT_PROPERTY, "nhwc");
        var e = assertThrows(IllegalArgumentException.class, () -> NetworkFactory.cnnLayout(NormSpec.parse("layer")));
        assertTrue(e.getMessage().contains("GroupNormalization"), e.getMessage());
        System.setProperty(NetworkFactory.CNN_LAYOUT_PROPERTY, "chw");
        e = assertThrows(IllegalArgumentException.class, () -> NetworkFactory.cnnLayout(NormSpec.parse("batch")));
        assertTrue(e.getMessage().contains(NetworkFactory.CNN_LAYOUT_PROPERTY) && e.getMessage().contains("auto, nchw or nhwc"),
                e.getMessage());
    }
}
