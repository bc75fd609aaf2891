package claimsweep.result;

import claimsweep.Runs;
import claimsweep.spec.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ResultCodecTest {
    private static final Provenance PROV = new Provenance("sh", "gc", "17", "amd64", "cpu", 1, "host", 1234L);

    @Test
    void okResultRoundTrips() {
        RunSpec spec = Runs.small();
        RunResult r = new RunResult(spec, RunStatus.OK, "", 0.5, 0.8, 0.81, 40L, 0.79, 0.55, 80, 999, PROV,
                List.of(new CurvePoint(40, 1.0, 0.7, 0.6, 0.81, 0.1, 500),
                        new CurvePoint(80, 2.0, 0.5, 0.5, 0.8, 0.1, 900, List.of(0.9, Double.NaN, 0.7),
                                List.of(new CurvePoint.LayerGradient(0, "FastDense", 0.01), new CurvePoint.LayerGradient(2, "OutputLayer", 0.3)))));
        assertEquals(r, ResultCodec.fromJson(ResultCodec.toJson(r)));
    }

    @Test
    void divergedResultKeepsNaNAndNulls() {
        RunSpec spec = Runs.small();
        RunResult r = new RunResult(spec, RunStatus.DIVERGED, "train loss became NaN at step 3", null, null, null, null,
                null, null, 3, 10, PROV, List.of(new CurvePoint(2, 0.1, Double.POSITIVE_INFINITY, Double.NaN, 0.1, 0.1, 5)));
        RunResult back = ResultCodec.fromJson(ResultCodec.toJson(r));
        assertEquals(r, back);
        assertTrue(Double.isNaN(back.curve().get(0).valLoss()));
        assertNull(back.testAcc());
    }

    @Test
    void collapsedResultRoundTripsWithItsMetrics() {
        RunResult r = new RunResult(Runs.small(), RunStatus.COLLAPSED, "collapsed: final validation accuracy 0.1000 at chance",
                2.30, 0.1, 0.12, 20L, 0.1, 2.30, 80, 10, PROV, List.of(new CurvePoint(80, 2.0, 2.30, 2.30, 0.1, 0.1, 5)));
        String json = ResultCodec.toJson(r);
        assertTrue(json.contains("\"status\":\"collapsed\""), json);
        assertEquals(r, ResultCodec.fromJson(json));
    }

    @Test
    void trainingAccuracyRoundTripsAndOlderResultsReadAsNull() {
        RunResult r = new RunResult(Runs.small(), RunStatus.OK, "", 0.5, 0.8, 0.81, 40L, 0.79, 0.55, 80, 999, PROV,
                List.of(new CurvePoint(40, 1.0, 0.7, 0.6, 0.81, 0.1, 500, List.of(), List.of(), 0.9),
                        new CurvePoint(80, 2.0, 0.5, 0.5, 0.8, 0.1, 900, List.of(), List.of(), 0.95)), 0.95);
        assertEquals(r, ResultCodec.fromJson(ResultCodec.toJson(r)));

        // a result as written before training accuracy existed: no final_train_acc key, curve points of 9 elements
        com.google.gson.JsonObject old = com.google.gson.JsonParser.parseString(ResultCodec.toJson(r)).getAsJsonObject();
        assertNotNull(old.remove("final_train_acc"));
        for (com.google.gson.JsonElement p : old.getAsJsonArray("curve")) {
            com.google.gson.JsonArray a = p.getAsJsonArray();
            assertEquals(10, a.size());
            a.remove(9);
        }
        RunResult back = ResultCodec.fromJson(old.toString());
        assertNull(back.finalTrainAcc());
        assertNull(back.curve().get(1).trainAcc());
        assertEquals(0.8, back.curve().get(1).valAcc());
    }
}
