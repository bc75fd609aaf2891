package claimsweep.spark;

import claimsweep.store.ResultStore;

import claimsweep.expand.Expander;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole pipeline in Spark local mode: real training tasks, results committed per run, Parquet
 * tables that Spark SQL reads back, and resume.
 */
public class SweepJobTest {
    static final String SWEEP = """
            name = sparktest
            dataset = fashion-mnist
            model = mlp
            budget { steps = 20 }
            eval_every = 10
            fixed { depth = 1, width = 16, train_size = 1000, val_size = 500, batch_size = 50,
                    optimizer = sgd, seed = 1 }
            axes {
              norm = [none, batch]
              lr = [0.05, 1000.0]
            }
            """;

    @TempDir
    Path tmp;

    public static Path repoRoot() {
        String p = System.getProperty("claimsweep.repo.root");
        return p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
    }

    private SweepSpec spec(String... args) {
        return SweepParser.parse("sparktest.conf", SWEEP, "hash", List.of(args));
    }

    private SweepJob.Outcome run(SweepSpec spec, Path out, ByteArrayOutputStream log) {
        List<RunSpec> runs = Expander.expand(spec);
        return SweepJob.run(spec, runs, new SweepJob.Options(out, repoRoot().resolve("data"), "local[2]", false, false,
                false, false, "testcommit"), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private static SparkSession reader() {
        return SparkSession.builder().master("local[1]").appName("read-back")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @Test
    void sweepWritesParquetThatSparkSqlReadsAndResumes() throws Exception {
        Path out = tmp.resolve("out");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepJob.Outcome first = run(spec(), out, log);
        assertEquals(4, first.total());
        assertEquals(0, first.skipped());
        assertEquals(2, first.ok(), log.toString());
        assertEquals(2, first.diverged(), "lr=1000 must diverge: " + log);
        assertEquals(4, Files.list(out.resolve(ResultStore.RUNS_DIR)).count());

        SparkSession spark = reader();
        try {
            Dataset<Row> runs = spark.read().parquet(out.resolve("runs").toString());
            assertEquals(4, runs.count());
            assertEquals(4, runs.select("run_id").distinct().count());
            Map<String, Long> byStatus = runs.groupBy("status").count().collectAsList().stream()
                    .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
            assertEquals(Map.of("ok", 2L, "diverged", 2L), byStatus);
            Row ok = runs.where("status = 'ok' and norm = 'batch'").first();
            assertEquals(0.05, ok.getDouble(ok.fieldIndex("lr")));
            assertEquals(16L, ok.getLong(ok.fieldIndex("width")));
            double acc = ok.getDouble(ok.fieldIndex("test_acc"));
            assertTrue(acc > 0.2 && acc <= 1.0, "test_acc " + acc);
            assertTrue(runs.where("status = 'diverged'").where("test_acc is not null").isEmpty());

            Dataset<Row> curves = spark.read().parquet(out.resolve("curves").toString());
            // ok runs have points at steps 10 and 20
            assertEquals(2, curves.where("run_id = '" + ok.getString(ok.fieldIndex("run_id")) + "'").count());
            runs.createOrReplaceTempView("runs");
            curves.createOrReplaceTempView("curves");
            List<Row> points = spark.sql("select r.run_id, count(*) from runs r join curves c on r.run_id = c.run_id "
                    + "where r.status = 'ok' group by r.run_id").collectAsList();
            assertEquals(2, points.size());
            for (Row p : points) assertEquals(2L, p.getLong(1), "ok runs have points at steps 10 and 20");
            spark.read().parquet(out.resolve("curve_classes").toString()).createOrReplaceTempView("classes");
            spark.read().parquet(out.resolve("curve_layers").toString()).createOrReplaceTempView("layers");
            assertEquals(4L * 10, spark.sql("select count(*) from classes c join runs r on c.run_id = r.run_id "
                    + "where r.status = 'ok'").first().getLong(0), "10 classes x 2 points x 2 ok runs");
            assertEquals(4L, spark.sql("select count(*) from layers c join runs r on c.run_id = r.run_id "
                    + "where r.status = 'ok' and r.norm = 'none'").first().getLong(0), "dense + output layer x 2 points");
            assertEquals(6L, spark.sql("select count(*) from layers c join runs r on c.run_id = r.run_id "
                    + "where r.status = 'ok' and r.norm = 'batch'").first().getLong(0), "dense + BN + output x 2 points");
        } finally {
            spark.stop();
        }

        // Resume: the same command trains nothing and leaves the committed results untouched.
        Map<String, String> before = snapshot(out);
        SweepJob.Outcome second = run(spec(), out, new ByteArrayOutputStream());
        assertEquals(4, second.skipped());
        assertEquals(0, second.ok() + second.diverged() + second.failed());
        assertEquals(before, snapshot(out));

        // Adding an axis value trains only the new points.
        SweepJob.Outcome third = run(spec("norm=[none, batch, \"group(4)\"]"), out, new ByteArrayOutputStream());
        assertEquals(6, third.total());
        assertEquals(4, third.skipped());
        assertEquals(2, third.ok() + third.diverged());
    }

    private static Map<String, String> snapshot(Path out) throws Exception {
        try (var s = Files.list(out.resolve(ResultStore.RUNS_DIR))) {
            return s.collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
                try {
                    return Files.readString(p);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
    }

    @Test
    void missingDataFailsBeforeAnythingIsWritten() {
        Path out = tmp.resolve("nodata");
        List<RunSpec> runs = Expander.expand(spec());
        claimsweep.data.DataException e = assertThrows(claimsweep.data.DataException.class, () -> SweepJob.run(spec(), runs,
                new SweepJob.Options(out, tmp.resolve("empty-data"), "local[2]", false, false, false, false, "c"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("scripts/fetch-data"), e.getMessage());
        assertFalse(Files.exists(out), "nothing may be written when the data is missing");
    }

    @Test
    void outputFolderOfAnotherSweepIsRefused() throws Exception {
        Path out = tmp.resolve("other");
        Files.createDirectories(out);
        Files.writeString(out.resolve(ResultStore.SWEEP_FILE), "{\"name\": \"different\"}");
        claimsweep.spec.InputError e = assertThrows(claimsweep.spec.InputError.class,
                () -> run(spec(), out, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("different"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
    }
}
