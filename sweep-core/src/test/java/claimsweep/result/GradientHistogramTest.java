package claimsweep.result;

import claimsweep.Runs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GradientHistogramTest {
    private static final List<Double> L = GradientHistogram.LIMITS;

    @Test
    void bucketsAreQuarterDecadesMirroredAroundAZeroBucket() {
        assertEquals(99, L.size(), "49 negative edges (-1e2 .. -1e-10), 49 positive, and the catch-all");
        assertEquals(-100.0, L.get(0));
        assertEquals(-1e-10, L.get(48));
        assertEquals(1e-10, L.get(49));
        assertEquals(100.0, L.get(97));
        assertEquals(Double.MAX_VALUE, L.get(98));
        for (int i = 1; i < L.size(); i++) assertTrue(L.get(i - 1) < L.get(i), "ascending at " + i);
        assertEquals(Math.pow(10, 0.25), L.get(90) / L.get(89), 1e-6, "a quarter decade apart");
    }

    @Test
    void aValueFallsInTheFirstBucketWhoseRightEdgeIsAtLeastIt() {
        assertEquals(49, GradientHistogram.bucketOf(0.0), "zero is in (-1e-10, 1e-10]");
        assertEquals(49, GradientHistogram.bucketOf(1e-10), "right edges are inclusive");
        assertEquals(49, GradientHistogram.bucketOf(-9.99e-11));
        assertEquals(48, GradientHistogram.bucketOf(-1e-10));
        assertEquals(50, GradientHistogram.bucketOf(1.0001e-10));
        assertEquals(0, GradientHistogram.bucketOf(-1e300));
        assertEquals(98, GradientHistogram.bucketOf(1e300));
        assertEquals(98, GradientHistogram.bucketOf(100.5));
    }

    @Test
    void builderKeepsTheNonEmptyRunAndSkipsNonFiniteValues() {
        GradientHistogram.Builder b = new GradientHistogram.Builder();
        for (double v : new double[] {0.6, 0.7, -0.001, Double.NaN, Double.POSITIVE_INFINITY, 0.0}) b.add(v);
        GradientHistogram h = b.build();
        assertEquals(4, h.count(), "NaN and infinity are not counted");
        assertEquals(GradientHistogram.bucketOf(-0.001), h.offset());
        assertEquals(GradientHistogram.bucketOf(0.7) - h.offset() + 1, h.counts().size());
        assertEquals(2, h.bucket(GradientHistogram.bucketOf(0.6)), "0.6 and 0.7 share (10^-1/4, 1]");
        assertEquals(1, h.bucket(49), "the zero");
        assertEquals(0, h.bucket(0));
        assertEquals(-0.001, h.min());
        assertEquals(0.7, h.max());
        assertEquals(1.299, h.sum(), 1e-12);
        assertEquals(0.36 + 0.49 + 1e-6, h.sumSquares(), 1e-12);
        GradientHistogram none = new GradientHistogram.Builder().build();
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.min()));
    }

    @Test
    void bucketsOutsideTheFixedSetAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GradientHistogram(0, 0, 0, 0, 98, List.of(1L, 1L)));
        assertThrows(IllegalArgumentException.class, () -> new GradientHistogram(0, 0, 0, 0, 0, List.of(-1L)));
    }

    @Test
    void histogramsRoundTripThroughTheCodecAndResultsWithoutThemStillLoad() {
        Provenance prov = new Provenance("sh", "gc", "17", "amd64", "cpu", 1, "host", 1234L);
        GradientHistogram h = new GradientHistogram(-0.5, 2.0, 1.5, 4.25, 40, List.of(3L, 0L, 7L));
        RunResult r = new RunResult(Runs.small(), RunStatus.OK, "", 0.5, 0.8, 0.81, 40L, 0.79, 0.55, 40, 999, prov,
                List.of(new CurvePoint(40, 1.0, 0.7, 0.6, 0.81, 0.1, 500, List.of(0.8),
                        List.of(new CurvePoint.LayerGradient(0, "DenseLayer", 0.01, h),
                                new CurvePoint.LayerGradient(1, "OutputLayer", 0.3)))));
        String json = ResultCodec.toJson(r);
        assertEquals(r, ResultCodec.fromJson(json));
        // the format before histograms: each gradient is [layer, type, norm]
        String old = json.replaceAll(",\\{\"min\":[^}]*}", "");
        assertFalse(old.contains("counts"), old);
        RunResult back = ResultCodec.fromJson(old);
        assertNull(back.curve().get(0).gradients().get(0).histogram());
        assertEquals(0.01, back.curve().get(0).gradients().get(0).norm());
    }
}
