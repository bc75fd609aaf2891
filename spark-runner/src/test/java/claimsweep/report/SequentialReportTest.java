package claimsweep.report;

import claimsweep.cli.ReportMain;
import claimsweep.expand.Expander;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import claimsweep.store.ClaimsTable;
import claimsweep.store.EvidenceData;
import claimsweep.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        Files.writeString(conf, """
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
                """);
        SweepSpec spec = SweepParser.parse(conf, List.of());
        Path out = tmp.resolve("S1-adaptive");
        ResultStore store = new ResultStore(out);
        store.open(spec, false);
        Provenance p = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);
        // round 1 only (seeds 1..4): +30 pp, 1 pp of seed noise, decided at the first look
        for (RunSpec r : Expander.expand(spec.atSeedCap())) {
            long seed = r.longParam("seed");
            if (seed > 4) continue;
            double acc = 0.5 + (r.doubleParam("lr") == 0.05 ? 0.30 + 0.01 * (seed % 2 == 0 ? 1 : -1) : 0);
            store.commit(new RunResult(r, RunStatus.OK, "", 0.5, acc, acc, 10L, acc, 0.5, 10, 100, p, List.of()));
        }
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
        EvidenceData.save(store, data, "S1-adaptive");
        Path combined = tmp.resolve("combined");
        assertEquals(0, ReportMain.execute("--data", data.toString(), "--conf-dir", tmp.toString(), "--out", combined.toString()));
        String all = Files.readString(combined.resolve("REPORT.md"));
        assertTrue(all.contains(HEAD), all);
    }
}
