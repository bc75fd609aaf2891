package claimsweep.tensorboard;

import claimsweep.expand.Expander;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.cli.ReportMain;
import claimsweep.store.ResultStore;
import claimsweep.spark.SweepJob;
import claimsweep.cli.SweepMain;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A small sweep in Spark local mode writes TensorBoard event files as its runs commit; TensorBoard's
 * own code (scripts/tensorboard_read.py: the EventAccumulator, the data provider behind the web
 * UI and the hparams plugin's handlers) reads them back, and every scalar must equal the Parquet
 * tables' value at the same step (as float32, TensorBoard's scalar type), every histogram the
 * committed one, and the hparams plugin must group the seeds of each configuration. The same
 * results written with unmasked checksums, which TensorBoard drops without an error, must fail
 * the same comparison.
 */
class TensorBoardExportTest {
    static final String SWEEP = """
            name = tbtest
            dataset = fashion-mnist
            model = mlp
            budget { steps = 20 }
            eval_every = 10
            fixed { depth = 1, width = 16, train_size = 1000, val_size = 500, batch_size = 50,
                    optimizer = sgd, norm = batch }
            axes { lr = [0.05, 1000.0], seed = [1, 2] }
            """;

    @TempDir
    static Path tmp;
    static Path out;
    static Expected expected;
    static Map<String, RunResult> committed;

