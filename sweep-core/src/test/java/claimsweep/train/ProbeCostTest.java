package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.model.NetworkFactory;
import claimsweep.spec.RunConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the training-accuracy probe costs per evaluation, against the validation pass and a training
 * step, timed in alternation so machine load hits all three alike. A measurement, so opt-in:
 * {@code mvn -B -q -o -pl sweep-core test -Dtest=ProbeCostTest -Dclaimsweep.bench=true}; it prints
 * one line and fails only if the probe is not validation-sized or costs far more than validation.
 */
@EnabledIfSystemProperty(named = "claimsweep.bench", matches = "true")
class ProbeCostTest {
    @Test
    void probeCostsAboutOneValidationPass() {
        RunConfig cfg = Runs.small("depth=2", "width=256", "train_size=20000", "val_size=5000").config();
        Bugs bugs = Bugs.of(cfg);
        RunData d = RunData.prepare(cfg, bugs, TestData.load("fashion-mnist"));
        MultiLayerNetwork net = NetworkFactory.build(cfg, DataType.FLOAT, null, null);
        Evaluator val = Evaluator.of(cfg.model().loss(), 0, bugs, d.valX(), d.valY(), d.per());
        Evaluator probe = Evaluator.trainingSubset(cfg.model().loss(), d.trainX(), d.trainY(), d.per(), d.valY().length);
        assertEquals(val.size(), probe.size());
        Minibatches batches = new Minibatches(d.trainX(), d.trainY(), d.per(), 10, cfg.budget().batchSize(), new Random(1),
                cfg.data().order());
        int reps = 20;
        long tv = 0, tp = 0, ts = 0;
        for (int i = -5; i < reps; i++) { // 5 warm-up rounds
            long a = System.nanoTime();
            val.score(net);
            long b = System.nanoTime();
            probe.score(net);
            long c = System.nanoTime();
            net.fit(batches.next());
            long e = System.nanoTime();
            if (i < 0) continue;
            tv += b - a;
            tp += c - b;
            ts += e - c;
        }
        double v = tv / 1e6 / reps, p = tp / 1e6 / reps, s = ts / 1e6 / reps;
        System.out.printf(Locale.ROOT, "validation pass %.1f ms, training probe %.1f ms (%d images each), training step "
                + "%.2f ms (batch %d): the probe costs %.0f steps%n", v, p, val.size(), s, cfg.budget().batchSize(), p / s);
        assertTrue(p < 3 * v, "the probe is one validation-sized evaluation: " + p + " ms vs " + v + " ms");
    }
}
