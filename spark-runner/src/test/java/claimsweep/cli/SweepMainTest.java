package claimsweep.cli;

import claimsweep.spark.SweepJobTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The command line's exit codes and messages for bad input (nothing is trained in these tests). */
class SweepMainTest {
    @TempDir
    Path tmp;

    private record Run(int code, String err) {}

    private Run run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Run(SweepMain.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    private Path conf(String body) throws Exception {
        Path f = tmp.resolve("s.conf");
        Files.writeString(f, body);
        return f;
    }

    private static final String OK = """
            name = s
            dataset = fashion-mnist
            budget { steps = 5 }
            eval_every = 5
            fixed { train_size = 500, val_size = 200, width = 8 }
            axes { seed = [1, 2] }
            """;

    @Test
    void specErrorsExitTwoNamingFileLineAndKey() throws Exception {
        Path f = conf(OK.replace("width = 8", "widht = 8"));
        Run r = run(f.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":5: fixed.widht"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }

    @Test
    void unwritableOutputExitsOneWithTheFix() throws Exception {
        Path f = conf(OK);
        Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
        Run r = run(f.toString(), "--out", blocker.resolve("out").toString(), "--data-dir",
                SweepJobTest.repoRoot().resolve("data").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("choose a writable --out"), r.err());
    }

    @Test
    void missingDataExitsOneBeforeWriting() throws Exception {
        Path f = conf(OK);
        Run r = run(f.toString(), "--out", tmp.resolve("o2").toString(), "--data-dir", tmp.resolve("nodata").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("scripts/fetch-data"), r.err());
        assertFalse(Files.exists(tmp.resolve("o2")));
    }

    @Test
    void unknownOptionExitsTwoWithUsage() throws Exception {
        Run r = run(conf(OK).toString(), "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }
}
