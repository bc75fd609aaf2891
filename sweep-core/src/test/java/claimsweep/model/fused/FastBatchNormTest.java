package claimsweep.model.fused;


import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import claimsweep.DoublePrecision;
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

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** FastBatchNorm + activation must equal DL4J's BatchNormalization followed by an ActivationLayer. */
class FastBatchNormTest {
    private static MultiLayerNetwork net(DataType t, Activation act, boolean fast, IUpdater updater) {
        return net(t, act, fast, updater, false);
    }

    /** Dense: 5 inputs -> 6 units -> BN. Conv: 2 x 5 x 5 images -> 3x3 conv with 3 channels -> BN over [N, 3, 5, 5]. */
    private static MultiLayerNetwork net(DataType t, Activation act, boolean fast, IUpdater updater, boolean conv) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(42).dataType(t)
                .updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(conv ? new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build()
                        : new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).build());
        if (fast) {
            b.layer(FastBatchNorm.withActivation(act.getActivationFunction()));
        } else {
            b.layer(new BatchNormalization.Builder().build());
            b.layer(new ActivationLayer.Builder().activation(act).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(conv ? InputType.convolutional(5, 5, 2) : InputType.feedForward(5)).build());
        net.init();
        return net;
    }

    private static DataSet data(DataType t, int seed) {
        return data(t, seed, false);
    }

    private static DataSet data(DataType t, int seed, boolean conv) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = (conv ? Nd4j.randn(t, 8, 2, 5, 5) : Nd4j.randn(t, 8, 5)).muli(2).addi(1);
        INDArray y = Nd4j.zeros(t, 8, 3);
        for (int i = 0; i < 8; i++) y.putScalar(i, (i * 7 + seed) % 3, 1.0);
        return new DataSet(x, y);
    }

    @ParameterizedTest(name = "{0} {1} conv {2}")
    @CsvSource({"FLOAT,RELU,false", "FLOAT,TANH,false", "DOUBLE,RELU,false", "DOUBLE,SIGMOID,false", "DOUBLE,IDENTITY,false",
                "FLOAT,RELU,true", "FLOAT,TANH,true", "DOUBLE,TANH,true"})
    void trainsExactlyLikeBatchNormalizationPlusActivation(DataType t, Activation act, boolean conv) {
        MultiLayerNetwork ref = net(t, act, false, new Momentum(0.1, 0.9), conv);
        MultiLayerNetwork fast = net(t, act, true, new Momentum(0.1, 0.9), conv);
        assertEquals(ref.params(), fast.params());
        double tol = t == DataType.FLOAT ? 2e-5 : 1e-10;
        for (int step = 0; step < 6; step++) {
            DataSet d = data(t, step, conv);
            ref.fit(d);
            fast.fit(d);
            assertEquals(ref.score(), fast.score(), tol, "loss at step " + step);
        }
        // parameters include BN's running mean and log10 std: their update rule must match too
        assertTrue(ref.params().equalsWithEps(fast.params(), tol), "parameters differ:\n" + ref.params() + "\n" + fast.params());
        DataSet test = data(t, 99, conv);
        assertTrue(ref.output(test.getFeatures(), false).equalsWithEps(fast.output(test.getFeatures(), false), tol),
                "inference (running statistics) outputs differ");
    }

    /**
     * Float networks take a separate float path (dense and NCHW input); with frozen statistics
     * (claim A9) it must compute the double path's gradients (up to float rounding) and leave the
     * running statistics alone, while gamma and beta still train.
     */
    @ParameterizedTest(name = "conv {0}")
    @CsvSource({"true", "false"})
    void floatPathWithFrozenStatisticsMatchesTheDoublePath(boolean conv) {
        MultiLayerNetwork f = net(DataType.FLOAT, Activation.RELU, true, new Momentum(0.1, 0.9), conv);
        MultiLayerNetwork d = net(DataType.DOUBLE, Activation.RELU, true, new Momentum(0.1, 0.9), conv);
        DataSet warm = data(DataType.FLOAT, 5, conv);
        f.fit(warm); // move the running statistics away from their initial values
        d.setParams(f.params().castTo(DataType.DOUBLE));
        assertEquals(1, BatchNormStats.freeze(f, true));
        assertEquals(1, BatchNormStats.freeze(d, true));
        DataSet df = data(DataType.FLOAT, 6, conv);
        f.setInput(df.getFeatures());
        f.setLabels(df.getLabels());
        f.computeGradientAndScore();
        d.setInput(df.getFeatures().castTo(DataType.DOUBLE));
        d.setLabels(df.getLabels().castTo(DataType.DOUBLE));
        d.computeGradientAndScore();
        assertTrue(f.gradient().gradient().castTo(DataType.DOUBLE).equalsWithEps(d.gradient().gradient(), 1e-4),
                "float and double frozen-statistics gradients differ");
        INDArray runningMean = f.getLayer(1).getParam("mean").dup();
        INDArray gammaBefore = f.getLayer(1).getParam("gamma").dup();
        f.fit(df);
        assertEquals(runningMean, f.getLayer(1).getParam("mean"), "frozen running mean moved");
        assertNotEquals(gammaBefore, f.getLayer(1).getParam("gamma"), "gamma stopped training");
    }

    /**
     * Also with frozen statistics (claim A9's frozen, reestimate and adabn, on the CNN's conv
     * BatchNorm too): the running statistics, re-estimated on other data so that they differ from the
     * batch's, then act as constants, and dx = gamma dy / std must match the numerical gradient.
     */
    @ParameterizedTest(name = "gradient check {0} conv {1} frozen {2}")
    @CsvSource({"TANH,false,false", "IDENTITY,false,false", "TANH,true,false", "TANH,true,true", "TANH,false,true"})
    @ExtendWith(DoublePrecision.class)
    void passesGradientCheck(Activation act, boolean conv, boolean frozen) {
        MultiLayerNetwork fast = net(DataType.DOUBLE, act, true, new NoOp(), conv);
        DataSet d = data(DataType.DOUBLE, 1, conv);
        if (frozen) {
            INDArray before = fast.getLayer(1).getParam("mean").dup();
            assertEquals(1, BatchNormStats.reestimate(fast, data(DataType.DOUBLE, 7, conv).getFeatures().muli(0.5)));
            assertNotEquals(before, fast.getLayer(1).getParam("mean"));
            assertEquals(1, BatchNormStats.freeze(fast, true));
        }
        Set<String> state = new HashSet<>();
        for (String k : fast.paramTable().keySet()) if (k.endsWith("_mean") || k.endsWith("_log10stdev")) state.add(k);
        assertEquals(2, state.size());
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(fast).input(d.getFeatures())
                .labels(d.getLabels()).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).excludeParams(state)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }
}
