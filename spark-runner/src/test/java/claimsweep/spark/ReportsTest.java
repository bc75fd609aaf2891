package claimsweep.spark;

import claimsweep.expand.Expander;
import claimsweep.expand.RunSpec;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** scripts/report: claims evaluated from committed runs into claims/ and report/REPORT.md, no training. */
class ReportsTest {
    @TempDir
    Path tmp;

    @Test
    void reportFromCommittedRuns() throws Exception {
        Path conf = tmp.resolve("r.conf");
        Files.writeString(conf, """
                name = r
                dataset = fashion-mnist
                budget { steps = 10 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { norm = [none, batch], seed = [1, 2, 3, 4, 5, 6] }
                claims = [
                  { id = C1, text = "BN is better", metric = test_acc, treatment { norm = batch }, control { norm = none },
                    direction = greater }
                ]
                """);
        SweepSpec spec = SweepParser.parse(conf, List.of());
        List<RunSpec> runs = Expander.expand(spec);
        Path out = tmp.resolve("out");
        ResultStore store = new ResultStore(out);
        store.open(spec, false);
        Provenance p = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);
        for (RunSpec r : runs) {
            double acc = (r.stringParam("norm").equals("batch") ? 0.85 : 0.80) + 0.001 * r.longParam("seed");
            store.commit(new RunResult(r, RunStatus.OK, "", 0.5, acc, acc, 10L, acc, 0.5, 10, 100, p, List.of()));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        var results = Reports.build(out, Reports.sourceOf(out), "abc123", new PrintStream(log, true));
        assertEquals(1, results.size());
        assertEquals("supported", results.get(0).verdict().kind().label(), log.toString());

        String md = Files.readString(out.resolve("report/REPORT.md"));
        assertTrue(md.contains("## C1: BN is better"), md);
        assertTrue(md.contains("**supported**"), md);

        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(out.resolve("claims/part-00000.parquet").toUri()))
                .withConf(new Configuration(false)).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) rows.add(g);
        }
        assertEquals(1, rows.size());
        assertEquals("C1", rows.get(0).getString("claim_id", 0));
        assertEquals(0.05, rows.get(0).getDouble("effect", 0), 1e-9);
        assertEquals(6, rows.get(0).getInteger("n_seeds", 0));
        assertEquals(0.03125, rows.get(0).getDouble("p", 0), 1e-12);
        assertEquals("abc123", rows.get(0).getString("git_commit", 0));
        assertEquals(12, rows.get(0).getString("run_ids", 0).split(",").length);
    }

    @Test
    void aFolderThatIsNotASweepIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Reports.sourceOf(tmp));
        assertTrue(e.getMessage().contains("sweep.json"), e.getMessage());
    }
}
