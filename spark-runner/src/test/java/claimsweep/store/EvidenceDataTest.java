package claimsweep.store;

import claimsweep.cli.ReportMain;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The committed evidence data: runs -> Parquet -> runs, a report rebuilt from it alone, and writes that never tear. */
class EvidenceDataTest {
    @TempDir
    Path tmp;

    /**
     * A {@link SyntheticRuns#normLrSweep} folder with ok, diverged and failed runs whose curves carry per-class
     * accuracy and per-layer norms.
     */
    private Path sweep(String name, double bnGain) {
        return SyntheticRuns.sweep(tmp.resolve("experiments").resolve(name + ".conf"), SyntheticRuns.normLrSweep(name),
                tmp.resolve("results").resolve(name), r -> result(r, bnGain));
    }

    private static RunResult result(RunSpec r, double bnGain) {
        boolean bn = r.stringParam("norm").equals("batch");
        long seed = r.longParam("seed");
        double acc = (bn ? 0.80 + bnGain : 0.80) + 0.001 * seed;
        boolean diverged = !bn && r.doubleParam("lr") > 0.05;
        boolean failed = bn && seed == 6 && r.doubleParam("lr") > 0.05;
        List<CurvePoint> curve = new ArrayList<>();
        for (int s = 10; s <= 20; s += 10) {
            double a = acc - 0.05 * (20 - s) / 10.0;
            curve.add(new CurvePoint(s, s / 20.0, diverged && s == 20 ? Double.NaN : 1.0 / s, 0.9, a, 0.1, 5L * s,
                    List.of(a - 0.1, a + 0.1, Double.NaN), List.of(new CurvePoint.LayerGradient(0, "dense", 0.5 / s),
                    new CurvePoint.LayerGradient(1, "output", 0.25 / s)), s == 20 && seed == 1 ? null : a + 0.05));
        }
        RunStatus status = failed ? RunStatus.FAILED : diverged ? RunStatus.DIVERGED : RunStatus.OK;
        return new RunResult(r, status, failed ? "time limit" : diverged ? "loss NaN" : "",
                diverged || failed ? null : 0.5, diverged ? null : acc, diverged ? null : acc, 20L,
                diverged || failed ? null : acc, diverged || failed ? null : 0.5, 20, 100 + seed, SyntheticRuns.PROVENANCE, curve,
                diverged || failed || seed == 1 ? null : acc + 0.05);
    }

    /** A result as the data folder keeps it: no parameter origins (only --dry-run prints them). */
    private static RunResult withoutOrigins(RunResult r) {
        RunSpec s = r.spec();
        return new RunResult(new RunSpec(s.runId(), s.tag(), s.sweepName(), s.index(), s.params(), Map.of()), r.status(),
                r.reason(), r.finalValLoss(), r.finalValAcc(), r.bestValAcc(), r.bestValStep(), r.testAcc(), r.testLoss(),
                r.steps(), r.wallMs(), r.provenance(), r.curve(), r.finalTrainAcc());
    }

