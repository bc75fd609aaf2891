package claimsweep.model.fused;

import claimsweep.model.NetworkFactory;

import claimsweep.DoublePrecision;
import claimsweep.Runs;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import static org.junit.jupiter.api.Assertions.*;

/** FastOutput must be DL4J's OutputLayer, only faster: same scores, outputs, gradients and training. */
class FastOutputTest {
    private static final double[] WEIGHTS = {3, 0.5, 1, 2};

    private static ILossFunction loss(String kind, DataType t) {
        INDArray w = Nd4j.create(WEIGHTS).castTo(t).reshape(1, WEIGHTS.length);
        return switch (kind) {
            case "ce" -> new LossMCXENT();
            case "weighted" -> new LossMCXENT(w);
            case "mse" -> new LossMSE();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static MultiLayerNetwork net(DataType t, String lossKind, boolean fast, WorkspaceMode ws, double dropout) {
        return net(t, lossKind, fast, ws, dropout, new Sgd(0.2));
    }

    private static MultiLayerNetwork net(DataType t, String lossKind, boolean fast, WorkspaceMode ws, double dropout,
                                         IUpdater updater) {
        ILossFunction loss = loss(lossKind, t);
        OutputLayer.Builder out = fast ? new FastOutput.Builder(loss) : new OutputLayer.Builder(loss);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(t)
                .updater(updater).weightInit(WeightInit.XAVIER).l2(1e-3)
                .trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).list()
                .layer(new FastDense.Builder().nOut(7).activation(Activation.TANH).build())
                .layer(out.nOut(4).activation(Activation.SOFTMAX).dropOut(dropout > 0 ? 1 - dropout : 0).build())
                .setInputType(InputType.feedForward(5)).build());
        net.init();
        return net;
    }

    private static DataSet data(DataType t, int rows, int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(t, rows, 5).muli(3); // large enough that some probabilities get near 0 and 1
        INDArray y = Nd4j.zeros(t, rows, 4);
        for (int i = 0; i < rows; i++) y.putScalar(i, (i * 7 + seed) % 4, 1.0);
        return new DataSet(x, y);
    }

    @ParameterizedTest(name = "{0} {1} workspaces {2}")
    @CsvSource({"FLOAT,ce,ENABLED", "FLOAT,weighted,ENABLED", "FLOAT,ce,NONE", "DOUBLE,ce,ENABLED", "DOUBLE,weighted,NONE",
                "FLOAT,mse,ENABLED"})
    void sameScoresOutputsAndGradientsAsOutputLayer(DataType t, String lossKind, WorkspaceMode ws) {
        MultiLayerNetwork ref = net(t, lossKind, false, ws, 0);
        MultiLayerNetwork fast = net(t, lossKind, true, ws, 0);
        assertEquals(ref.params(), fast.params(), "same initializer, same seed, same parameters");
        DataSet d = data(t, 9, 1);
        assertEquals(!lossKind.equals("mse"), fastLayer(fast).fusable(), "the fused path runs exactly for softmax + cross-entropy");
        double tol = t == DataType.FLOAT ? 1e-5 : 1e-12;
        assertTrue(ref.output(d.getFeatures()).equalsWithEps(fast.output(d.getFeatures()), tol), "outputs differ");
        for (MultiLayerNetwork n : new MultiLayerNetwork[] {ref, fast}) {
            n.setInput(d.getFeatures());
            n.setLabels(d.getLabels());
            n.computeGradientAndScore();
        }
        assertEquals(ref.score(), fast.score(), tol * Math.abs(ref.score()));
        INDArray gr = ref.gradient().gradient();
        INDArray gf = fast.gradient().gradient();
        assertTrue(gr.equalsWithEps(gf, tol), "gradients differ:\n" + gr + "\n" + gf);
        assertEquals(ref.score(d), fast.score(d), tol * Math.abs(ref.score(d)), "score outside training");
    }

    private static FastOutputLayer fastLayer(MultiLayerNetwork net) {
        return (FastOutputLayer) net.getOutputLayer();
    }

    /**
     * Training alternates batch sizes and scores a different batch between steps, so a kept
     * probability array that outlived its step would show up as a wrong score or update.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ce", "weighted"})
    void trainsLikeOutputLayer(String lossKind) {
        MultiLayerNetwork ref = net(DataType.FLOAT, lossKind, false, WorkspaceMode.ENABLED, 0);
        MultiLayerNetwork fast = net(DataType.FLOAT, lossKind, true, WorkspaceMode.ENABLED, 0);
        DataSet big = data(DataType.FLOAT, 12, 2);
        DataSet small = data(DataType.FLOAT, 3, 3);
        for (int step = 0; step < 5; step++) {
            ref.fit(big);
            fast.fit(big);
            assertEquals(ref.score(), fast.score(), 1e-5 * ref.score(), "training score at step " + step);
            assertEquals(ref.score(small), fast.score(small), 1e-5 * ref.score(small), "score of another batch at step " + step);
            ref.fit(small);
            fast.fit(small);
        }
        assertTrue(ref.params().equalsWithEps(fast.params(), 1e-5), "parameters differ after training");
        assertNotEquals(net(DataType.FLOAT, lossKind, true, WorkspaceMode.ENABLED, 0).params(), fast.params());
    }

    @Test
    void dropoutFallsBackToOutputLayer() {
        MultiLayerNetwork fast = net(DataType.FLOAT, "ce", true, WorkspaceMode.ENABLED, 0.5);
        DataSet d = data(DataType.FLOAT, 6, 4);
        fast.fit(d);
        assertFalse(fastLayer(fast).fusable(), "dropout on the input is DL4J's to apply");
        assertTrue(Double.isFinite(fast.score()));
    }

    @Test
    void sweepNetworksTakeTheFusedPath() {
        MultiLayerNetwork net = NetworkFactory.build(Runs.small("width=8"));
        DataSet d = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 784), Nd4j.eye(10).get(NDArrayIndex.interval(0, 4), NDArrayIndex.all())
                .castTo(DataType.FLOAT));
        net.fit(d);
        assertInstanceOf(FastOutputLayer.class, net.getOutputLayer());
        assertTrue(fastLayer(net).fusable());
    }

    @ParameterizedTest(name = "gradient check {0}")
    @CsvSource({"ce", "weighted"})
    @ExtendWith(DoublePrecision.class)
    void passesGradientCheck(String lossKind) {
        MultiLayerNetwork fast = net(DataType.DOUBLE, lossKind, true, WorkspaceMode.ENABLED, 0, new NoOp());
        DataSet d = data(DataType.DOUBLE, 6, 5);
        d.getFeatures().divi(3);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(fast).input(d.getFeatures())
                .labels(d.getLabels()).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }
}
