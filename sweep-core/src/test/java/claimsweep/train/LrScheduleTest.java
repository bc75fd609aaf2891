package claimsweep.train;

import claimsweep.spec.OptimConfig.Schedule;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.model.NetworkFactory;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LrScheduleTest {
    @Test
    void shapesOfTheSchedules() {
        assertEquals(0.1, new LrSchedule(Schedule.CONSTANT, 0.1, 0, 0.1, 0, 90).atStep(77), 0);
        LrSchedule step = new LrSchedule(Schedule.STEP, 0.1, 0, 0.1, 0, 90); // decays every 30 steps
        assertEquals(0.1, step.atStep(30), 1e-15);
        assertEquals(0.01, step.atStep(31), 1e-15);
        assertEquals(0.001, step.atStep(61), 1e-15);
        LrSchedule exp = new LrSchedule(Schedule.EXPONENTIAL, 0.1, 0, 0.1, 0, 100);
        assertEquals(0.1, exp.atStep(1), 1e-15);
        assertEquals(0.1 * Math.pow(0.1, 0.5), exp.atStep(51), 1e-12);
        LrSchedule cos = new LrSchedule(Schedule.COSINE, 0.2, 0, 0.1, 0, 100);
        assertEquals(0.2, cos.atStep(1), 1e-15);
        assertEquals(0.1, cos.atStep(51), 1e-12);
        assertEquals(0.0, cos.atStep(101), 1e-12);
        LrSchedule warm = new LrSchedule(Schedule.COSINE, 0.2, 10, 0.1, 0, 110);
        assertEquals(0.02, warm.atStep(1), 1e-15);
        assertEquals(0.2, warm.atStep(10), 1e-15);
        assertEquals(0.2, warm.atStep(11), 1e-15);
        assertEquals(0.1, warm.atStep(61), 1e-12);
    }

    @Test
    void theUpdaterReallyUsesTheSchedule() {
        // step decay x0.1 after every step: SGD's second step must be a tenth of the raw gradient
        LrSchedule s = new LrSchedule(Schedule.STEP, 1.0, 0, 0.1, 1, 10);
        MultiLayerNetwork net = NetworkFactory.build(Runs.small("optimizer=sgd", "width=8"), DataType.DOUBLE, null, s);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 784);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 10);
        for (int i = 0; i < 8; i++) y.putScalar(i, i, 1.0);
        DataSet d = new DataSet(x, y);
        for (int k = 0; k < 2; k++) {
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            INDArray g = net.gradient().gradient().dup().divi(8);
            g = g.reshape(net.params().shape()); // the network's own [1, n] gradient array (SweepNetwork), params are [n]
            INDArray p0 = net.params().dup();
            net.fit(d);
            double expectedLr = k == 0 ? 1.0 : 0.1;
            assertTrue(net.params().equalsWithEps(p0.sub(g.mul(expectedLr)), 1e-10), "step " + (k + 1) + " used lr " + expectedLr);
        }
    }

    @Test
    void theScheduleSurvivesTheNetworkConfigurationsJson() {
        // DL4J copies configurations through Jackson (clone, save): the typed kind must round-trip
        LrSchedule s = new LrSchedule(Schedule.COSINE, 0.2, 10, 0.1, 0, 110);
        var conf = NetworkFactory.configure(Runs.small("width=8"), DataType.FLOAT, null, s);
        var back = org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson());
        var u = ((org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(0).getLayer()).getIUpdater();
        LrSchedule read = (LrSchedule) ((org.nd4j.linalg.learning.config.Sgd) u).getLearningRateSchedule(); // Runs.small: sgd
        assertEquals(Schedule.COSINE, read.kind());
        assertEquals(s.atStep(61), read.atStep(61), 0);
    }

    @Test
    void plateauCutsAfterPatienceRunsOut() {
        Plateau p = new Plateau(0.1, 3, 0.5);
        assertEquals(0.1, p.observe(1.0));
        assertEquals(0.1, p.observe(0.9));
        assertEquals(0.1, p.observe(0.95));
        assertEquals(0.1, p.observe(0.9));
        assertEquals(0.05, p.observe(0.9), 1e-15, "third evaluation without improvement");
        assertEquals(0.05, p.observe(0.5), 1e-15);
    }

    @Test
    void trainerRecordsAndAppliesPlateauCuts() {
        // a rate so small the validation loss cannot improve by 1e-4: every 2 evaluations the rate halves
        RunResult r = new Trainer().train(Runs.small("lr=1e-7", "optimizer=sgd", "schedule=plateau", "patience=2",
                "decay=0.5", "steps=60", "eval_every=10"), TestData.load("fashion-mnist"), new Trainer.Context("h", "c", "x"));
        List<Double> lrs = r.curve().stream().map(CurvePoint::lr).toList();
        assertEquals(1e-7, lrs.get(0), 1e-20);
        assertTrue(lrs.get(lrs.size() - 1) < 1e-7 / 3, "rate after cuts: " + lrs);
        for (int i = 1; i < lrs.size(); i++) assertTrue(lrs.get(i) <= lrs.get(i - 1), "never rises: " + lrs);
    }
}
