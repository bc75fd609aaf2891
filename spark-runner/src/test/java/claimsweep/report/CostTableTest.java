package claimsweep.report;

import claimsweep.bench.NormCostTable;
import claimsweep.bench.ReferenceModel;
import claimsweep.cli.ReportMain;
import claimsweep.result.CurvePoint;
import claimsweep.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The implementation-neutral cost table (docs/cost-table.csv) beside a timing claim's own numbers (issue 19, A7). */
class CostTableTest {
    @TempDir
    Path tmp;

    /** The repository's root: -Dclaimsweep.repo.root, else the parent of the module Maven runs the tests in. */
    private static final Path COMMITTED = (System.getProperty("claimsweep.repo.root") != null
            ? Path.of(System.getProperty("claimsweep.repo.root")) : Path.of("..").toAbsolutePath().normalize())
            .resolve("docs/cost-table.csv");

    @Test
    void theCommittedTableHoldsTheReadmesNumbers() throws Exception {
        CostTable t = CostTable.read(COMMITTED);
        String readme = Files.readString(COMMITTED.getParent().getParent().resolve("README.md"));
        // "| CNN b64 | BatchNorm | +2.51 (1.19x) | +5.61 (1.50x) |": every row of the README's cost table is in the CSV
        Matcher m = Pattern.compile("\\| (MLP|CNN|RNN) b(\\d+) \\| (\\w+(?: cell| per step)?)(\\(\\d+\\))? \\| \\+([\\d.]+) \\(([\\d.]+)x\\) \\| \\+([\\d.]+) "
                + "\\(([\\d.]+)x\\) \\|").matcher(readme);
        // the RNN's rows are its in-recurrence norms (rnn_norm = layer | batch_step) over the tanh RNN
        Map<String, String> norms = Map.of("BatchNorm", "batch", "LayerNorm", "layer", "GroupNorm", "group", "InstanceNorm", "instance",
                "LayerNorm cell", "layer", "BatchNorm per step", "batch_step");
        int n = 0;
        while (m.find()) {
            String norm = norms.get(m.group(3)) + (m.group(4) == null ? "" : m.group(4));
            CostTable.Row r = t.rows().stream().filter(x -> x.model().equals(m.group(1).toLowerCase(Locale.ROOT))
                    && x.batch() == Integer.parseInt(m.group(2)) && x.norm().equals(norm)).findFirst()
                    .orElseThrow(() -> new AssertionError("README row " + m.group() + " is not in " + COMMITTED));
            assertEquals(List.of(m.group(5), m.group(6), m.group(7), m.group(8)).stream().map(Double::parseDouble).toList(),
                    List.of(r.dl4jMs(), r.dl4jRatio(), r.torchMs(), r.torchRatio()), m.group());
            n++;
        }
        assertEquals(9, n, "the README's nine norm rows (MLP BN at 64 and 256, LN; CNN BN, GN, LN, IN; RNN LN cell, BN per step)");
        assertEquals(n, t.rows().size());
        assertTrue(t.rows().stream().allMatch(r -> r.command().startsWith("scripts/bench train")));
    }

