package claimsweep.model.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import claimsweep.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * GroupNormalization is hand-written (DL4J has no GroupNorm and no LayerNorm for conv), so its
 * backward pass is proven against finite differences with DL4J's own gradient checker, in double
 * precision, for G=1 (LayerNorm), 1 < G < C (GroupNorm) and G=C (InstanceNorm), on dense and conv input.
 */
@ExtendWith(DoublePrecision.class)
class GroupNormalizationTest {
    private static INDArray oneHot(int rows, int classes, long seed) {
        Random r = new Random(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (int i = 0; i < rows; i++) y.putScalar(i, r.nextInt(classes), 1.0);
        return y;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER);
    }

    /** gamma and beta are randomized so the check also covers non-trivial affine parameters. */
    private static void randomizeNormParams(MultiLayerNetwork net, int layer) {
        Nd4j.getRandom().setSeed(7);
        net.getLayer(layer).getParam(GroupNormParamInitializer.GAMMA).assign(Nd4j.rand(DataType.DOUBLE, 1, net.getLayer(layer).getParam(GroupNormParamInitializer.GAMMA).length()).addi(0.5).reshape(net.getLayer(layer).getParam(GroupNormParamInitializer.GAMMA).shape()));
        net.getLayer(layer).getParam(GroupNormParamInitializer.BETA).assign(Nd4j.randn(DataType.DOUBLE, net.getLayer(layer).getParam(GroupNormParamInitializer.BETA).shape()).muli(0.3));
    }

    private static boolean check(MultiLayerNetwork net, INDArray x, INDArray y) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    }

    @ParameterizedTest(name = "dense, {0} groups of 6 units")
    @ValueSource(ints = {1, 2, 3, 6})
    void denseGradientsMatchFiniteDifferences(int groups) {
        MultiLayerConfiguration conf = base().list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new GroupNormalization.Builder().groups(groups).build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeNormParams(net, 1);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 5);
        assertTrue(check(net, x, oneHot(4, 3, 2)), "gradient check failed for " + groups + " groups");
    }

    @ParameterizedTest(name = "conv, {0} groups of 4 channels")
    @ValueSource(ints = {1, 2, 4})
    void convGradientsMatchFiniteDifferences(int groups) {
        MultiLayerConfiguration conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new GroupNormalization.Builder().groups(groups).build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeNormParams(net, 1);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 1, 4, 4);
        assertTrue(check(net, x, oneHot(3, 3, 4)), "gradient check failed for " + groups + " groups");
    }

    /** Forward: with gamma=1, beta=0 each (example, group) comes out with mean 0 and variance ~1. */
    @Test
    void forwardNormalizesEachGroupOfEachExample() {
        MultiLayerConfiguration conf = base().list()
                .layer(new GroupNormalization.Builder().groups(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(3, 3, 4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 4, 3, 3).muli(5).addi(3);
        INDArray out = net.feedForwardToLayer(0, x, false).get(1);
        for (int n = 0; n < 2; n++) {
            for (int g = 0; g < 2; g++) {
                INDArray block = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * g, 2 * g + 2),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
                assertEquals(0.0, block.meanNumber().doubleValue(), 1e-9);
                assertEquals(1.0, block.varNumber().doubleValue() * (block.length() - 1) / block.length(), 1e-3);
            }
        }
    }

    @Test
    void groupsThatDoNotDivideChannelsAreRejectedAtRunTime() {
        MultiLayerConfiguration conf = base().list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new GroupNormalization.Builder().groups(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build();
        Exception e = assertThrows(Exception.class, () -> {
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            net.output(Nd4j.randn(DataType.DOUBLE, 2, 5));
        });
        assertTrue(String.valueOf(e.getMessage()).contains("4 groups do not divide 6"), e.getMessage());
    }
}
