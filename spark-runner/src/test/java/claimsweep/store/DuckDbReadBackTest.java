package claimsweep.store;

import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.cli.SweepMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static claimsweep.testing.DuckDbQuery.query;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Independent read-back: DuckDB (its own Parquet reader, not the parquet-mr that wrote the files)
 * opens every table of a real sweep's output folder, and each value equals the committed JSON
 * result it came from. The README's DuckDB query runs verbatim, extracted from README.md, so a
 * README query that stops working fails here.
 */
class DuckDbReadBackTest {
    private static final String SWEEP = """
            name = readback
            dataset = fashion-mnist
            model = mlp
            budget { steps = 20 }
            eval_every = 10
            fixed { depth = 1, width = 16, train_size = 1000, val_size = 500, batch_size = 50, optimizer = sgd }
            axes { norm = [none, batch], lr = [0.05, 0.1], seed = [1, 2] }
            claims = [
              { id = T1, text = "BN raises final validation accuracy (each arm at its best lr)", metric = final_val_acc,
                treatment { norm = batch }, control { norm = none }, direction = greater, best_over = [lr] }
            ]
            """;

    @TempDir
    static Path tmp;
    private static Path out;
    private static Map<String, RunResult> stored;
    private static String log;

    @BeforeAll
    static void sweep() throws Exception {
        Path conf = Files.writeString(tmp.resolve("readback.conf"), SWEEP);
        out = tmp.resolve("results");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, SweepMain.execute(conf.toString(), "--out", out.toString(), "--master", "local[2]",
                    "--data-dir", repoRoot().resolve("data").toString()));
        } finally {
            System.setOut(old);
        }
        log = buf.toString(StandardCharsets.UTF_8);
        stored = new ResultStore(out).load();
        assertEquals(8, stored.size(), log);
    }

    static Path repoRoot() {
        String p = System.getProperty("claimsweep.repo.root");
        return p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
    }

    private static String table(String name) {
        return "'" + out.resolve(name) + "/*.parquet'";
    }

    @Test
    void runsTableEqualsTheCommittedResults() throws Exception {
        List<List<Object>> rows = query("select run_id, status, test_acc, steps_done, norm, lr, seed, "
                + "epoch_ms(start_time), max_minutes, final_train_acc from " + table(ParquetTables.RUNS) + " order by run_id");
        assertEquals(stored.size(), rows.size());
        for (List<Object> row : rows) {
            RunResult r = stored.get((String) row.get(0));
            assertNotNull(r, "unknown run id " + row.get(0));
            assertEquals(r.status().label(), row.get(1));
            assertEquals(r.testAcc(), row.get(2));
            assertEquals(r.steps(), ((Number) row.get(3)).longValue());
            assertEquals(r.spec().stringParam("norm"), row.get(4));
            assertEquals(r.spec().doubleParam("lr"), row.get(5));
            assertEquals(r.spec().longParam("seed"), ((Number) row.get(6)).longValue());
            assertEquals(r.provenance().startMs(), ((Number) row.get(7)).longValue());
            assertEquals(0.0, row.get(8));
            assertNotNull(r.finalTrainAcc(), "the trainer records training accuracy");
            assertEquals(r.finalTrainAcc(), row.get(9));
        }
    }

    @Test
    void curveTablesEqualEveryCommittedPoint() throws Exception {
        Map<String, Object> expected = new TreeMap<>();
        Map<String, Object> classes = new TreeMap<>();
        Map<String, Object> layers = new TreeMap<>();
        for (RunResult r : stored.values()) {
            for (CurvePoint p : r.curve()) {
                expected.put(r.runId() + "@" + p.step(), List.of(p.trainLoss(), p.valLoss(), p.valAcc(), p.lr(), p.trainAcc()));
                for (int c = 0; c < p.classAcc().size(); c++) classes.put(r.runId() + "@" + p.step() + "#" + c, p.classAcc().get(c));
                for (CurvePoint.LayerGradient g : p.gradients()) {
                    layers.put(r.runId() + "@" + p.step() + "#" + g.layer(), List.of(g.type(), g.norm()));
                }
            }
        }
        assertEquals(8 * 2, expected.size(), "two evaluation points per run");
        Map<String, Object> curves = new TreeMap<>();
        for (List<Object> row : query("select run_id, step, train_loss, val_loss, val_acc, lr, train_acc from "
                + table(ParquetTables.CURVES))) {
            curves.put(row.get(0) + "@" + row.get(1), List.of(row.get(2), row.get(3), row.get(4), row.get(5), row.get(6)));
        }
        assertEquals(expected, curves);
        Map<String, Object> gotClasses = new TreeMap<>();
        for (List<Object> row : query("select run_id, step, class, val_acc from " + table(ParquetTables.CURVE_CLASSES))) {
            gotClasses.put(row.get(0) + "@" + row.get(1) + "#" + row.get(2), row.get(3));
        }
        assertEquals(8 * 2 * 10, classes.size());
        assertEquals(classes, gotClasses);
        Map<String, Object> gotLayers = new TreeMap<>();
        for (List<Object> row : query("select run_id, step, layer, layer_type, grad_norm from "
                + table(ParquetTables.CURVE_LAYERS))) {
            gotLayers.put(row.get(0) + "@" + row.get(1) + "#" + row.get(2), List.of(row.get(3), row.get(4)));
        }
        assertFalse(layers.isEmpty());
        assertEquals(layers, gotLayers);
    }

    @Test
    void claimsTableHoldsTheVerdictTheSweepPrinted() throws Exception {
        List<List<Object>> rows = query("select claim_id, verdict, n_seeds, run_ids from " + table(ParquetTables.CLAIMS));
        assertEquals(1, rows.size());
        assertEquals("T1", rows.get(0).get(0));
        assertTrue(Pattern.compile("(?m)^T1\\s+" + rows.get(0).get(1) + "\\s").matcher(log).find(),
                "verdict " + rows.get(0).get(1) + " not in the printed table:\n" + log);
        assertEquals(2, ((Number) rows.get(0).get(2)).intValue());
        for (String id : ((String) rows.get(0).get(3)).split(",")) assertTrue(stored.containsKey(id), id);
    }

    /** scripts/export csv: every table as one CSV file that DuckDB reads back to the committed values. */
    @Test
    void csvExportHoldsEveryTableAndTheSameValues() throws Exception {
        Path csv = tmp.resolve("csv");
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, claimsweep.cli.ExportMain.execute("csv", out.toString(), "--out", csv.toString()));
        } finally {
            System.setOut(old);
        }
        try (var files = Files.list(csv)) {
            assertEquals(List.of("claims.csv", "curve_classes.csv", "curve_layers.csv", "curves.csv", "runs.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "one file per table, nothing else");
        }
        for (String t : List.of(ParquetTables.RUNS, ParquetTables.CURVES, ParquetTables.CURVE_CLASSES,
                ParquetTables.CURVE_LAYERS, ParquetTables.CLAIMS)) {
            assertEquals(query("select count(*) from " + table(t)), query("select count(*) from read_csv('"
                    + csv.resolve(t + ".csv") + "', header = true)"), t);
        }
        for (List<Object> row : query("select run_id, test_acc, tag from read_csv('" + csv.resolve("runs.csv")
                + "', header = true)")) {
            RunResult r = stored.get((String) row.get(0));
            assertEquals(r.testAcc(), row.get(1));
            assertEquals(r.spec().tag(), row.get(2), "tags hold commas: quoted in the CSV");
        }
    }

    /** The README's query, as written there, on this folder: one row per (norm, lr) with the mean test accuracy. */
    @Test
    void theReadmeQueryRunsAsWritten() throws Exception {
        String readme = Files.readString(repoRoot().resolve("README.md"));
        Matcher m = Pattern.compile("duckdb\\.sql\\(\\\\\"(.+?)\\\\\"\\)").matcher(readme);
        assertTrue(m.find(), "README.md has no python3 -c \"import duckdb; ... duckdb.sql(\\\"...\\\")\" line");
        String sql = m.group(1);
        String path = "results/quickstart/";
        assertTrue(sql.contains("'" + path), "the README query reads " + path + ": " + sql);
        List<List<Object>> rows = query(sql.replace("'" + path, "'" + out + "/"));
        Map<String, Double> sum = new TreeMap<>();
        for (RunResult r : stored.values()) {
            sum.merge(r.spec().stringParam("norm") + " " + r.spec().doubleParam("lr"), r.testAcc() / 2, Double::sum);
        }
        Map<String, Double> got = new TreeMap<>();
        for (List<Object> row : rows) got.put(row.get(0) + " " + row.get(1), (Double) row.get(2));
        assertEquals(sum.keySet(), got.keySet());
        sum.forEach((k, v) -> assertEquals(v, got.get(k), 1e-12, k));
        List<String> order = rows.stream().map(r -> r.get(0) + " " + r.get(1)).toList();
        assertEquals(List.of("batch 0.05", "batch 0.1", "none 0.05", "none 0.1"), order, "order by all");
    }
}
