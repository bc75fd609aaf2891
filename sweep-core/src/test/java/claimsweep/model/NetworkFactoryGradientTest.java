package claimsweep.model;

import claimsweep.model.layers.GroupNormalization;

import claimsweep.Runs;
import claimsweep.spec.RunSpec;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import claimsweep.DoublePrecision;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Gradient checks of the networks exactly as the factory builds them for a run (every norm, both
 * models, the recurrent one), so the placement of norm and activation layers is covered, not only the layers alone.
 * A random subset of each parameter array is checked to keep the CNN affordable.
 */
@ExtendWith(DoublePrecision.class)
class NetworkFactoryGradientTest {
    @ParameterizedTest(name = "{0} with norm {1}")
    @CsvSource({"mlp,none", "mlp,batch", "mlp,layer", "mlp,group(4)", "mlp,instance",
                "cnn,none", "cnn,batch", "cnn,layer", "cnn,group(4)", "cnn,instance",
                "rnn,none", "rnn,batch", "rnn,layer"})
    void factoryNetworkPassesGradientCheck(String model, String norm) {
        // two recurrent layers, so that BatchNorm (which sits between them) is present
        RunSpec run = Runs.small("model=" + model, "norm=\"" + norm + "\"", "width=8", "activation=tanh",
                "depth=" + (model.equals("rnn") ? 2 : 1));
        var conf = NetworkFactory.configure(run, DataType.DOUBLE);
        // the checker needs plain gradients: no optimizer transformation
        conf.getConfs().forEach(c -> {
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) b.setIUpdater(new NoOp());
            // LastTimeStep wraps the last recurrent layer: its updater lives on the wrapped layer
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer w
                    && w.getUnderlying() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) b.setIUpdater(new NoOp());
            if (c.getLayer() instanceof GroupNormalization g) g.setIUpdater(new NoOp());
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization bn) bn.setIUpdater(new NoOp());
        });
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random r = new Random(11);
        int n = 3;
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, 784);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 10);
        for (int i = 0; i < n; i++) y.putScalar(i, r.nextInt(10), 1.0);
        // BatchNorm's running mean/variance are state, not trainable parameters: DL4J puts their update
        // (not a gradient) in the gradient view, so they are excluded, as in DL4J's own BN gradient tests.
        java.util.Set<String> state = new java.util.HashSet<>();
        for (String k : net.paramTable().keySet()) {
            if (k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev")) state.add(k);
        }
        assertEquals(norm.equals("batch"), !state.isEmpty());
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8).subset(true)
                .maxPerParam(model.equals("mlp") ? 25 : 10).excludeParams(state)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, model + " with " + norm + " fails the gradient check");
    }
}
