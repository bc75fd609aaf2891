package claimsweep.model;

import claimsweep.DoublePrecision;
import claimsweep.Runs;
import claimsweep.spec.RunSpec;
import claimsweep.model.fused.FastRnn;
import claimsweep.model.fused.FusedLayers;
import claimsweep.model.layers.GroupNormalization;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrent model as the factory builds it with FastRnn (its default): each in-recurrence
 * norm, also combined with a between-layer norm, passes DL4J's gradient check in double
 * ({@code NetworkFactoryGradientTest} covers the between-layer norms alone).
 */
@ExtendWith(DoublePrecision.class)
class RnnFactoryGradientTest {
    @ParameterizedTest(name = "norm {0}, rnn_norm {1}")
    @CsvSource({"none,layer", "none,batch_step", "batch,layer", "layer,batch_step"})
    void factoryRnnPassesGradientCheck(String norm, String rnnNorm) {
        RunSpec run = Runs.small("model=rnn", "norm=" + norm, "rnn_norm=" + rnnNorm, "width=6", "depth=2", "activation=tanh");
        var conf = NetworkFactory.configure(run, DataType.DOUBLE);
        // the checker needs plain gradients: no optimizer transformation
        conf.getConfs().forEach(c -> {
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) b.setIUpdater(new NoOp());
            if (c.getLayer() instanceof GroupNormalization g) g.setIUpdater(new NoOp());
        });
        assertInstanceOf(FastRnn.class, conf.getConf(0).getLayer());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random r = new Random(11);
        int n = 3;
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, 784);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 10);
        for (int i = 0; i < n; i++) y.putScalar(i, r.nextInt(10), 1.0);
        // running statistics are state, not parameters (their "gradient" is the decay step)
        Set<String> state = new HashSet<>();
        for (String k : net.paramTable().keySet()) {
            if (k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev")) state.add(k);
        }
        assertEquals(norm.equals("batch") || rnnNorm.equals("batch_step"), !state.isEmpty());
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8).subset(true).maxPerParam(10).excludeParams(state)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "rnn with norm " + norm + ", rnn_norm " + rnnNorm + " fails the gradient check");
    }

    /** DL4J stores configurations as JSON (model files, clones): FastRnn and its preprocessors must survive the trip. */
    @Test
    void configurationSurvivesJson() {
        var conf = NetworkFactory.configure(Runs.small("model=rnn", "depth=2", "width=6", "norm=batch", "rnn_norm=batch_step"),
                DataType.FLOAT);
        var back = org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        FastRnn last = (FastRnn) back.getConf(back.getConfs().size() - 2).getLayer();
        assertEquals(FastRnn.Norm.BATCH_STEP, last.getNorm());
        assertTrue(last.isLastStepOnly());
        assertEquals(28, last.getSteps());
    }

    /** -Dclaimsweep.fused without "rnn" builds DL4J's SimpleRnn for rnn_norm = none, as before. */
    @Test
    void fusedPropertySwitchesItOff() {
        RunSpec run = Runs.small("model=rnn", "depth=2", "width=6");
        assertInstanceOf(FastRnn.class, NetworkFactory.configure(run, DataType.FLOAT).getConf(0).getLayer());
        String before = System.getProperty(FusedLayers.PROPERTY);
        System.setProperty(FusedLayers.PROPERTY, "dense,output");
        try {
            assertEquals("SimpleRnn", NetworkFactory.configure(run, DataType.FLOAT).getConf(0).getLayer().getClass().getSimpleName());
            // no stock layer normalizes inside the recurrence, so rnn_norm keeps FastRnn
            RunSpec ln = Runs.small("model=rnn", "depth=2", "width=6", "rnn_norm=layer");
            assertInstanceOf(FastRnn.class, NetworkFactory.configure(ln, DataType.FLOAT).getConf(0).getLayer());
        } finally {
            if (before == null) System.clearProperty(FusedLayers.PROPERTY);
            else System.setProperty(FusedLayers.PROPERTY, before);
        }
    }
}