    @BeforeAll
    static void sweep() {
        out = tmp.resolve("out");
        SweepSpec spec = SweepParser.parse("tbtest.conf", SWEEP, "hash", List.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepJob.Outcome o = SweepJob.run(spec, Expander.expand(spec), new SweepJob.Options(out, repoRoot().resolve("data"),
                "local[2]", false, false, false, false, "testcommit"), new PrintStream(log, true, StandardCharsets.UTF_8),
                new LiveExport(new TensorBoardExport(out.resolve("tensorboard")), new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertEquals(2, o.ok(), log.toString());
        assertEquals(2, o.diverged(), "lr=1000 diverges: " + log);
        assertTrue(log.toString().contains("tensorboard --logdir " + out.resolve("tensorboard")), log.toString());
        expected = Expected.read(out);
        committed = new ResultStore(out).load();
    }

    static Path repoRoot() {
        String p = System.getProperty("claimsweep.repo.root");
        return p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
    }

    @Test
    void tensorBoardReadsEveryScalarHistogramAndHParamsRecordTheSweepWrote() throws Exception {
        JsonObject dump = TensorBoardReader.read(out.resolve("tensorboard"));
        assertEquals(List.of(), Expected.mismatches(dump, expected, committed));
        assertEquals(Set.of("lr=0.05/seed=1", "lr=0.05/seed=2", "lr=1000.0/seed=1", "lr=1000.0/seed=2"),
                expected.runNames(), "one folder per configuration, one subfolder per seed");
    }

    @Test
    void theHParamsPluginGroupsTheSeedsOfEachConfigurationAndAveragesTheirMetrics() throws Exception {
        JsonObject dump = TensorBoardReader.read(out.resolve("tensorboard"));
        var experiment = dump.getAsJsonObject("experiment");
        var lr = experiment.getAsJsonArray("hparamInfos").get(0).getAsJsonObject();
        assertEquals("lr", lr.get("name").getAsString());
        assertEquals("DATA_TYPE_FLOAT64", lr.get("type").getAsString());
        assertEquals("[0.05,1000.0]", lr.getAsJsonArray("domainDiscrete").toString());
        assertEquals(1, experiment.getAsJsonArray("hparamInfos").size(), "seeds are repetitions, not hyperparameters");
        assertEquals(RunEvents.METRICS.size(), experiment.getAsJsonArray("metricInfos").size(), experiment.toString());

        var groups = dump.getAsJsonArray("session_groups");
        assertEquals(2, groups.size(), groups.toString());
        for (JsonElement g : groups) {
            JsonObject group = g.getAsJsonObject();
            String name = group.get("name").getAsString();
            TreeSet<String> sessions = new TreeSet<>();
            group.getAsJsonArray("sessions").forEach(s -> sessions.add(s.getAsJsonObject().get("name").getAsString()));
            assertEquals(Set.of(name + "/seed=1", name + "/seed=2"), sessions, "group " + name);
            // the group's validation accuracy is the mean of its seeds' last values (as float32)
            double mean = sessions.stream().mapToDouble(s -> (float) expected.finalValAcc(s)).average().orElseThrow();
            double shown = Double.NaN;
            for (JsonElement mv : group.getAsJsonArray("metricValues")) {
                JsonObject m = mv.getAsJsonObject();
                if (m.getAsJsonObject("name").get("tag").getAsString().equals(RunEvents.VAL_ACC)) shown = m.get("value").getAsDouble();
            }
            assertEquals(mean, shown, 1e-7, "group " + name);
            boolean diverged = name.equals("lr=1000.0");
            group.getAsJsonArray("sessions").forEach(s -> assertEquals(diverged ? "STATUS_FAILURE" : "STATUS_SUCCESS",
                    s.getAsJsonObject().get("status").getAsString()));
        }
    }

    @Test
    void filesWithUnmaskedChecksumsAreDroppedByTensorBoardSilentlyAndFailTheComparison() throws Exception {
        Path broken = tmp.resolve("broken");
        new TensorBoardExport(broken, TfRecords.Checksum.UNMASKED_FOR_TESTS).writeAll(committed.values());
        JsonObject dump = TensorBoardReader.read(broken); // exits 0: TensorBoard reports nothing wrong
        List<String> problems = Expected.mismatches(dump, expected, committed);
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains("missing")), problems.toString());
    }

    @Test
    void scriptsReportRewritesTheSameBytesFromCommittedResults() throws Exception {
        Path again = tmp.resolve("again");
        Path conf = Files.writeString(tmp.resolve("tbtest.conf"), SWEEP);
        assertEquals(0, ReportMain.execute(out.toString(), "--conf", conf.toString(), "--tensorboard", again.toString()));
        Map<String, byte[]> live = files(out.resolve("tensorboard"));
        Map<String, byte[]> rewritten = files(again);
        assertEquals(live.keySet(), rewritten.keySet());
        live.forEach((k, v) -> assertArrayEquals(v, rewritten.get(k), k));
        // a second rewrite replaces each run's file instead of adding one
        new TensorBoardExport(again).writeAll(committed.values());
        assertEquals(live.keySet(), files(again).keySet());
        assertEquals(2, ReportMain.execute(out.toString(), "--tensorboard", again.toString(), "--no-tensorboard"));
        assertEquals(2, ReportMain.execute(out.toString(), out.toString(), "--out", tmp.resolve("r").toString(),
                "--tensorboard", again.toString()), "one --tensorboard DIR for two folders");
    }

    @Test
    void theSweepCommandRefusesBothTensorBoardOptionsBeforeWritingAnything() throws Exception {
        Path conf = Files.writeString(tmp.resolve("both.conf"), SWEEP);
        Path target = tmp.resolve("both");
        assertEquals(2, SweepMain.execute(conf.toString(), "--out", target.toString(), "--tensorboard",
                target.resolve("tb").toString(), "--no-tensorboard"));
        assertFalse(Files.exists(target));
    }

    @Test
    void resultsWithoutHistogramsAndFailedRunsWithoutACurveExportToo() throws Exception {
        RunResult ok = committed.get(expected.runIdByName().get("lr=0.05/seed=1"));
        List<CurvePoint> stripped = ok.curve().stream().map(p -> new CurvePoint(p.step(), p.epoch(), p.trainLoss(),
                p.valLoss(), p.valAcc(), p.lr(), p.elapsedMs(), p.classAcc(), p.gradients().stream()
                .map(g -> new CurvePoint.LayerGradient(g.layer(), g.type(), g.norm())).toList())).toList();
        RunResult old = new RunResult(ok.spec(), ok.status(), ok.reason(), ok.finalValLoss(), ok.finalValAcc(),
                ok.bestValAcc(), ok.bestValStep(), ok.testAcc(), ok.testLoss(), ok.steps(), ok.wallMs(), ok.provenance(), stripped);
        RunResult other = committed.get(expected.runIdByName().get("lr=0.05/seed=2"));
        RunResult failed = new RunResult(other.spec(), RunStatus.FAILED, "OutOfMemoryError: test", null, null, null, null,
                null, null, 0, 5, other.provenance(), List.of());
        Path dir = tmp.resolve("old");
        new TensorBoardExport(dir).writeAll(List.of(old, failed));
        JsonObject runs = TensorBoardReader.read(dir).getAsJsonObject("runs");
        JsonObject first = runs.getAsJsonObject("lr=0.05/seed=1");
        assertEquals(ok.curve().size(), first.getAsJsonObject("scalars").getAsJsonArray(RunEvents.VAL_ACC).size());
        assertEquals(0, first.getAsJsonObject("histograms").size());
        assertFalse(first.getAsJsonObject("scalars").has(RunEvents.TRAIN_ACC), "no training accuracy recorded: no scalar");
        JsonObject second = runs.getAsJsonObject("lr=0.05/seed=2");
        assertEquals("[[0,0.0]]", second.getAsJsonObject("scalars").getAsJsonArray(RunEvents.DIVERGED).toString());
        assertEquals("STATUS_FAILURE", second.getAsJsonObject("hparams").getAsJsonObject(EventProtos.SESSION_END_TAG)
                .getAsJsonObject("sessionEndInfo").get("status").getAsString());
    }

    private static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return out;
    }
}
