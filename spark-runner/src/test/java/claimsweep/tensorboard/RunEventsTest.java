package claimsweep.tensorboard;

import claimsweep.expand.Expander;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The training-accuracy scalar without training or TensorBoard: written at exactly the points that
 * recorded it (TensorBoardExportTest reads the values back with TensorBoard's own reader where its
 * Python is installed).
 */
class RunEventsTest {
    private static final RunSpec SPEC = Expander.expand(SweepParser.parse("t.conf", "name = t\nbudget { steps = 20 }\n"
            + "axes { seed = [1] }\n", "hash", List.of())).get(0);
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 1_700_000_000_000L);

    /** How many of the run's events hold a scalar with this tag (a protobuf string is stored as its UTF-8 bytes). */
    private static long eventsWith(RunResult r, String tag) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        return RunEvents.events(r).stream().filter(e -> indexOf(e, t) >= 0).count();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static RunResult run(Double first, Double second) {
        List<CurvePoint> curve = List.of(new CurvePoint(10, 0.5, 1.0, 0.9, 0.7, 0.1, 50, List.of(), List.of(), first),
                new CurvePoint(20, 1.0, 0.8, 0.8, 0.8, 0.1, 100, List.of(), List.of(), second));
        return new RunResult(SPEC, RunStatus.OK, "", 0.8, 0.8, 0.8, 20L, 0.8, 0.8, 20, 120, P, curve, second);
    }

    @Test
    void trainingAccuracyIsAScalarBesideValidationAccuracyWhereRecorded() {
        assertEquals(2, eventsWith(run(0.75, 0.95), RunEvents.TRAIN_ACC));
        assertEquals(2, eventsWith(run(0.75, 0.95), RunEvents.VAL_ACC));
        assertEquals(1, eventsWith(run(null, 0.95), RunEvents.TRAIN_ACC), "only the point that recorded it");
        assertEquals(0, eventsWith(run(null, null), RunEvents.TRAIN_ACC), "older results: no training-accuracy scalar");
        assertTrue(RunEvents.TAGS.contains(RunEvents.TRAIN_ACC));
    }
}
