package claimsweep.train;

import claimsweep.Runs;
import claimsweep.spec.Choice;
import claimsweep.spec.ModelConfig;
import claimsweep.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The loss factor sets the output layer, and the curves' validation loss is that same loss. */
class LossFactorTest {
    @ParameterizedTest
    @ValueSource(strings = {"ce", "mse", "linear-mse"})
    void evaluatorLossIsTheTrainingLoss(String loss) {
        MultiLayerNetwork net = NetworkFactory.build(Runs.small("loss=" + loss, "width=16"), DataType.FLOAT);
        var out = (org.deeplearning4j.nn.conf.layers.OutputLayer) net.getLayer(1).conf().getLayer();
        assertEquals(loss.equals("linear-mse") ? ActivationIdentity.class : ActivationSoftmax.class,
                out.getActivationFn().getClass());
        Random r = new Random(3);
        int n = 50;
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        int[] y = new int[n];
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
            labels.putScalar(i, y[i], 1f);
        }
        double ours = new Evaluator(x, y, 784, Choice.parse(ModelConfig.Loss.class, loss)).score(net).loss();
        double dl4j = net.score(new DataSet(Nd4j.create(x, new long[] {n, 784}, 'c'), labels), false);
        assertEquals(dl4j, ours, 1e-4 * Math.max(1, dl4j));
        if (!loss.equals("ce")) assertTrue(ours < 1.5, "an MSE against one-hot targets at initialization: " + ours);
    }
}
