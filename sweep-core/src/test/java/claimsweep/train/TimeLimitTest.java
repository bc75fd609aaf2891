package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.spec.RunSpec;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** max_minutes: a run past its limit stops between steps and is a failed result with the reason. */
class TimeLimitTest {
    private static final Trainer.Context CTX = new Trainer.Context("hash", "commit", "host");
    private static Dataset data;

    @BeforeAll
    static void load() {
        data = TestData.load("fashion-mnist");
    }

    @Test
    void aRunPastItsLimitStopsAndIsRecordedAsFailedWithTheReason() {
        // A clock that moves one second per reading: the trainer reads it once per step (plus a few
        // times around evaluations), so a 6 s limit ends the 80-step run after a handful of steps.
        AtomicLong t = new AtomicLong();
        RunResult r = new Trainer(() -> t.addAndGet(1000)).train(Runs.small("max_minutes=0.1"), data, CTX);
        assertEquals(RunStatus.FAILED, r.status(), r.reason());
        assertTrue(r.reason().startsWith("TimeoutException: stopped after step "), r.reason());
        assertTrue(r.reason().contains("max_minutes = 0.1"), r.reason());
        assertNull(r.testAcc(), "a stopped run has no test accuracy");
        assertTrue(r.wallMs() > 6000 && r.wallMs() < 20_000, "wall " + r.wallMs());
    }

    @Test
    void aLimitThatIsNotReachedChangesNothingNotEvenTheRunId() {
        RunSpec free = Runs.small("steps=30", "eval_every=10");
        RunSpec limited = Runs.small("steps=30", "eval_every=10", "max_minutes=60");
        assertEquals(60.0, limited.doubleParam("max_minutes"));
        assertEquals(free.runId(), limited.runId(), "a time limit bounds execution; it does not identify the run");
        RunResult a = new Trainer().train(free, data, CTX);
        RunResult b = new Trainer().train(limited, data, CTX);
        assertEquals(RunStatus.OK, b.status(), b.reason());
        assertEquals(a.testLoss(), b.testLoss());
        assertEquals(a.curve().size(), b.curve().size());
    }

    @Test
    void noLimitMeansNoDeadline() {
        assertEquals(Long.MAX_VALUE, TimeLimit.deadline(Runs.small().config().budget().maxMinutes(), 123));
        assertEquals(123 + 90_000, TimeLimit.deadline(Runs.small("max_minutes=1.5").config().budget().maxMinutes(), 123));
    }
}
