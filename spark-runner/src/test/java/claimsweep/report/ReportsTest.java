package claimsweep.report;

import claimsweep.cli.ReportMain;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.testing.SyntheticRuns;
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

import static claimsweep.testing.SyntheticRuns.*;
import static org.junit.jupiter.api.Assertions.*;

/** scripts/report: claims evaluated from committed runs into claims/ and report/REPORT.md, no training. */
class ReportsTest {
    @TempDir
    Path tmp;

    @Test
    void reportFromCommittedRuns() throws Exception {
        Path out = SyntheticRuns.sweep(tmp.resolve("r.conf"), """
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
                """, tmp.resolve("out"),
                r -> ok(r, (r.stringParam("norm").equals("batch") ? 0.85 : 0.80) + 0.001 * r.longParam("seed")));
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
        // the same 5 pp in every seed: a point CI, p = 0 (the paired t analysis; no signed-rank floor of 1/32)
        assertEquals(0.0, rows.get(0).getDouble("p", 0), 0);
        assertEquals(0.01, rows.get(0).getDouble("margin", 0), 0, "the documented default for accuracies");
        assertEquals("C1", rows.get(0).getString("claim", 0), "a one-part claim is its own article claim");
        assertEquals("abc123", rows.get(0).getString("git_commit", 0));
        assertEquals(12, rows.get(0).getString("run_ids", 0).split(",").length);
    }

    /**
     * A {@link SyntheticRuns#normLrSweep} folder for the combined report: BN gains {@code bnGain} in every seed,
     * and without BN lr 0.1 diverges.
     */
    private Path sweep(String name, double bnGain) {
        Path out = tmp.resolve("results").resolve(name);
        return SyntheticRuns.sweep(tmp.resolve(name + ".conf"), normLrSweep(name), out, r -> {
            boolean bn = r.stringParam("norm").equals("batch");
            double acc = (bn ? 0.80 + bnGain : 0.80) + 0.001 * r.longParam("seed");
            boolean diverged = !bn && r.doubleParam("lr") > 0.05;
            return diverged ? diverged(r, twoPoints(acc)) : okWithCurve(r, acc);
        });
    }

    @Test
    void combinedReportHasOneSectionPerClaimPlotsAndInlinedImagesOnly() throws Exception {
        Path a = sweep("SA", 0.05);
        Path b = sweep("SB", 0.0);
        Path target = tmp.resolve("combined");
        int code = ReportMain.execute(a.toString(), b.toString(), "--out", target.toString(), "--title", "Evidence");
        assertEquals(0, code);
        String html = Files.readString(target.resolve("index.html"));
        String md = Files.readString(target.resolve("REPORT.md"));
        for (String id : List.of("SA-1", "SA-2", "SB-1", "SB-2")) {
            String anchor = ClaimsReport.anchor(id);
            assertEquals(1, html.split("<h3 id=\"" + anchor + "\"", -1).length - 1, "one HTML section for " + id);
            assertTrue(md.contains("### " + id + ": "), md);
        }
        // self-contained: every image inlined, nothing fetched from anywhere
        assertFalse(html.contains("src=\"http"), "no remote resources");
        assertFalse(html.contains("<script"), "no scripts");
        int images = html.split("<img ", -1).length - 1;
        assertTrue(images >= 6, images + " images");
        assertEquals(images, html.split("src=\"data:image/png;base64,", -1).length - 1);
        // the PNGs the Markdown links exist and are PNGs
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
        int linked = 0;
        while (m.find()) {
            byte[] png = Files.readAllBytes(target.resolve(m.group(1)));
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
            linked++;
        }
        assertEquals(images, linked);
        // the verdicts: SA's BN gain of 5 pp is supported; SB (no gain in any seed) is "no effect", not "refuted"
        assertTrue(md.contains("[SA-1](#claim-sa-1) | **supported** | primary"), md);
        assertTrue(md.contains("[SB-1](#claim-sb-1) | **no effect** | primary"), md);
        assertTrue(md.contains("[SA-2](#claim-sa-2) | **supported** | exploratory"), md);
        // one verdict per claim before the parts
        assertTrue(md.indexOf("## Verdicts by claim") < md.indexOf("## Every part"), md);
        assertTrue(html.contains("<h2>Verdicts by claim</h2>"));
        // provenance read from the runs
        assertTrue(md.contains("4 claims from 2 sweeps over 48 committed runs"), md);
        assertTrue(md.contains("`c0ffee`"), md);
    }

