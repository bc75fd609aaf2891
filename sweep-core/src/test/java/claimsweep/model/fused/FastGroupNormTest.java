package claimsweep.model.fused;

import claimsweep.model.layers.GroupNormParamInitializer;
import claimsweep.model.layers.GroupNormalization;

import claimsweep.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * FastGroupNorm + activation must equal the project's GroupNormalization followed by an
 * ActivationLayer (forward outputs, gradients, and training), on dense and NCHW input, for one
 * group (LayerNorm), several and one per channel (InstanceNorm), and pass DL4J's gradient check.
 */
class FastGroupNormTest {
    /** Units (dense) or channels (conv) of the normalized layer. */
    private static final int C = 6;

    /**
     * Dense: 5 inputs -> 6 units -> norm. Conv: 2 x side x side images -> 3x3 conv with 6 channels
     * -> norm over [N, 6, side, side]; side 14 makes a LayerNorm block of 1176 values, more than
     * one of {@link Lanes}' chunks, and 25-value planes exercise the lanes' remainder loop.
     */
    private static MultiLayerNetwork net(DataType t, Activation act, int groups, boolean fast, IUpdater updater, int side) {
        boolean conv = side > 0;
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(42).dataType(t)
                .updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(conv ? new ConvolutionLayer.Builder(3, 3).nOut(C).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build()
                        : new DenseLayer.Builder().nOut(C).activation(Activation.IDENTITY).build());
        if (fast) {
            b.layer(FastGroupNorm.of(groups, act.getActivationFunction()));
        } else {
            b.layer(new GroupNormalization.Builder().groups(groups).build());
            b.layer(new ActivationLayer.Builder().activation(act).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(conv ? InputType.convolutional(side, side, 2) : InputType.feedForward(5)).build());
        net.init();
        // non-trivial scale and shift, so that gamma and beta enter every formula
        Nd4j.getRandom().setSeed(7);
        net.getLayer(1).getParam(GroupNormParamInitializer.GAMMA).assign(Nd4j.rand(t, 1, C).addi(0.5));
        net.getLayer(1).getParam(GroupNormParamInitializer.BETA).assign(Nd4j.randn(t, 1, C).muli(0.3));
        return net;
    }

    private static DataSet data(DataType t, int seed, int side) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = (side > 0 ? Nd4j.randn(t, 8, 2, side, side) : Nd4j.randn(t, 8, 5)).muli(2).addi(1);
        INDArray y = Nd4j.zeros(t, 8, 3);
        for (int i = 0; i < 8; i++) y.putScalar(i, (i * 7 + seed) % 3, 1.0);
        return new DataSet(x, y);
    }

    @ParameterizedTest(name = "{0} {1} groups {2} side {3}")
    @CsvSource({"FLOAT,RELU,1,0", "FLOAT,IDENTITY,2,0", "FLOAT,TANH,6,0", "FLOAT,SIGMOID,3,0",
                "FLOAT,RELU,1,5", "FLOAT,IDENTITY,2,5", "FLOAT,TANH,6,5", "FLOAT,RELU,1,14", "FLOAT,LEAKYRELU,3,14",
                "DOUBLE,RELU,1,0", "DOUBLE,TANH,2,5", "DOUBLE,IDENTITY,6,5"})
    void equalsGroupNormalizationPlusActivation(DataType t, Activation act, int groups, int side) {
        MultiLayerNetwork ref = net(t, act, groups, false, new Momentum(0.1, 0.9), side);
        MultiLayerNetwork fast = net(t, act, groups, true, new Momentum(0.1, 0.9), side);
        assertEquals(ref.params(), fast.params());
        double tol = t == DataType.FLOAT ? 5e-5 : 1e-10;
        DataSet d = data(t, 1, side);
        // forward: the activations after norm + activation (the reference's layer 2, the fused layer 1)
        List<INDArray> ra = ref.feedForward(d.getFeatures(), true);
        List<INDArray> fa = fast.feedForward(d.getFeatures(), true);
        assertTrue(ra.get(3).equalsWithEps(fa.get(2), tol), "forward outputs differ");
        // gradients of every parameter (the ActivationLayer has none, so the flat layouts agree)
        ref.setInput(d.getFeatures());
        ref.setLabels(d.getLabels());
        ref.computeGradientAndScore();
        fast.setInput(d.getFeatures());
        fast.setLabels(d.getLabels());
        fast.computeGradientAndScore();
        INDArray rg = ref.gradient().gradient(), fg = fast.gradient().gradient();
        double scale = Math.max(1e-3, rg.norm2Number().doubleValue());
        assertTrue(rg.sub(fg).norm2Number().doubleValue() / scale < tol, "gradients differ:\n" + rg + "\n" + fg);
        for (int step = 0; step < 5; step++) {
            DataSet s = data(t, 10 + step, side);
            ref.fit(s);
            fast.fit(s);
            assertEquals(ref.score(), fast.score(), tol * 10, "loss at step " + step);
        }
        assertTrue(ref.params().equalsWithEps(fast.params(), tol * 10), "parameters differ after training");
        DataSet test = data(t, 99, side);
        assertTrue(ref.output(test.getFeatures(), false).equalsWithEps(fast.output(test.getFeatures(), false), tol * 10),
                "inference outputs differ");
    }

