package claimsweep.model.fused;

import claimsweep.Runs;
import claimsweep.model.NetworkFactory;
import claimsweep.spec.RunSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The per-step BatchNorm RNN as a sweep trains it (the factory's network, SweepSolver, Adam): its
 * running statistics must follow the batch statistics, so that trained repeatedly on one batch,
 * inference on that batch matches the training-mode output. Evidence A6 showed a large gap between
 * training-mode loss and inference accuracy for this model; this test tells a broken statistics
 * path (Adam stepping the running mean, say) from the model's own train/inference difference.
 */
class RnnRunningStatsTest {
    @Test
    void runningStatisticsFollowTheBatchUnderAdamInTheSweepsNetwork() {
        RunSpec run = Runs.small("model=rnn", "depth=2", "width=32", "activation=tanh", "init=xavier", "rnn_norm=batch_step",
                "optimizer=adam", "lr=0.001");
        MultiLayerNetwork net = NetworkFactory.build(run, DataType.FLOAT);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int i = 0; i < 64; i++) y.putScalar(i, i % 10, 1.0);
        for (int step = 0; step < 300; step++) net.fit(new DataSet(x, y));
        INDArray train = net.output(x, true);
        INDArray infer = net.output(x, false);
        double gap = train.sub(infer).amaxNumber().doubleValue();
        System.out.println("max |p_train - p_infer| after 300 Adam steps on one batch: " + gap);
        assertTrue(gap < 0.05, "inference with running statistics differs from training mode by " + gap);
    }
}