    @Test
    void runsRoundTripThroughTheDataFolderAndFailedRunsAreNotDone() throws Exception {
        Path out = sweep("SA", 0.05);
        Map<String, RunResult> stored = new ResultStore(out).load();
        Path data = tmp.resolve("data");
        assertEquals(24, EvidenceData.save(new ResultStore(out), data, "SA"));

        Map<String, RunResult> back = EvidenceData.read(EvidenceData.folder(data, "SA"));
        assertEquals(stored.keySet(), back.keySet());
        for (RunResult r : stored.values()) assertEquals(withoutOrigins(r), back.get(r.runId()), r.spec().tag());
        // diverged runs are done (a result), the failed one (a crash or a time limit) are trained again
        long failed = stored.values().stream().filter(r -> r.status() == RunStatus.FAILED).count();
        long diverged = stored.values().stream().filter(r -> r.status() == RunStatus.DIVERGED).count();
        assertEquals(1, failed);
        assertEquals(6, diverged);
        Map<String, RunResult> done = EvidenceData.done(EvidenceData.folder(data, "SA"));
        assertEquals(23, done.size());
        assertTrue(done.values().stream().noneMatch(r -> r.status() == RunStatus.FAILED));
        assertTrue(Files.isRegularFile(EvidenceData.folder(data, "SA").resolve(ResultStore.SWEEP_FILE)));
        // zstd Parquet that another reader (DuckDB) reads: 24 runs, 2 points each with 3 classes and 2 layers
        Path dir = EvidenceData.folder(data, "SA");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
             var rs = st.executeQuery("SELECT (SELECT count(*) FROM '" + dir.resolve("runs.parquet") + "'), "
                     + "(SELECT count(*) FROM '" + dir.resolve("curves.parquet") + "'), "
                     + "(SELECT count(*) FROM '" + dir.resolve("curve_classes.parquet") + "'), "
                     + "(SELECT count(*) FROM '" + dir.resolve("curve_layers.parquet") + "')")) {
            assertTrue(rs.next());
            assertEquals(List.of(24L, 48L, 144L, 96L), List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
    }

    @Test
    void reportFromTheDataFolderAloneEqualsTheReportFromTheResultsFolders() throws Exception {
        Path a = sweep("SA", 0.05);
        Path b = sweep("SB", 0.0);
        Path data = tmp.resolve("data");
        EvidenceData.save(new ResultStore(a), data, "SA");
        EvidenceData.save(new ResultStore(b), data, "SB");
        Path fromResults = tmp.resolve("from-results");
        assertEquals(0, ReportMain.execute(a.toString(), b.toString(), "--out", fromResults.toString(), "--title", "E",
                "--no-tensorboard"));
        // a fresh clone: no results/ folder, the experiment files found by name in --conf-dir
        Path conf = tmp.resolve("experiments");
        Path clone = Files.createDirectories(tmp.resolve("clone/experiments"));
        for (String f : List.of("SA.conf", "SB.conf")) Files.copy(conf.resolve(f), clone.resolve(f));
        claimsweep.io.AtomicFiles.deleteTree(tmp.resolve("results"));
        claimsweep.io.AtomicFiles.deleteTree(conf);
        Path fromData = tmp.resolve("from-data");
        assertEquals(0, ReportMain.execute("--data", data.toString(), "--conf-dir", clone.toString(), "--out",
                fromData.toString(), "--title", "E"));

        String expected = Files.readString(fromResults.resolve("REPORT.md")).replace(conf.toString(), clone.toString());
        String md = Files.readString(fromData.resolve("REPORT.md"));
        assertEquals(expected, md);
        assertTrue(md.contains("over 48 committed runs"), md);
        assertEquals(files(fromResults), files(fromData), "the same plots");
        for (String f : files(fromResults)) {
            if (f.endsWith(".png")) {
                assertArrayEquals(Files.readAllBytes(fromResults.resolve(f)), Files.readAllBytes(fromData.resolve(f)), f);
            }
        }
    }

    @Test
    void aReportReadsOnlyTheRunsTheCurrentDesignDefines() throws Exception {
        Path a = sweep("SA", 0.05);
        Path data = tmp.resolve("data");
        EvidenceData.save(new ResultStore(a), data, "SA");
        // the design changes after the data was committed: lr 0.1 is dropped from the grid
        Path conf = tmp.resolve("experiments/SA.conf");
        Files.writeString(conf, Files.readString(conf).replace("lr = [0.01, 0.1]", "lr = [0.01]"));
        Path out = tmp.resolve("report");
        var log = new java.io.ByteArrayOutputStream();
        var old = System.out;
        System.setOut(new java.io.PrintStream(log, true));
        try {
            assertEquals(0, ReportMain.execute("--data", data.toString(), "--conf-dir", conf.getParent().toString(), "--out",
                    out.toString(), "--title", "E"));
        } finally {
            System.setOut(old);
        }
        assertEquals(24, EvidenceData.read(data.resolve("SA")).size(), "the data keeps every committed run");
        String md = Files.readString(out.resolve("REPORT.md"));
        assertTrue(md.contains("over 12 committed runs"), md);
        assertTrue(log.toString().contains("12 more runs in the data are not in its current design: left out"), log.toString());
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousDataIntact() throws Exception {
        Path out = sweep("SA", 0.05);
        Path data = tmp.resolve("data");
        EvidenceData.save(new ResultStore(out), data, "SA");
        Path folder = EvidenceData.folder(data, "SA");
        Map<String, RunResult> before = EvidenceData.read(folder);
        // a run whose layer type is missing fails in the third table, after runs and curves were written
        RunResult good = before.values().iterator().next();
        CurvePoint p0 = good.curve().get(0);
        CurvePoint broken = new CurvePoint(p0.step(), p0.epoch(), p0.trainLoss(), p0.valLoss(), p0.valAcc(), p0.lr(),
                p0.elapsedMs(), p0.classAcc(), List.of(new CurvePoint.LayerGradient(0, null, 1.0)));
        RunResult bad = new RunResult(good.spec(), RunStatus.OK, "", 0.1, 0.9, 0.9, 20L, 0.9, 0.1, 20, 1, good.provenance(),
                List.of(broken));
        assertThrows(RuntimeException.class, () -> EvidenceData.write(data, "SA", List.of(bad), null));
        assertEquals(before, EvidenceData.read(folder), "previous tables unchanged");
        try (Stream<Path> s = Files.list(data)) {
            assertEquals(List.of("SA"), s.map(p -> p.getFileName().toString()).toList(), "no temporary folder left");
        }
    }

    @Test
    void aTruncatedTableIsAnErrorNamingTheFile() throws Exception {
        Path out = sweep("SA", 0.05);
        Path data = tmp.resolve("data");
        EvidenceData.save(new ResultStore(out), data, "SA");
        Path runs = EvidenceData.folder(data, "SA").resolve("runs.parquet");
        byte[] all = Files.readAllBytes(runs);
        Files.write(runs, java.util.Arrays.copyOf(all, all.length / 2));
        var e = assertThrows(IllegalStateException.class, () -> EvidenceData.read(EvidenceData.folder(data, "SA")));
        assertTrue(e.getMessage().contains(runs.toString()), e.getMessage());
    }
}