    @Test
    void aBrokenTableNamesTheFileLineAndWhatWasExpected() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, String.join(",", CostTable.HEADER) + "\ncnn,64,batch,fast,1.1,6.7,1.6,cmd,here\n");
        String m = assertThrows(IllegalArgumentException.class, () -> CostTable.read(bad)).getMessage();
        assertTrue(m.startsWith(bad + ":2: found a non-number"), m);
        Files.writeString(bad, "model,norm\ncnn,batch\n");
        String h = assertThrows(IllegalArgumentException.class, () -> CostTable.read(bad)).getMessage();
        assertTrue(h.contains(":1: found header model,norm, expected model,batch,norm,dl4j_ms_over_none"), h);
    }

    /** What {@code scripts/bench train --cost-csv FILE} writes reads back here, RNN rows and quoted conditions included. */
    @Test
    void aTableTheBenchmarkWroteReadsBack() throws Exception {
        assertEquals(List.of(CostTable.HEADER), NormCostTable.HEADER);
        var models = new java.util.ArrayList<>(ReferenceModel.standard());
        models.addAll(ReferenceModel.normalizations());
        ReferenceModel rnnBn = models.stream().filter(m -> m.key().equals("rnn-bn-b64")).findFirst().orElseThrow();
        ReferenceModel cnnGn = models.stream().filter(m -> m.key().equals("cnn-gn-b64")).findFirst().orElseThrow();
        Path csv = tmp.resolve("cost.csv");
        Files.writeString(csv, NormCostTable.csv(List.of(new NormCostTable.Row(rnnBn, 9.0, 6.0, 12.0, 8.0),
                new NormCostTable.Row(cnnGn, 13.24, 11.12, 16.21, 10.16)), "scripts/bench train --steps 20", "wall time, loaded"));
        CostTable t = CostTable.read(csv);
        assertEquals(List.of(new CostTable.Row("rnn", 64, "batch_step", 3.0, 1.5, 4.0, 1.5, "scripts/bench train --steps 20", "wall time, loaded"),
                new CostTable.Row("cnn", 64, "group(4)", 2.12, 1.19, 6.05, 1.6, "scripts/bench train --steps 20", "wall time, loaded")),
                t.rows());
    }

    /** A timing sweep: BN costs 12 ms/step against 10 without, in each of 6 seeds. */
    private Path sweep() {
        return SyntheticRuns.sweep(tmp.resolve("A7x.conf"), """
                name = A7x
                budget { steps = 20 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { norm = [none, batch], seed = [1, 2, 3, 4, 5, 6] }
                claims = [
                  { id = A7x-1, text = "BN costs at least 5% more per step", metric = ms_per_step, rule = ratio,
                    treatment { norm = batch }, control { norm = none }, direction = greater, margin = 1.05, primary = true }
                ]
                """, tmp.resolve("results/A7x"), r -> {
            long ms = (r.stringParam("norm").equals("batch") ? 240 : 200) + r.longParam("seed");
            return SyntheticRuns.ok(r, 0.8, 20, ms, List.of(new CurvePoint(20, 1.0, 0.8, 0.7, 0.8, 0.1, ms)));
        });
    }

    @Test
    void aTimingClaimsSectionCitesTheTableAndLabelsItsVerdictAsThisImplementationsCost() throws Exception {
        Path a = sweep();
        // a table of its own, so that re-measuring docs/cost-table.csv does not change what this test reads
        Path table = Files.writeString(tmp.resolve("cost.csv"), """
                model,batch,norm,dl4j_ms_over_none,dl4j_ratio,torch_ms_over_none,torch_ratio,command,measured
                cnn,64,batch,1.40,1.13,6.73,1.66,scripts/bench train --steps 1000 --cnn-steps 150 --repeats 5,"2-core VM, idle"
                cnn,64,group(4),2.13,1.19,6.05,1.60,scripts/bench train --steps 1000 --cnn-steps 150 --repeats 5,"2-core VM, idle"
                """);
        Path with = tmp.resolve("with");
        Path without = tmp.resolve("without");
        var old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            assertEquals(0, ReportMain.execute(a.toString(), "--out", with.toString(), "--cost-table", table.toString(),
                    "--no-tensorboard"));
            assertEquals(0, ReportMain.execute(a.toString(), "--out", without.toString(), "--no-tensorboard"));
        } finally {
            System.setOut(old);
        }
        String md = Files.readString(with.resolve("REPORT.md"));
        int at = md.indexOf("Implementation-neutral cost of each normalization");
        assertTrue(at > md.indexOf("Sweep file"), md);
        assertTrue(md.contains("| cnn | 64 | batch | +1.40 (1.13x) | +6.73 (1.66x) |"), md);
        assertTrue(md.contains("| cnn | 64 | group(4) | +2.13 (1.19x) | +6.05 (1.60x) |"), md);
        assertTrue(md.contains("Measured with `scripts/bench train --steps 1000 --cnn-steps 150 --repeats 5` (2-core VM"), md);
        assertTrue(md.contains("- verdict: **supported** (primary; this implementation's cost): "), md);
        assertTrue(at < md.indexOf("- verdict: **supported**"), "the citation comes before the sweep's own verdict");
        String plain = Files.readString(without.resolve("REPORT.md"));
        assertTrue(plain.contains("_No implementation-neutral cost table was given (--cost-table FILE"), plain);
        assertTrue(plain.contains("(primary; this implementation's cost)"), "the label stays without the table");
        // the verdict line still parses as a previous report's verdict
        assertEquals("supported", PreviousVerdicts.parseReport("R", "### A7x-1: t\n" + md.lines()
                .filter(l -> l.startsWith("- verdict:")).findFirst().orElseThrow()).get(0).verdict());
    }
}
