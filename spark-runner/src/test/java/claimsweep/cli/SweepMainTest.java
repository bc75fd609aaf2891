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

    /** A claim with a key the language does not have (issue 14: it used to fail only after every run had trained). */
    private static final String BAD_CLAIM = OK + """
            claims = [{
              id = X1, text = "t", metric = test_acc
              treatment { seed = 1 }, control { seed = 2 }
              direction = greater
              select_byy = final_val_acc
            }]
            """;

    @Test
    void badClaimsBlockFailsDryRunWithExitTwo() throws Exception {
        Path f = conf(BAD_CLAIM);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        Run r;
        try {
            r = run(f.toString(), "--dry-run");
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(f + ":11: claims[0].select_byy"), r.err());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("runs (index"), "no run list printed");
    }

    @Test
    void badClaimsBlockFailsTheSweepBeforeAnyTraining() throws Exception {
        Path f = conf(BAD_CLAIM);
        // data present, output writable: only the claims block can stop it, and it must before anything is written
        Run r = run(f.toString(), "--out", tmp.resolve("o3").toString(), "--data-dir",
                SweepJobTest.repoRoot().resolve("data").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("claims[0].select_byy") && r.err().contains("an unknown claim key"), r.err());
        assertFalse(Files.exists(tmp.resolve("o3")), "nothing trained, nothing written");
    }

    @Test
    void sweepAndClaimProblemsAreReportedTogether() throws Exception {
        Path f = conf(BAD_CLAIM.replace("width = 8", "widht = 8"));
        Run r = run(f.toString(), "--dry-run");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("2 problems") && r.err().contains("fixed.widht") && r.err().contains("select_byy"), r.err());
    }

    @Test
    void dryRunPrintsTheSettingsAndABadSettingsNameFailsItNamingFileLineAndKey() throws Exception {
        String claim = "claims = [{ id = X1, text = t, metric = test_acc, treatment { seed = 1 }, control { seed = 2 }, direction = greater }]\n";
        Path f = conf(OK + "settings = [dataset]\n" + claim);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        Run ok;
        try {
            ok = run(f.toString(), "--dry-run");
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(0, ok.code(), ok.err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("settings: dataset (each claim is evaluated once per combination"),
                out.toString(StandardCharsets.UTF_8));
        Path bad = conf(OK + "settings = [datset]\n" + claim);
        Run r = run(bad.toString(), "--dry-run");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(bad + ":7: settings[0]") && r.err().contains("did you mean \"dataset\"") , r.err());
    }
}
