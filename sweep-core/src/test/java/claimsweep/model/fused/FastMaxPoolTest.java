package claimsweep.model.fused;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** FastMaxPool must be DL4J's 2x2 max-pooling SubsamplingLayer, only faster. */
class FastMaxPoolTest {
    private static MultiLayerNetwork net(boolean fast, int size, ConvolutionMode mode, boolean helpers) {
        SubsamplingLayer pool = fast ? new FastMaxPool.Builder().convolutionMode(mode).build()
                : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(mode).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).trainingWorkspaceMode(WorkspaceMode.ENABLED).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(pool)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(size, size, 2)).build());
        net.init();
        if (helpers) OneDnnHelpers.install(net);
        return net;
    }

    private static INDArray[] data(int rows, int size) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, rows, 2, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 3);
        for (int i = 0; i < rows; i++) y.putScalar(i, i % 3, 1.0);
        return new INDArray[] {x, y};
    }

    @ParameterizedTest(name = "{0}x{0} {1}, reference with oneDNN helpers {2}")
    @CsvSource({"8,Same,false", "8,Truncate,false", "8,Same,true", "7,Truncate,false", "7,Same,false"})
    void sameOutputsGradientsAndTrainingAsSubsampling(int size, ConvolutionMode mode, boolean helpers) {
        MultiLayerNetwork ref = net(false, size, mode, helpers);
        MultiLayerNetwork fast = net(true, size, mode, false);
        INDArray[] d = data(5, size);
        assertEquals(ref.output(d[0]), fast.output(d[0]), "outputs");
        for (MultiLayerNetwork n : new MultiLayerNetwork[] {ref, fast}) {
            n.setInput(d[0]);
            n.setLabels(d[1]);
            n.computeGradientAndScore();
        }
        assertTrue(ref.gradient().gradient().equalsWithEps(fast.gradient().gradient(), 1e-6), "gradients");
        // even sizes take the fused path, odd ones DL4J's own
        assertEquals(size % 2 == 0, ((FastMaxPoolLayer) fast.getLayer(1)).fusedPasses > 0, "fused path taken");
        INDArray[] d3 = data(3, size);
        for (int step = 0; step < 3; step++) {
            ref.fit(d[0], d[1]);
            fast.fit(d[0], d[1]);
            assertTrue(ref.output(d3[0]).equalsWithEps(fast.output(d3[0]), 1e-5), "outputs at another batch size, step " + step);
        }
        assertTrue(ref.params().equalsWithEps(fast.params(), 1e-5), "parameters after training");
    }

    @Test
    void tiesGoToTheFirstMaximumAndEveryOtherInputGetsZero() {
        MultiLayerNetwork net = net(true, 4, ConvolutionMode.Truncate, false);
        org.deeplearning4j.nn.api.Layer pool = net.getLayer(1);
        INDArray x = Nd4j.create(new float[] {
                1, 1, 0, 5,
                1, 1, 2, 3,
                -1, -2, 4, 4,
                -3, -1, 4, 9}, new long[] {1, 1, 4, 4});
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        pool.setInput(x, ws);
        INDArray y = pool.activate(true, ws);
        assertEquals(Nd4j.create(new float[] {1, 5, -1, 9}, new long[] {1, 1, 2, 2}), y);
        INDArray dx = pool.backpropGradient(Nd4j.create(new float[] {10, 20, 30, 40}, new long[] {1, 1, 2, 2}), ws).getSecond();
        assertEquals(Nd4j.create(new float[] {
                10, 0, 0, 20,
                0, 0, 0, 0,
                30, 0, 0, 0,
                0, 0, 0, 40}, new long[] {1, 1, 4, 4}), dx);
    }
}