    @Test
    void holmRunsAcrossThePrimaryPartsOfEveryClaimOfTheCombinedReport() throws Exception {
        Path a = sweep("SA", 0.05);
        Path b = sweep("SB", 0.05);
        var sections = Reports.combine(List.of(a, b), null, "x", new PrintStream(new ByteArrayOutputStream(), true));
        List<Double> p = new ArrayList<>();
        List<Double> holm = new ArrayList<>();
        sections.forEach(s -> s.results().forEach(r -> {
            if (r.primary()) {
                p.add(Double.isNaN(r.p()) ? 1 : r.p());
                holm.add(r.pHolm());
            } else {
                assertTrue(Double.isNaN(r.pHolm()), r.claimId() + " is exploratory: no Holm p");
            }
        }));
        assertEquals(2, p.size(), "one primary per sweep");
        double[] expected = claimsweep.stats.Holm.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], holm.get(i), 1e-12);
    }

    /**
     * Issue 15's display bugs: every plot of the report has data (a categorical best_over or over
     * parameter drew blank charts) and every column means something for its rule (no "seeds
     * agreeing" for a rate, no CI or p for a range).
     */
    @Test
    void everyPlotHasDataAndEveryColumnMeansSomethingForItsRule() throws Exception {
        Path out = SyntheticRuns.sweep(tmp.resolve("P.conf"), """
                name = P
                dataset = fashion-mnist
                budget { steps = 20 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { norm = [none, batch], init = [he, xavier], lr = [0.01, 3.0], seed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }
                claims = [
                  { id = P1, text = "the best BN init beats none", metric = test_acc, treatment { norm = batch, lr = 0.01 },
                    control { norm = none, init = he, lr = 0.01 }, direction = greater, best_over = [init], primary = true }
                  { id = P2, text = "spread over inits shrinks", metric = best_val_acc, rule = spread_ratio, over = init,
                    treatment { norm = batch, lr = 0.01 }, control { norm = none, lr = 0.01 }, direction = less, margin = 0.5 }
                  { id = P3, text = "lr 3 diverges", metric = diverged, rule = rate, treatment { lr = 3.0 }, control { lr = 0.01 },
                    direction = greater, margin = 0.5 }
                  { id = P4, text = "seeds matter", metric = test_acc, rule = range, treatment { norm = batch, init = he, lr = 0.01 },
                    direction = greater, margin = 0.001 }
                ]
                """, tmp.resolve("results").resolve("P"), r -> {
            boolean bn = r.stringParam("norm").equals("batch");
            boolean diverged = r.doubleParam("lr") > 1;
            double acc = 0.80 + (bn ? 0.03 : 0) + (r.stringParam("init").equals("xavier") ? (bn ? 0.005 : -0.05) : 0)
                    + 0.002 * (r.longParam("seed") % 3);
            return diverged ? diverged(r, List.of()) : okWithCurve(r, acc);
        });
        var sections = Reports.combine(List.of(out), null, "x", new PrintStream(new ByteArrayOutputStream(), true));
        Path target = tmp.resolve("plots");
        List<String> skipped = ClaimsReport.write(target, "t", "", sections);
        assertEquals(List.of(), skipped, "every plot drawn, none blank");
        String md = Files.readString(target.resolve("REPORT.md"));
        for (String id : List.of("P1", "P2", "P3", "P4")) {
            String section = md.substring(md.indexOf("## " + id + ": "));
            int next = section.indexOf("\n## ", 3);
            if (next > 0) section = section.substring(0, next);
            assertTrue(section.contains("!["), id + " has a plot: " + section);
        }
        assertTrue(md.contains("init (0 = he, 1 = xavier)") || Files.readString(target.resolve("index.html")).contains("P1"),
                "the categorical parameter is placed and named");
        // the table: | claim | verdict | role | metric | effect | CI | p | p (Holm) | seeds agreeing | margin | A/A noise |
        String[] rate = md.lines().filter(l -> l.startsWith("| [P3]")).findFirst().orElseThrow().split("\\|");
        assertEquals("-", rate[9].strip(), "a rate has no seeds agreeing: " + String.join("|", rate));
        String[] range = md.lines().filter(l -> l.startsWith("| [P4]")).findFirst().orElseThrow().split("\\|");
        assertEquals("-", range[6].strip(), "a range has no CI");
        assertEquals("-", range[7].strip(), "a range has no p");
        assertEquals("-", range[9].strip(), "a range has no seeds agreeing");
        String[] paired = md.lines().filter(l -> l.startsWith("| [P1]")).findFirst().orElseThrow().split("\\|");
        assertTrue(paired[6].contains("(95%)") && paired[9].strip().matches("\\d+ of 10"), String.join("|", paired));
    }

    @Test
    void sweepsSortInClaimOrder() {
        List<String> names = new ArrayList<>(List.of("B11-x", "A10-y", "B2-z", "A2-w", "A1-v", "quickstart"));
        names.sort(java.util.Comparator.comparing(Reports::claimKey));
        assertEquals(List.of("A1-v", "A2-w", "A10-y", "B2-z", "B11-x", "quickstart"), names);
    }

    @Test
    void severalFoldersNeedOut() throws Exception {
        Path a = sweep("SA", 0.05);
        Path b = sweep("SB", 0.0);
        assertEquals(2, ReportMain.execute(a.toString(), b.toString()));
    }

    @Test
    void gradientClaimsGetALogScaledPlotEvenWhenSpreadsCrossZero() throws Exception {
        Path conf = tmp.resolve("g.conf");
        Path out = SyntheticRuns.sweep(conf, """
                name = g
                dataset = fashion-mnist
                budget { steps = 10 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8, depth = 3 }
                axes { activation = [sigmoid, relu], seed = [1, 2, 3, 4, 5, 6] }
                claims = [
                  { id = G1, text = "sigmoid vanishes", metric = grad_ratio_log10, treatment { activation = sigmoid },
                    control { activation = relu }, direction = less, margin = 2 }
                ]
                """, tmp.resolve("g-out"), r -> {
            boolean sig = r.stringParam("activation").equals("sigmoid");
            long seed = r.longParam("seed");
            List<CurvePoint.LayerGradient> g = new ArrayList<>();
            // spreads of many decades between seeds: symmetric error bars would cross zero on a log axis
            for (int l = 0; l < 4; l++) {
                g.add(new CurvePoint.LayerGradient(l, "dense", sig ? Math.pow(10, -12 + 4 * l - seed) : 1 + 0.1 * seed));
            }
            var point = new CurvePoint(10, 1, 1, 1, 0.5, 0.1, 10, List.of(), g);
            return new RunResult(r, RunStatus.OK, "", 1.0, 0.5, 0.5, 10L, 0.5, 1.0, 10, 10, PROVENANCE, List.of(point));
        });
        var results = Reports.build(out, conf, "x", new PrintStream(new ByteArrayOutputStream(), true));
        assertEquals("supported", results.get(0).verdict().kind().label(), results.get(0).verdict().reason());
        String md = Files.readString(out.resolve("report/REPORT.md"));
        assertTrue(md.contains("](G1-gradients.png)"), md);
        assertTrue(Files.size(out.resolve("report/G1-gradients.png")) > 1000);
    }

    @Test
    void aFolderThatIsNotASweepIsNamed() {
        claimsweep.spec.InputError e = assertThrows(claimsweep.spec.InputError.class, () -> Reports.sourceOf(tmp));
        assertTrue(e.getMessage().contains("sweep.json"), e.getMessage());
    }
}
