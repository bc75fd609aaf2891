package claimsweep.report;

import claimsweep.cli.ReportMain;
import claimsweep.store.ClaimsTable;
import claimsweep.store.EvidenceData;
import claimsweep.store.ResultStore;
import claimsweep.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static claimsweep.testing.SyntheticRuns.ok;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An adaptive sweep's claims table and reports carry the sequential reading (README "Adaptive
 * seeding"), in both report paths: one sweep's folder, and the combined report from evidence data.
 */
class SequentialReportTest {
    private static final String HEAD = "group-sequential, look 1 of 3, O'Brien-Fleming; stopped: decided";

    @TempDir
    Path tmp;

    @Test
    void bothReportPathsShowTheSequentialRow() throws Exception {
        Path conf = tmp.resolve("S1-adaptive.conf");
        // round 1 only (seeds 1..4): +30 pp, 1 pp of seed noise, decided at the first look
        Path out = SyntheticRuns.sweep(conf, """
                name = s1
                dataset = fashion-mnist
                budget { steps = 10 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { lr = [0.0001, 0.05] }
                seeds { start = 4, step = 2, max = 8 }
                claims = [
                  { id = S1a, text = "the larger step learns more", metric = test_acc, treatment { lr = 0.05 },
                    control { lr = 0.0001 }, direction = greater, primary = true }
                ]
                """, tmp.resolve("S1-adaptive"), r -> {
            long seed = r.longParam("seed");
            if (seed > 4) return null;
            return ok(r, 0.5 + (r.doubleParam("lr") == 0.05 ? 0.30 + 0.01 * (seed % 2 == 0 ? 1 : -1) : 0));
        });
        var log = new ByteArrayOutputStream();
        var rows = Reports.build(out, Reports.sourceOf(out), "abc123", new PrintStream(log, true));
        assertEquals("supported", rows.get(0).verdict().kind().label());
        assertTrue(rows.get(0).verdict().reason().startsWith(HEAD), rows.get(0).verdict().reason());
        String md = Files.readString(out.resolve("report/REPORT.md"));
        assertTrue(md.contains(HEAD), md);
        var table = ClaimsTable.read(out);
        assertEquals(4, table.get(0).nSeeds(), "seeds used");
        assertTrue(table.get(0).reason().startsWith(HEAD), table.get(0).reason());
        assertTrue(table.get(0).p() <= 0.05 && table.get(0).p() > 1e-4, "the repeated p: " + table.get(0).p());

        // the combined report from committed evidence data (scripts/report --data ... --conf-dir ...)
        Path data = tmp.resolve("data");
        EvidenceData.save(new ResultStore(out), data, "S1-adaptive");
        Path combined = tmp.resolve("combined");
        assertEquals(0, ReportMain.execute("--data", data.toString(), "--conf-dir", tmp.toString(), "--out", combined.toString()));
        String all = Files.readString(combined.resolve("REPORT.md"));
        assertTrue(all.contains(HEAD), all);
    }
}
