package claimsweep.store;

import claimsweep.claims.ClaimResult;
import claimsweep.claims.Outcome;
import claimsweep.stats.Verdict;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The claims table read back: its setting column, and tables written before that column existed. */
class ClaimsTableTest {
    @TempDir
    Path tmp;

    private static ClaimResult row(String id, String setting, Verdict.Kind kind, double effect) {
        return new ClaimResult(id, id, "t", true, new Outcome(new Verdict(kind, "why"), "test_acc", effect, effect - 0.01,
                effect + 0.01, 95, 0.01, 6, 6, 0.01, "", List.of("a", "b")), 0.02, "", setting);
    }

    @Test
    void rowsReadBackWithTheirSetting() {
        ParquetTables.writeClaims(tmp, List.of(row("A1", "dataset=mnist", Verdict.Kind.SUPPORTED, 0.05),
                row("A1", "dataset=fashion-mnist", Verdict.Kind.INCONCLUSIVE, 0.004)), "h", "c");
        var rows = ClaimsTable.read(tmp);
        assertEquals(List.of("dataset=mnist", "dataset=fashion-mnist"), rows.stream().map(ClaimsTable.Row::setting).toList());
        assertEquals("inconclusive", rows.get(1).verdict());
        assertEquals(0.004, rows.get(1).effect(), 0);
        assertEquals(0.02, rows.get(0).pHolm(), 0);
    }

    @Test
    void aTableWrittenBeforeSettingsExistedReadsWithAnEmptySetting() throws Exception {
        // the schema as it was: every column but setting
        MessageType now = ParquetTables.claimsSchema();
        List<Type> old = now.getFields().stream().filter(f -> !f.getName().equals("setting")).toList();
        MessageType schema = new MessageType("claims", old);
        assertEquals(now.getFieldCount() - 1, schema.getFieldCount());
        Path dir = tmp.resolve(ParquetTables.CLAIMS);
        Files.createDirectories(dir);
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(dir.resolve(ParquetTables.FILE).toUri()))
                .withConf(conf).withType(schema).build()) {
            Group g = new SimpleGroupFactory(schema).newGroup().append("claim_id", "A1").append("text", "t").append("verdict", "supported")
                    .append("metric", "test_acc").append("effect", 0.05).append("n_seeds", 6).append("k_agree", 6).append("margin", 0.01)
                    .append("claim", "A1").append("primary", true).append("aa_noise", "").append("reason", "r").append("chosen", "")
                    .append("run_ids", "a,b").append("sweep_hash", "h").append("git_commit", "c");
            w.write(g);
        }
        var rows = ClaimsTable.read(tmp);
        assertEquals(1, rows.size());
        assertEquals("", rows.get(0).setting());
        assertEquals("supported", rows.get(0).verdict());
        assertEquals(0.05, rows.get(0).effect(), 0);
        assertTrue(Double.isNaN(rows.get(0).pHolm()), "absent optional numbers read as NaN");
    }
}