    @ParameterizedTest(name = "gradient check {0} groups {1} side {2}")
    @CsvSource({"TANH,1,0", "IDENTITY,2,0", "SIGMOID,6,0", "TANH,1,4", "IDENTITY,3,4", "TANH,6,4"})
    @ExtendWith(DoublePrecision.class)
    void passesGradientCheck(Activation act, int groups, int side) {
        MultiLayerNetwork fast = net(DataType.DOUBLE, act, groups, true, new NoOp(), side);
        DataSet d = data(DataType.DOUBLE, 1, side);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(fast).input(d.getFeatures())
                .labels(d.getLabels()).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }

    /** The float path against the double path on the same parameters: gradients within float rounding. */
    @ParameterizedTest(name = "side {0}")
    @CsvSource({"0", "5"})
    void floatPathMatchesDoublePath(int side) {
        MultiLayerNetwork f = net(DataType.FLOAT, Activation.RELU, 2, true, new NoOp(), side);
        MultiLayerNetwork d = net(DataType.DOUBLE, Activation.RELU, 2, true, new NoOp(), side);
        d.setParams(f.params().castTo(DataType.DOUBLE));
        DataSet df = data(DataType.FLOAT, 6, side);
        f.setInput(df.getFeatures());
        f.setLabels(df.getLabels());
        f.computeGradientAndScore();
        d.setInput(df.getFeatures().castTo(DataType.DOUBLE));
        d.setLabels(df.getLabels().castTo(DataType.DOUBLE));
        d.computeGradientAndScore();
        assertTrue(f.gradient().gradient().castTo(DataType.DOUBLE).equalsWithEps(d.gradient().gradient(), 1e-4),
                "float and double gradients differ");
    }

    @Test
    void groupsThatDoNotDivideChannelsAreRejected() {
        Exception e = assertThrows(Exception.class, () -> net(DataType.FLOAT, Activation.RELU, 4, true, new NoOp(), 0));
        assertTrue(String.valueOf(e.getMessage()).contains("4 groups do not divide 6 channels"), e.getMessage());
    }

    /** DL4J copies and saves configurations through JSON: the groups and the activation must survive it. */
    @Test
    void configurationSurvivesJson() {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = net(DataType.FLOAT, Activation.TANH, 3, true, new NoOp(), 0)
                .getLayerWiseConfigurations();
        org.deeplearning4j.nn.conf.MultiLayerConfiguration back =
                org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson());
        FastGroupNorm g = assertInstanceOf(FastGroupNorm.class, back.getConf(1).getLayer());
        assertEquals(3, g.getGroups());
        assertEquals(Activation.TANH.getActivationFunction(), g.getActivationFn());
        assertEquals(conf, back);
    }

    @Test
    void unsupportedActivationIsRejectedWhenConfigured() {
        assertThrows(IllegalArgumentException.class, () -> FastGroupNorm.of(1, Activation.SOFTPLUS.getActivationFunction()));
    }
}
