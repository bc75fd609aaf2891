package claimsweep.store;

import claimsweep.cli.SweepMain;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spark.SweepJobTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code scripts/sweep --data DIR} on a second machine (a fresh output folder): the committed runs
 * are skipped, only the missing and the failed ones are trained (real Spark local mode, tiny runs).
 */
class EvidenceResumeTest {
    @TempDir
    Path tmp;

    private static final String CONF = """
            name = resume
            dataset = fashion-mnist
            model = mlp
            budget { steps = 5 }
            eval_every = 5
            fixed { depth = 1, width = 8, train_size = 500, val_size = 200, batch_size = 50, optimizer = sgd }
            axes { lr = [0.05, 1000.0], seed = %s }
            """;

    private String sweep(Path conf, Path out, Path data) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            int code = SweepMain.execute(conf.toString(), "--out", out.toString(), "--data", data.toString(),
                    "--data-dir", SweepJobTest.repoRoot().resolve("data").toString(), "--master", "local[2]",
                    "--no-tensorboard");
            assertEquals(0, code, log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondMachineTrainsOnlyTheMissingAndTheFailedRuns() throws Exception {
        Path conf = tmp.resolve("resume.conf");
        Path data = tmp.resolve("data");
        Files.writeString(conf, CONF.formatted("[1, 2]"));
        String first = sweep(conf, tmp.resolve("machine1"), data);
        assertTrue(first.contains("done: 4 runs (0 skipped"), first);
        Path folder = EvidenceData.folder(data, "resume");
        Map<String, RunResult> committed = EvidenceData.read(folder);
        assertEquals(4, committed.size());
        assertEquals(2, committed.values().stream().filter(r -> r.status() == RunStatus.DIVERGED).count(),
                "lr 1000 diverges: a result, committed as done");

        // one ok run ended by a time limit: committed, but not as done
        List<RunResult> edited = new ArrayList<>();
        String failedId = null;
        for (RunResult r : committed.values()) {
            if (failedId == null && r.status() == RunStatus.OK) {
                failedId = r.runId();
                r = new RunResult(r.spec(), RunStatus.FAILED, "time limit", null, null, null, null, null, null, r.steps(),
                        r.wallMs(), r.provenance(), r.curve());
            }
            edited.add(r);
        }
        EvidenceData.write(data, "resume", edited, folder.resolve(ResultStore.SWEEP_FILE));

        // the grid grows by a seed: 2 new runs, the others keep their ids
        Files.writeString(conf, CONF.formatted("[1, 2, 3]"));
        String second = sweep(conf, tmp.resolve("machine2"), data);
        assertTrue(second.contains("evidence data: 3 done runs of resume taken from"), second);
        assertTrue(second.contains("done: 6 runs (3 skipped"), "trains the 2 new runs and the failed one: " + second);
        Map<String, RunResult> after = EvidenceData.read(folder);
        assertEquals(6, after.size());
        assertEquals(RunStatus.OK, after.get(failedId).status(), "the failed run was trained again");
        for (RunResult r : committed.values()) {
            if (!r.runId().equals(failedId)) assertEquals(r, after.get(r.runId()), "committed runs kept as they were");
        }
        assertTrue(second.contains("evidence data: 6 runs in " + folder), second);
    }
}
