package claimsweep.model.fused;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/**
 * FastConv must train exactly like DL4J's ConvolutionLayer (to float rounding): the first layer,
 * where only the weight and bias gradients are computed in Java, and a later layer, which goes
 * straight to the oneDNN helper without DL4J's repeated forward pass.
 */
class FastConvTest {
    /** 2 x 9 x 9 images (odd size and two channels, so im2col's padding edges and channel rows are exercised). */
    private static MultiLayerConfiguration conf(boolean fast, ConvolutionMode mode, int pad, Activation act) {
        ConvolutionLayer.Builder c1 = new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(mode)
                .activation(act);
        ConvolutionLayer.Builder c2 = new ConvolutionLayer.Builder(5, 5).nOut(3).convolutionMode(mode)
                .activation(act);
        if (mode != ConvolutionMode.Same) { // DL4J rejects explicit padding in Same mode
            c1.padding(pad, pad);
            c2.padding(2, 2);
        }
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER).list()
                .layer(fast ? FastConv.of(c1) : c1.build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(fast ? FastConv.of(c2) : c2.build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 2)).build();
    }

    private static MultiLayerNetwork net(boolean fast, ConvolutionMode mode, int pad) {
        return net(fast, mode, pad, Activation.IDENTITY);
    }

    /** With an activation in the conv layers, the lean path forms dz from the kept output (ConvActivations). */
    private static MultiLayerNetwork net(boolean fast, ConvolutionMode mode, int pad, Activation act) {
        MultiLayerNetwork net = fast ? new SweepNetwork(conf(true, mode, pad, act)) : new MultiLayerNetwork(conf(false, mode, pad, act));
        net.init();
        assertTrue(OneDnnHelpers.install(net) >= 2, "the conv layers need the oneDNN helper for the lean backward path");
        return net;
    }

    private static DataSet data(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 2, 9, 9);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) y.putScalar(i, (i + seed) % 3, 1.0);
        return new DataSet(x, y);
    }

    @ParameterizedTest(name = "{0} padding {1} {2}")
    @CsvSource({"Same,0,IDENTITY", "Truncate,1,IDENTITY", "Truncate,0,IDENTITY", "Same,0,RELU", "Truncate,1,TANH"})
    void trainsLikeConvolutionLayer(ConvolutionMode mode, int pad, Activation act) {
        MultiLayerNetwork ref = net(false, mode, pad, act);
        MultiLayerNetwork fast = net(true, mode, pad, act);
        assertInstanceOf(FastConvLayer.class, fast.getLayer(0));
        assertEquals(ref.params(), fast.params(), "same initialization");
        DataSet d = data(1);
        ref.setInput(d.getFeatures());
        ref.setLabels(d.getLabels());
        ref.computeGradientAndScore();
        fast.setInput(d.getFeatures());
        fast.setLabels(d.getLabels());
        fast.computeGradientAndScore();
        INDArray gr = ref.gradient().gradient().reshape(-1), gf = fast.gradient().gradient().reshape(-1);
        INDArray diff = gr.sub(gf);
        assertTrue(gr.equalsWithEps(gf, 1e-4), "gradients differ, largest difference "
                + diff.amaxNumber() + " at " + Nd4j.argMax(org.nd4j.linalg.ops.transforms.Transforms.abs(diff)) + " of " + gr.length());
        assertEquals(1, ((FastConvLayer) fast.getLayer(0)).parameterOnlyPasses, "the first layer's lean path did not run");
        for (int step = 0; step < 4; step++) {
            DataSet s = data(step + 2);
            ref.fit(s);
            fast.fit(s);
            assertEquals(ref.score(), fast.score(), 1e-5 * Math.abs(ref.score()), "score at step " + step);
        }
        assertTrue(ref.params().reshape(-1).equalsWithEps(fast.params().reshape(-1), 1e-4), "parameters after 4 steps");
        assertNotEquals(net(true, mode, pad, act).params(), fast.params(), "training changed nothing");
    }

    /** A caller asking for the gradient with respect to the input (saliency, adversarial probes) gets the real one. */
    @Test
    void computesTheInputGradientWhenAskedFor() {
        MultiLayerNetwork ref = net(false, ConvolutionMode.Same, 0);
        MultiLayerNetwork fast = net(true, ConvolutionMode.Same, 0);
        DataSet d = data(5);
        INDArray[] grads = new INDArray[2];
        MultiLayerNetwork[] nets = {ref, fast};
        for (int i = 0; i < 2; i++) {
            grads[i] = nets[i].calculateGradients(d.getFeatures(), d.getLabels(), null, null).getSecond();
        }
        assertNotNull(grads[1]);
        assertTrue(grads[1].amaxNumber().doubleValue() > 0, "input gradient is all zero");
        assertTrue(grads[0].equalsWithEps(grads[1], 1e-4), "input gradients differ");
        assertEquals(0, ((FastConvLayer) fast.getLayer(0)).parameterOnlyPasses);
    }
}
