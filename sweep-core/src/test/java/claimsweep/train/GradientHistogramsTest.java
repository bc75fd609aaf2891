package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.result.CurvePoint.LayerGradient;
import claimsweep.result.GradientHistogram;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The trainer records, beside each layer's gradient norm, the histogram of the same gradient. */
class GradientHistogramsTest {
    @Test
    void eachLayersHistogramCountsItsParametersAndAgreesWithItsNorm() {
        RunResult r = new Trainer().train(Runs.small("steps=20", "eval_every=10", "norm=batch"),
                TestData.load("fashion-mnist"), new Trainer.Context("hash", "commit", "host"));
        assertEquals(RunStatus.OK, r.status(), r.reason());
        assertEquals(2, r.curve().size());
        for (var p : r.curve()) {
            List<LayerGradient> g = p.gradients();
            // dense 784x32 + bias, BatchNorm gamma and beta (its running mean and variance are not trained),
            // output 32x10 + bias
            assertEquals(List.of(784L * 32 + 32, 2L * 32, 32L * 10 + 10),
                    g.stream().map(x -> x.histogram().count()).toList(), "step " + p.step());
            for (LayerGradient x : g) {
                GradientHistogram h = x.histogram();
                // the norm is ND4J's float norm2 of the same mean gradient
                assertEquals(x.norm(), Math.sqrt(h.sumSquares()), 1e-5 * x.norm(), "layer " + x.layer());
                assertTrue(h.min() < 0 && h.max() > 0, "gradients of both signs in layer " + x.layer());
                assertTrue(h.bucket(GradientHistogram.bucketOf(h.min())) > 0);
                assertTrue(h.bucket(GradientHistogram.bucketOf(h.max())) > 0);
            }
        }
        assertNotEquals(r.curve().get(0).gradients().get(2).histogram(), r.curve().get(1).gradients().get(2).histogram(),
                "a histogram per evaluation point");
    }
}
