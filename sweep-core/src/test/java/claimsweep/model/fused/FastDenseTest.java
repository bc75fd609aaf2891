package claimsweep.model.fused;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** FastDense must be DL4J's DenseLayer, only faster: same outputs, same gradients, passes the gradient check. */
class FastDenseTest {
    private static MultiLayerNetwork net(DataType t, Activation act, boolean fast, WorkspaceMode ws) {
        return net(t, act, fast, ws, new NoOp());
    }

    private static MultiLayerNetwork net(DataType t, Activation act, boolean fast, WorkspaceMode ws, IUpdater updater) {
        Function<Integer, FeedForwardLayer> hidden = n -> fast
                ? new FastDense.Builder().nOut(n).activation(act).build()
                : new DenseLayer.Builder().nOut(n).activation(act).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(t)
                .updater(updater).weightInit(WeightInit.XAVIER).l2(1e-3)
                .trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).list()
                .layer(hidden.apply(7))
                .layer(hidden.apply(6))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build());
        net.init();
        return net;
    }

    private static INDArray[] data(DataType t) {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(t, 8, 5);
        INDArray y = Nd4j.zeros(t, 8, 3);
        for (int i = 0; i < 8; i++) y.putScalar(i, (i * 7) % 3, 1.0);
        return new INDArray[] {x, y};
    }

    @ParameterizedTest(name = "{0} {1} workspaces {2}")
    @CsvSource({"FLOAT,RELU,ENABLED", "FLOAT,TANH,ENABLED", "FLOAT,SIGMOID,NONE", "FLOAT,LEAKYRELU,ENABLED",
                "DOUBLE,RELU,ENABLED", "DOUBLE,TANH,NONE"})
    void sameOutputsAndGradientsAsDenseLayer(DataType t, Activation act, WorkspaceMode ws) {
        MultiLayerNetwork ref = net(t, act, false, ws);
        MultiLayerNetwork fast = net(t, act, true, ws);
        assertEquals(ref.params(), fast.params(), "same initializer, same seed, same parameters");
        INDArray[] d = data(t);
        double tol = t == DataType.FLOAT ? 1e-5 : 1e-12;
        assertTrue(ref.output(d[0]).equalsWithEps(fast.output(d[0]), tol), "outputs differ");

        for (MultiLayerNetwork n : new MultiLayerNetwork[] {ref, fast}) {
            n.setInput(d[0]);
            n.setLabels(d[1]);
            n.computeGradientAndScore();
        }
        assertEquals(ref.score(), fast.score(), tol);
        INDArray gr = ref.gradient().gradient();
        INDArray gf = fast.gradient().gradient();
        assertTrue(gr.equalsWithEps(gf, tol), "gradients differ:\n" + gr + "\n" + gf);
    }

    /**
     * The layer reuses its working arrays between steps and reallocates them when the batch size
     * changes; training at one batch size, evaluating at another and training again must still
     * follow DenseLayer step for step.
     */
    @ParameterizedTest(name = "{0} across batch sizes")
    @CsvSource({"RELU", "LEAKYRELU", "TANH"})
    void trainsLikeDenseLayerAcrossBatchSizes(Activation act) {
        MultiLayerNetwork ref = net(DataType.FLOAT, act, false, WorkspaceMode.ENABLED, new Sgd(0.1));
        MultiLayerNetwork fast = net(DataType.FLOAT, act, true, WorkspaceMode.ENABLED, new Sgd(0.1));
        INDArray[] d = data(DataType.FLOAT);
        INDArray x3 = d[0].get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        INDArray x5 = d[0].get(NDArrayIndex.interval(3, 8), NDArrayIndex.all()).dup();
        INDArray y5 = d[1].get(NDArrayIndex.interval(3, 8), NDArrayIndex.all()).dup();
        for (int step = 0; step < 4; step++) {
            ref.fit(d[0], d[1]);
            fast.fit(d[0], d[1]);
            assertTrue(ref.output(x3).equalsWithEps(fast.output(x3), 1e-5), "outputs at batch 3 differ after step " + step);
            ref.fit(x5, y5);
            fast.fit(x5, y5);
        }
        assertTrue(ref.params().equalsWithEps(fast.params(), 1e-5), "parameters differ after training");
        assertNotEquals(net(DataType.FLOAT, act, true, WorkspaceMode.ENABLED).params(), fast.params(), "training changed nothing");
    }

    @ParameterizedTest(name = "gradient check {0}")
    @CsvSource({"TANH", "SIGMOID"}) // smooth only; ReLU is covered by the equality with DenseLayer
    @ExtendWith(DoublePrecision.class)
    void passesGradientCheck(Activation act) {
        MultiLayerNetwork fast = net(DataType.DOUBLE, act, true, WorkspaceMode.ENABLED);
        INDArray[] d = data(DataType.DOUBLE);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(fast).input(d[0]).labels(d[1])
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }
}
