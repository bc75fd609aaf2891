package claimsweep.report;

import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.store.ResultStore;
import claimsweep.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static claimsweep.testing.SyntheticRuns.PROVENANCE;
import static org.junit.jupiter.api.Assertions.*;

/** Training accuracy beside validation accuracy in the learning curves of claims about overfitting. */
class TrainingCurvesTest {
    @TempDir
    Path tmp;

    /** A sweep over dropout x 6 seeds: without dropout the network memorizes (training accuracy 1.0) and the gap is wider. */
    private Path sweep(String metric) {
        return SyntheticRuns.sweep(tmp.resolve("OF.conf"), """
                name = OF
                budget { steps = 20 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { dropout = [0.0, 0.5], seed = [1, 2, 3, 4, 5, 6] }
                claims = [
                  { id = OF-1, text = "dropout narrows the gap", metric = %s, treatment { dropout = 0.5 },
                    control { dropout = 0.0 }, direction = less, primary = true }
                ]
                """.formatted(metric), tmp.resolve("results/OF"),
                r -> run(r, r.doubleParam("dropout") == 0.0 ? 1.0 : 0.9));
    }

    private static RunResult run(RunSpec r, double train) {
        double val = 0.8 + 0.001 * r.longParam("seed");
        List<CurvePoint> curve = List.of(new CurvePoint(10, 0.5, 1.0, 0.9, val - 0.05, 0.1, 50, List.of(), List.of(), train - 0.1),
                new CurvePoint(20, 1.0, 0.8, 0.7, val, 0.1, 100, List.of(), List.of(), train));
        return new RunResult(r, RunStatus.OK, "", 0.7, val, val, 20L, val, 0.5, 20, 100, PROVENANCE, curve, train);
    }

    @Test
    void eachArmsTrainingCurveIsDashedInItsValidationCurvesColour() throws Exception {
        Path out = sweep("acc_gap");
        var runs = new ResultStore(out).load().values().stream().toList();
        Map<String, List<RunResult>> arms = new LinkedHashMap<>();
        arms.put("treatment", runs.stream().filter(r -> r.spec().doubleParam("dropout") == 0.5).toList());
        arms.put("control", runs.stream().filter(r -> r.spec().doubleParam("dropout") == 0.0).toList());
        var chart = Plots.curves("t", arms, true);
        assertEquals(List.of("treatment (6 runs), validation", "treatment (6 runs), training", "control (6 runs), validation",
                "control (6 runs), training"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries tv = chart.getSeriesMap().get("treatment (6 runs), validation");
        XYSeries tt = chart.getSeriesMap().get("treatment (6 runs), training");
        XYSeries ct = chart.getSeriesMap().get("control (6 runs), training");
        assertEquals(tv.getLineColor(), tt.getLineColor());
        assertNotEquals(tt.getLineColor(), ct.getLineColor(), "arms keep distinct colours");
        assertEquals(SeriesLines.DASH_DASH, tt.getLineStyle());
        assertNotEquals(SeriesLines.DASH_DASH, tv.getLineStyle());
        assertArrayEquals(new double[] {0.9, 1.0}, ct.getYData(), 1e-12, "the control's training accuracy, mean over seeds");
        // without training accuracy asked for (or recorded), one series per arm as before
        assertEquals(2, Plots.curves("t", arms, false).getSeriesMap().size());
        Map<String, List<RunResult>> old = Map.of("old", List.of(run(arms.get("control").get(0).spec(), 1.0)).stream()
                .map(r -> new RunResult(r.spec(), r.status(), "", 0.7, 0.8, 0.8, 20L, 0.8, 0.5, 20, 100, PROVENANCE, List.of(
                        new CurvePoint(20, 1.0, 0.8, 0.7, 0.8, 0.1, 100)))).toList());
        assertEquals(List.of("old (1 runs), validation"), List.copyOf(Plots.curves("t", old, true).getSeriesMap().keySet()));
    }

    @Test
    void theReportSaysWhenTheCurvesShowTrainingAccuracy() throws Exception {
        var quiet = new PrintStream(new ByteArrayOutputStream(), true);
        Path gap = sweep("acc_gap");
        Reports.build(gap, Reports.sourceOf(gap), "abc", quiet);
        String md = Files.readString(gap.resolve("report/REPORT.md"));
        assertTrue(md.contains("![OF-1: validation accuracy per arm (solid) and training-probe accuracy (dashed, same colour"), md);
        claimsweep.io.AtomicFiles.deleteTree(tmp.resolve("results"));
        Path acc = sweep("test_acc");
        Reports.build(acc, Reports.sourceOf(acc), "abc", quiet);
        String plain = Files.readString(acc.resolve("report/REPORT.md"));
        assertTrue(plain.contains("![OF-1: validation accuracy per arm, mean over seeds"), plain);
        assertFalse(plain.contains("training-probe accuracy (dashed"), "a claim not about overfitting keeps the plain curves");
    }
}
