package claimsweep.cli;

import claimsweep.spark.SweepJobTest;

import claimsweep.result.RunResult;
import claimsweep.spark.SweepJobTest;
import claimsweep.store.ResultStore;
import claimsweep.result.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --run-timeout}: runs past the limit are failed results with the reason and the sweep
 * finishes; the limit is not part of the run ids, so a rerun without it retries the same runs.
 */
class RunTimeoutTest {
    @TempDir
    Path tmp;

    private static final String SWEEP = """
            name = timeout
            dataset = fashion-mnist
            budget { steps = 20 }
            eval_every = 10
            fixed { train_size = 500, val_size = 200, width = 8, depth = 1, optimizer = sgd, lr = 0.05 }
            axes { seed = [1, 2] }
            """;

    private String sweep(String... extra) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] base = {tmp.resolve("t.conf").toString(), "--out", tmp.resolve("out").toString(), "--master",
                    "local[2]", "--data-dir", SweepJobTest.repoRoot().resolve("data").toString()};
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                    .toArray(String[]::new);
            assertEquals(0, SweepMain.execute(args), "failed runs are results, not errors");
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsPastTheLimitAreFailedWithTheReasonAndRetryKeepsTheirIds() throws Exception {
        Files.writeString(tmp.resolve("t.conf"), SWEEP);
        // 0.00001 minutes = 0.6 ms: every run is past it before its first step (loading alone takes longer)
        String first = sweep("--run-timeout", "0.00001");
        assertTrue(first.contains("done: 2 runs (0 skipped as already done): 0 ok, 0 diverged, 2 failed"), first);
        Map<String, RunResult> stored = new ResultStore(tmp.resolve("out")).load();
        assertEquals(2, stored.size());
        for (RunResult r : stored.values()) {
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.reason().contains("past its limit max_minutes = 1.0E-5"), r.reason());
            assertEquals(1.0e-5, r.spec().doubleParam("max_minutes"));
        }

        String retry = sweep("--retry-failed");
        assertTrue(retry.contains("done: 2 runs (0 skipped as already done): 2 ok, 0 diverged, 0 failed"), retry);
        Map<String, RunResult> after = new ResultStore(tmp.resolve("out")).load();
        assertEquals(stored.keySet(), after.keySet(), "the same runs, retried under the same ids");
        after.values().forEach(r -> assertEquals(RunStatus.OK, r.status(), r.reason()));
    }
}
