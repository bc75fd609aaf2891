package claimsweep.model.fused;

import claimsweep.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
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

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FastRnn without normalization must be DL4J's SimpleRnn (same weights, outputs and gradients);
 * all three normalizations must pass DL4J's gradient check in double, and the float path must
 * compute what the checked double path computes.
 */
class FastRnnTest {
    private static final int IN = 4;
    private static final int STEPS = 6;
    private static final int UNITS = 5;

    private static MultiLayerNetwork fast(DataType t, Activation act, FastRnn.Norm norm, IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(t).updater(updater)
                .weightInit(WeightInit.XAVIER).trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED).list()
                .layer(FastRnn.of(UNITS, act, norm, STEPS, false))
                .layer(FastRnn.of(UNITS, act, norm, STEPS, true))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(IN, STEPS, RNNFormat.NWC)).build());
        net.init();
        return net;
    }

    private static MultiLayerNetwork stock(DataType t, Activation act) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(t).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).list()
                .layer(new SimpleRnn.Builder().nOut(UNITS).activation(act).dataFormat(RNNFormat.NWC).build())
                .layer(new LastTimeStep(new SimpleRnn.Builder().nOut(UNITS).activation(act).dataFormat(RNNFormat.NWC).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(IN, STEPS, RNNFormat.NWC)).build());
        net.init();
        return net;
    }

    /** [mb, STEPS, IN] NWC sequences and one-hot labels. */
    private static INDArray[] data(DataType t, int mb, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(t, mb, STEPS, IN);
        INDArray y = Nd4j.zeros(t, mb, 3);
        for (int i = 0; i < mb; i++) y.putScalar(i, (i * 7 + seed) % 3, 1.0);
        return new INDArray[] {x, y};
    }

    private static INDArray gradient(MultiLayerNetwork n, INDArray[] d) {
        n.setInput(d[0]);
        n.setLabels(d[1]);
        n.computeGradientAndScore();
        return n.gradient().gradient().dup();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FLOAT,TANH", "FLOAT,RELU", "DOUBLE,TANH", "DOUBLE,LEAKYRELU"})
    void equalsSimpleRnn(DataType t, Activation act) {
        MultiLayerNetwork ref = stock(t, act);
        MultiLayerNetwork fast = fast(t, act, FastRnn.Norm.NONE, new NoOp());
        assertEquals(ref.params(), fast.params(), "same initializer, same seed, same parameters");
        INDArray[] d = data(t, 7, 3);
        // double: 1e-8, as DL4J computes the leaky ReLU slope 0.01 in float (7e-10 measured)
        double tol = t == DataType.FLOAT ? 2e-5 : 1e-8;
        INDArray o = ref.output(d[0]);
        assertTrue(o.equalsWithEps(fast.output(d[0]), tol), "outputs differ:\n" + o + "\n" + fast.output(d[0]));
        INDArray gr = gradient(ref, d);
        INDArray gf = gradient(fast, d);
        assertEquals(ref.score(), fast.score(), tol);
        assertTrue(gr.equalsWithEps(gf, tol), "gradients differ by " + gr.sub(gf).amaxNumber());
        assertTrue(gr.amaxNumber().doubleValue() > 1e-3, "a vanishing gradient would prove nothing");
    }

    @ParameterizedTest(name = "gradient check {0} {1}")
    @CsvSource({"NONE,TANH", "LAYER,TANH", "BATCH_STEP,TANH", "LAYER,SIGMOID", "BATCH_STEP,IDENTITY"})
    @ExtendWith(DoublePrecision.class)
    void passesGradientCheck(FastRnn.Norm norm, Activation act) {
        MultiLayerNetwork net = fast(DataType.DOUBLE, act, norm, new NoOp());
        INDArray[] d = data(DataType.DOUBLE, 4, 5);
        Set<String> state = new HashSet<>();
        for (String k : net.paramTable().keySet()) if (k.endsWith("_mean") || k.endsWith("_var")) state.add(k);
        assertEquals(norm == FastRnn.Norm.BATCH_STEP ? 4 : 0, state.size());
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(d[0]).labels(d[1])
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).excludeParams(state)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }

    /**
     * The float path (the one training uses) against the gradient-checked double path, over a few
     * training steps at two batch sizes (the layer reallocates its buffers when the size changes)
     * and in inference, where BATCH_STEP reads its running statistics.
     */
    @ParameterizedTest(name = "float = double {0} {1}")
    @CsvSource({"NONE,TANH", "LAYER,TANH", "LAYER,RELU", "BATCH_STEP,TANH", "BATCH_STEP,RELU"})
    void floatFollowsDouble(FastRnn.Norm norm, Activation act) {
        MultiLayerNetwork f = fast(DataType.FLOAT, act, norm, new Sgd(0.1));
        MultiLayerNetwork d = fast(DataType.DOUBLE, act, norm, new Sgd(0.1));
        d.setParams(f.params().castTo(DataType.DOUBLE));
        INDArray start = f.params().dup();
        for (int step = 0; step < 3; step++) {
            INDArray[] b = data(DataType.FLOAT, step == 1 ? 5 : 8, 10 + step);
            INDArray[] bd = {b[0].castTo(DataType.DOUBLE), b[1].castTo(DataType.DOUBLE)};
            INDArray gf = gradient(f, b).castTo(DataType.DOUBLE);
            INDArray gd = gradient(d, bd);
            // float tolerance relative to the largest gradient: ReLU RNNs reach gradients of ~10 here
            assertTrue(gf.equalsWithEps(gd, 1e-4 * Math.max(1, gd.amaxNumber().doubleValue())), "gradients differ at step " + step + " by " + gf.sub(gd).amaxNumber() + " of " + gd.amaxNumber()
                    + " at " + gf.sub(gd).amax(0) + "\n" + gf + "\n" + gd);
            f.fit(b[0], b[1]);
            d.fit(bd[0], bd[1]);
        }
        assertTrue(f.params().castTo(DataType.DOUBLE).equalsWithEps(d.params(), 1e-4), "parameters differ after training");
        assertNotEquals(start, f.params(), "training changed nothing");
        INDArray x = data(DataType.FLOAT, 9, 20)[0];
        INDArray of = f.output(x).castTo(DataType.DOUBLE);
        INDArray od = d.output(x.castTo(DataType.DOUBLE));
        assertTrue(of.equalsWithEps(od, 1e-4), "inference differs by " + of.sub(od).amaxNumber());
    }

    /**
     * BATCH_STEP's running statistics are per time step: trained repeatedly on one batch with the
     * weights held (lr 0), they converge to that batch's statistics at every step, and inference
     * then reproduces the training-mode output on it. Statistics shared over time would not.
     */
    @Test
    void batchStepRunningStatisticsArePerStep() {
        MultiLayerNetwork net = fast(DataType.DOUBLE, Activation.TANH, FastRnn.Norm.BATCH_STEP, new Sgd(0.0));
        INDArray[] d = data(DataType.DOUBLE, 16, 7);
        INDArray mean0 = net.getLayer(0).getParam(FastRnnParams.MEAN).dup();
        for (int i = 0; i < 250; i++) net.fit(d[0], d[1]);
        INDArray mean = net.getLayer(0).getParam(FastRnnParams.MEAN);
        assertNotEquals(mean0, mean);
        INDArray first = mean.get(NDArrayIndex.point(0), NDArrayIndex.all());
        INDArray later = mean.get(NDArrayIndex.point(STEPS - 1), NDArrayIndex.all());
        assertTrue(first.sub(later).amaxNumber().doubleValue() > 1e-3, "the steps' statistics should differ");
        INDArray train = net.feedForward(d[0], true).get(3);
        INDArray infer = net.output(d[0], false);
        assertTrue(train.equalsWithEps(infer, 1e-6), "inference with running statistics differs:\n" + train + "\n" + infer);
    }
}
