package claimsweep.store;

import claimsweep.expand.Expander;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;
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

import static claimsweep.testing.DuckDbQuery.query;
import static claimsweep.testing.SyntheticRuns.PROVENANCE;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The training-accuracy columns (runs.final_train_acc, curves.train_acc): written where a result has
 * them, null where it has not, and a table written before they existed still reads beside a new one,
 * its rows null (DuckDB, its own Parquet reader, merging the two by column name).
 */
class TrainAccColumnsTest {
    @TempDir
    Path tmp;

    private static RunSpec run(long seed) {
        String conf = """
                name = t
                dataset = fashion-mnist
                model = mlp
                budget { steps = 20 }
                eval_every = 10
                fixed { depth = 1, width = 16, train_size = 1000, val_size = 500, batch_size = 50, seed = %d }
                """.formatted(seed);
        return Expander.expand(SweepParser.parse("t.conf", conf, "h", List.of())).get(0);
    }

    @Test
    void newColumnsHoldTheValuesAndOldTablesReadAsNull() throws Exception {
        RunResult recorded = new RunResult(run(1), RunStatus.OK, "", 0.5, 0.8, 0.8, 20L, 0.79, 0.5, 20, 9, PROVENANCE,
                List.of(new CurvePoint(10, 0.5, 0.6, 0.6, 0.7, 0.1, 5, List.of(), List.of(), 0.75),
                        new CurvePoint(20, 1.0, 0.5, 0.5, 0.8, 0.1, 9, List.of(), List.of(), 0.9)), 0.9);
        RunResult older = new RunResult(run(2), RunStatus.OK, "", 0.5, 0.8, 0.8, 20L, 0.79, 0.5, 20, 9, PROVENANCE,
                List.of(new CurvePoint(20, 1.0, 0.5, 0.5, 0.8, 0.1, 9)));
        Path out = tmp.resolve("new");
        ParquetTables.write(out, List.of(recorded, older));
        String runs = "'" + out.resolve(ParquetTables.RUNS) + "/*.parquet'";
        String curves = "'" + out.resolve(ParquetTables.CURVES) + "/*.parquet'";
        assertEquals(List.of(List.of(recorded.runId(), 0.9), listOf(older.runId(), null)),
                query("select run_id, final_train_acc from " + runs + " order by run_index, final_train_acc nulls last"));
        assertEquals(List.of(List.of(10L, 0.75), List.of(20L, 0.9)),
                query("select step, train_acc from " + curves + " where run_id = '" + recorded.runId() + "' order by step"));
        assertEquals(listOf(listOf((Object) null)), query("select train_acc from " + curves + " where run_id = '" + older.runId() + "'"));

        // a curves table as written before train_acc existed: same schema without the column
        MessageType now = ParquetTables.curvesSchema();
        List<Type> fields = now.getFields().stream().filter(f -> !f.getName().equals("train_acc")).toList();
        assertEquals(now.getFieldCount() - 1, fields.size());
        MessageType before = new MessageType("curves", fields);
        Path old = tmp.resolve("old.parquet");
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(old.toUri()))
                .withConf(conf).withType(before).build()) {
            w.write(new SimpleGroupFactory(before).newGroup().append("run_id", "old").append("step", 20L).append("epoch", 1.0)
                    .append("train_loss", 0.5).append("val_loss", 0.5).append("val_acc", 0.8).append("lr", 0.1)
                    .append("elapsed_ms", 9L));
        }
        assertTrue(Files.size(old) > 0);
        assertEquals(List.of(listOf("old", 0.8, null), List.of(recorded.runId(), 0.8, 0.9)),
                query("select run_id, val_acc, train_acc from read_parquet(['" + old + "', " + curves + "], union_by_name = true)"
                        + " where step = 20 and run_id <> '" + older.runId() + "' order by train_acc nulls first"));
    }

    /** List.of refuses nulls; the expected rows hold some. */
    private static List<Object> listOf(Object... v) {
        return java.util.Arrays.asList(v);
    }
}
