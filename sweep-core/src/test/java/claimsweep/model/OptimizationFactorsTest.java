package claimsweep.model;

import claimsweep.Runs;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/** Weight decay, gradient clipping and dropout each do what their parameter says. */
class OptimizationFactorsTest {
    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 784);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 10);
        for (int i = 0; i < 16; i++) y.putScalar(i, i % 10, 1.0);
        return new DataSet(x, y);
    }

    @Test
    void decoupledWeightDecayShrinksWeightsByLrTimesDecayOutsideTheGradient() {
        // Adam's first step is lr * sign-like(g) whatever the scale of g, so any difference between
        // the two nets after one step is the decay term alone: -lr * wd * w0.
        MultiLayerNetwork plain = NetworkFactory.build(Runs.small("optimizer=adam", "lr=0.001", "width=8"), DataType.DOUBLE);
        MultiLayerNetwork decayed = NetworkFactory.build(Runs.small("optimizer=adam", "lr=0.001", "width=8",
                "weight_decay=0.1"), DataType.DOUBLE);
        INDArray w0 = decayed.getLayer(0).getParam("W").dup();
        DataSet d = batch(1);
        plain.fit(d);
        decayed.fit(d);
        INDArray diff = decayed.getLayer(0).getParam("W").sub(plain.getLayer(0).getParam("W"));
        assertTrue(diff.equalsWithEps(w0.mul(-0.001 * 0.1), 1e-12), "difference is -lr*wd*w0");
        assertEquals(0.0, decayed.getLayer(0).getParam("b").sub(plain.getLayer(0).getParam("b")).norm2Number().doubleValue(),
                1e-15, "biases are not decayed");
    }

    @Test
    void l2IsAppliedOnceOnWeightsOnly() {
        MultiLayerNetwork net = NetworkFactory.build(Runs.small("l2=0.001", "weight_decay=0.01", "width=8"), DataType.DOUBLE);
        var regs = net.getLayer(0).getConfig().getRegularizationByParam("W");
        assertEquals(2, regs.size(), "one L2 and one weight decay: " + regs);
        assertTrue(net.getLayer(0).getConfig().getRegularizationByParam("b").isEmpty(), "biases are not regularized");
        // the regularization part of the score, each term once: 0.5 * (l2 + wd) * sum(W^2) (DL4J also
        // reports weight decay's equivalent penalty in the score, though it is applied outside the gradient)
        double sumSq = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray w = net.getLayer(i).getParam("W");
            sumSq += w.mul(w).sumNumber().doubleValue();
        }
        assertEquals(0.5 * (0.001 + 0.01) * sumSq, net.calcRegularizationScore(true), 1e-12);
    }

    @Test
    void adamwMeansAdamWithDecayOnePercentUnlessSet() {
        assertEquals(0.01, NetworkFactory.weightDecay(Runs.small("optimizer=adamw")));
        assertEquals(0.05, NetworkFactory.weightDecay(Runs.small("optimizer=adamw", "weight_decay=0.05")));
        assertEquals(0.0, NetworkFactory.weightDecay(Runs.small("optimizer=adam")));
    }

    @Test
    void normClippingBoundsEachLayersStep() {
        // plain SGD with lr 1: the step of each layer is its (clipped) mean gradient
        for (String clip : new String[] {"none", "norm"}) {
            MultiLayerNetwork net = NetworkFactory.build(Runs.small("optimizer=sgd", "lr=1.0", "width=8", "clip=" + clip,
                    "clip_at=0.01"), DataType.DOUBLE);
            INDArray w0 = net.getLayer(0).params().dup();
            net.fit(batch(2));
            double step = net.getLayer(0).params().sub(w0).norm2Number().doubleValue();
            if (clip.equals("norm")) assertEquals(0.01, step, 1e-9, "clipped to exactly the threshold");
            else assertTrue(step > 0.05, "unclipped step " + step + " is well above the threshold");
        }
    }

    @Test
    void valueClippingBoundsEveryElement() {
        MultiLayerNetwork net = NetworkFactory.build(Runs.small("optimizer=sgd", "lr=1.0", "width=8", "clip=value",
                "clip_at=0.0001"), DataType.DOUBLE);
        INDArray p0 = net.params().dup();
        net.fit(batch(3));
        double maxStep = net.params().sub(p0).amaxNumber().doubleValue();
        assertTrue(maxStep <= 0.0001 + 1e-15, "largest element step " + maxStep);
        assertTrue(maxStep > 0.00009, "and the bound is reached");
    }

    @Test
    void dropoutZeroesHiddenUnitsInTrainingOnly() {
        MultiLayerNetwork net = NetworkFactory.build(Runs.small("width=512", "depth=2", "dropout=0.5"), DataType.DOUBLE);
        INDArray x = batch(4).getFeatures();
        // input to layer 1 = output of layer 0 after dropout; observe it through layer 1's dropout in training mode
        Layer second = net.getLayer(1);
        INDArray h = net.getLayer(0).activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        long positive = h.gt(0).castTo(DataType.DOUBLE).sumNumber().longValue();
        second.setInput(h, LayerWorkspaceMgr.noWorkspaces());
        INDArray dropped = second.getConfig() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b && b.getIDropout() != null
                ? b.getIDropout().applyDropout(h.dup(), h.dup(), 0, 0, LayerWorkspaceMgr.noWorkspaces()) : h;
        long kept = dropped.gt(0).castTo(DataType.DOUBLE).sumNumber().longValue();
        double keptShare = (double) kept / positive;
        // ~8000 active units, each kept with p 0.5: sd ~0.006, so 0.45..0.55 is a wide band
        assertTrue(keptShare > 0.45 && keptShare < 0.55, "kept share " + keptShare);
        assertEquals(net.output(x, false), net.output(x, false), "inference is deterministic");
        assertNotEquals(net.output(x, true), net.output(x, true), "training passes drop different units");
    }
}
