package claimsweep.model.fused;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** Classical (heavy-ball) momentum, which DL4J lacks: v = mu*v + g; w -= lr*v. */
class MomentumTest {
    /** The gradient the updater sees: DL4J's summed gradient divided by the minibatch size (as fit() does). */
    private static INDArray gradientAt(MultiLayerNetwork net, DataSet d) {
        net.setInput(d.getFeatures());
        net.setLabels(d.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup().divi(d.numExamples());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void twoStepsFollowTheHeavyBallRecurrenceInARealNetwork(DataType t) {
        double tol = t == DataType.DOUBLE ? 1e-10 : 1e-5;
        double lr = 0.1;
        double mu = 0.9;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(t).updater(new Momentum(lr, mu)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build());
        net.init();
        Nd4j.getRandom().setSeed(2);
        INDArray y = Nd4j.zeros(t, 6, 3);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 3, 1.0);
        DataSet d = new DataSet(Nd4j.randn(t, 6, 5), y);

        INDArray p0 = net.params().dup();
        INDArray g0 = gradientAt(net, d);
        net.fit(d);
        INDArray p1 = net.params().dup();
        assertTrue(p1.equalsWithEps(p0.sub(g0.mul(lr)), tol), "first step is plain SGD");

        INDArray g1 = gradientAt(net, d);
        net.fit(d);
        INDArray p2 = net.params().dup();
        INDArray expected = p1.sub(g0.mul(mu).add(g1).mul(lr));
        assertTrue(p2.equalsWithEps(expected, tol), "second step is lr*(mu*g0 + g1)");
        assertFalse(p2.equalsWithEps(p1.sub(g1.mul(lr)), 1e-6), "momentum must make a difference");
    }

    /**
     * Dense state and gradient take the BLAS path, anything else ND4J's ops; a strided gradient
     * (a column of a row-major matrix) must get the same three steps as a contiguous copy of it.
     */
    @Test
    void stridedAndContiguousGradientsGetTheSameUpdates() {
        Momentum m = new Momentum(0.1, 0.9);
        INDArray dense = Nd4j.zeros(DataType.FLOAT, 1, 4);
        INDArray strided = Nd4j.zeros(DataType.FLOAT, 1, 4);
        var onDense = m.instantiate(dense, true);
        var onStrided = m.instantiate(strided, true);
        for (int step = 0; step < 3; step++) {
            INDArray matrix = Nd4j.rand(DataType.FLOAT, 4, 3).addi(step);
            INDArray column = matrix.getColumn(1);
            assertFalse(Native.isDense(column), "the test needs a strided view");
            INDArray copy = column.dup().reshape(1, 4);
            onStrided.applyUpdater(column, step, 0);
            onDense.applyUpdater(copy, step, 0);
            assertTrue(copy.reshape(4).equalsWithEps(column, 1e-6), "step " + step + ": " + copy + " vs " + column);
        }
        assertTrue(dense.equalsWithEps(strided, 1e-6), "velocities differ");
        assertNotEquals(0.0, dense.sumNumber().doubleValue(), "the velocity never moved");
    }

    @Test
    void configSurvivesJsonRoundTrip() {
        Momentum m = new Momentum(0.05, 0.8);
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder().updater(m).list()
                .layer(new OutputLayer.Builder().nIn(2).nOut(2).build());
        String json = lb.build().toJson();
        assertEquals(lb.build(), org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(json));
    }
}
