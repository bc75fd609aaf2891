package claimsweep.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Java side of the benchmark's PyTorch worker protocol, against a stand-in "python" (a shell
 * script) so the test needs no torch: the ready line, one pass per request in order, a clean end,
 * and a clear note when there is no usable worker.
 */
class TorchWorkerTest {
    private static final List<ReferenceModel> MODELS = ReferenceModel.standard();

    /** A fake interpreter: "-c ..." (the import probe) succeeds; otherwise it runs {@code body}. */
    private static Path fakePython(Path dir, String body) throws Exception {
        Path exe = dir.resolve("python");
        Files.writeString(exe, "#!/bin/sh\nif [ \"$1\" = \"-c\" ]; then exit 0; fi\n" + body);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    @Test
    void passesFollowTheProtocolInOrder(@TempDir Path dir) throws Exception {
        // answers each request with 1.5, 2.5, ... ms/step and logs what it was asked
        Path exe = fakePython(dir, """
                echo '{"ready": true, "note": "fake torch 0.0"}'
                i=1
                while read line; do
                  echo "$line" >> "%s"
                  echo "{\\"model\\": \\"x\\", \\"ms_per_step\\": $i.5}"
                  i=$((i + 1))
                done
                """.formatted(dir.resolve("requests")));
        double first, second;
        try (TorchWorker w = TorchWorker.start(exe.toString(), dir.resolve("bench_torch.py"), dir, MODELS)) {
            assertTrue(w.available());
            assertEquals("fake torch 0.0", w.note());
            first = w.pass("mlp-b64", 10, 300);
            second = w.pass("cnn-bn-b64", 0, 40);
        }
        assertEquals(1.5, first);
        assertEquals(2.5, second);
        List<String> asked = Files.readAllLines(dir.resolve("requests"));
        assertEquals(2, asked.size());
        assertTrue(asked.get(0).contains("\"model\":\"mlp-b64\"") && asked.get(0).contains("\"warmup\":10")
                && asked.get(0).contains("\"steps\":300"), asked.get(0));
        assertTrue(asked.get(1).contains("\"model\":\"cnn-bn-b64\"") && asked.get(1).contains("\"warmup\":0"), asked.get(1));
    }

    @Test
    void aWorkerThatDiesIsReportedNotHung(@TempDir Path dir) throws Exception {
        Path early = fakePython(dir, "echo 'Traceback: no module named numpy' >&2\nexit 3\n");
        try (TorchWorker w = TorchWorker.start(early.toString(), dir.resolve("bench_torch.py"), dir, MODELS)) {
            assertFalse(w.available());
            assertTrue(w.note().contains("ended before it was ready"), w.note());
        }
        Path midway = fakePython(dir, "echo '{\"ready\": true, \"note\": \"fake\"}'\nread line\nexit 1\n");
        try (TorchWorker w = TorchWorker.start(midway.toString(), dir.resolve("bench_torch.py"), dir, MODELS)) {
            var e = assertThrows(java.io.IOException.class, () -> w.pass("mlp-b64", 0, 1));
            assertTrue(e.getMessage().contains("ended during mlp-b64"), e.getMessage());
        }
    }

    @Test
    void withoutTorchTheBenchmarkSaysHowToGetIt(@TempDir Path dir) throws Exception {
        try (TorchWorker w = TorchWorker.start(dir.resolve("no-such-python").toString(), dir.resolve("bench_torch.py"), dir, MODELS)) {
            assertFalse(w.available());
            assertTrue(w.note().contains("python3-torch"), w.note());
        }
    }
}
