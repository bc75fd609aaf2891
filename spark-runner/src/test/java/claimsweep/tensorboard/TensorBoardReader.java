package claimsweep.tensorboard;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs scripts/tensorboard_read.py (TensorBoard's own readers) on a log folder. The Python comes
 * from -Dclaimsweep.tensorboard.python (scripts/test passes the one scripts/tensorboard-python
 * installs; then it must exist), else .tools/tensorboard-venv; without either the test is skipped
 * with the command that installs it.
 */
final class TensorBoardReader {
    private TensorBoardReader() {}

    static Path python() {
        String p = System.getProperty("claimsweep.tensorboard.python");
        if (p != null && !p.isBlank()) {
            // named explicitly (scripts/test does): its absence is a failure, not a reason to skip
            assertTrue(Files.isExecutable(Path.of(p)), "-Dclaimsweep.tensorboard.python=" + p + " is not executable");
            return Path.of(p);
        }
        Path py = TensorBoardExportTest.repoRoot().resolve(".tools/tensorboard-venv/bin/python");
        Assumptions.assumeTrue(Files.isExecutable(py), "no Python with TensorBoard at " + py
                + "; run scripts/tensorboard-python (scripts/test does) to install it");
        return py;
    }

    static JsonObject read(Path logdir) throws Exception {
        Path script = TensorBoardExportTest.repoRoot().resolve("scripts/tensorboard_read.py");
        Path stdout = Files.createTempFile("tensorboard-read", ".json");
        Path stderr = Files.createTempFile("tensorboard-read", ".log");
        try {
            Process p = new ProcessBuilder(python().toString(), script.toString(), logdir.toString())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "tensorboard_read.py did not finish in 180 s");
            assertEquals(0, p.exitValue(), "tensorboard_read.py failed: " + Files.readString(stderr));
            return JsonParser.parseString(Files.readString(stdout, StandardCharsets.UTF_8)).getAsJsonObject();
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
