package claimsweep.report;

import claimsweep.claims.Metric;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The report's plots, rendered to PNG with XChart (headless Java2D). Each function takes runs
 * grouped by arm and writes one file; all aggregation is over seeds (mean, with the largest deviation
 * of a seed as error bars) so a reader sees the spread the verdict is based on.
 */
final class Plots {
    private Plots() {}

    static final int WIDTH = 720;
    static final int HEIGHT = 400;

    /**
     * Validation accuracy against steps per arm: mean over the arm's runs, min-max over seeds as error
     * bars; with {@code training}, each arm's training-probe accuracy beside it (dashed, same colour),
     * from the runs that recorded it.
     */
    static Path learningCurves(Path dir, String file, String title, Map<String, List<RunResult>> arms, boolean training) {
        return save(curves(title, arms, training), dir, file);
    }

    /** The learning-curves chart (separate from saving it, so a test can read its series). */
    static XYChart curves(String title, Map<String, List<RunResult>> arms, boolean training) {
        XYChart chart = xy(title, "optimizer steps", training ? "accuracy" : "validation accuracy");
        Color[] palette = chart.getStyler().getSeriesColors();
        int arm = 0;
        for (Map.Entry<String, List<RunResult>> e : arms.entrySet()) {
            TreeMap<Long, List<Double>> val = new TreeMap<>();
            TreeMap<Long, List<Double>> train = new TreeMap<>();
            for (RunResult r : e.getValue()) {
                for (CurvePoint p : r.curve()) {
                    if (Double.isFinite(p.valAcc())) val.computeIfAbsent(p.step(), s -> new ArrayList<>()).add(p.valAcc());
                    if (p.trainAcc() != null && Double.isFinite(p.trainAcc())) {
                        train.computeIfAbsent(p.step(), s -> new ArrayList<>()).add(p.trainAcc());
                    }
                }
            }
            if (val.isEmpty()) continue;
            // one colour per arm, set here: XChart assigns colours only when it paints, too late to pair two series
            Color colour = palette[arm++ % palette.length];
            String name = e.getKey() + " (" + e.getValue().size() + " runs)";
            XYSeries v = addBand(chart, training ? name + ", validation" : name, val);
            v.setLineColor(colour);
            v.setMarkerColor(colour);
            if (training && !train.isEmpty()) {
                XYSeries t = addBand(chart, name + ", training", train);
                t.setLineColor(colour);
                t.setMarkerColor(colour);
                t.setLineStyle(SeriesLines.DASH_DASH);
                t.setMarker(SeriesMarkers.NONE);
            }
        }
        requireData(chart, title);
        return chart;
    }

    /**
     * A metric against a numeric parameter (e.g. the learning rate, log x when its range spans two
     * decades) per arm, mean over seeds with min-max error bars; levels where some run diverged are
     * marked with a cross at the bottom, labelled with the count.
     */
    static Path versus(Path dir, String file, String title, String param, Map<String, List<RunResult>> arms, Metric metric,
                       double target) {
        // a categorical parameter (init, bn_stats) is placed at 0, 1, 2, ... in sorted order, named on the axis
        TreeSet<String> categories = new TreeSet<>();
        for (List<RunResult> arm : arms.values()) {
            for (RunResult r : arm) {
                Object v = r.spec().params().get(param);
                if (v != null && !(v instanceof Number)) categories.add(String.valueOf(v));
            }
        }
        List<String> cats = new ArrayList<>(categories);
        String xTitle = cats.isEmpty() ? param : param + " (" + String.join(", ", cats.stream()
                .map(c -> cats.indexOf(c) + " = " + c).toList()) + ")";
        XYChart chart = xy(title, xTitle, metric.label());
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        List<double[]> diverged = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> arm : arms.entrySet()) {
            TreeMap<Double, List<Double>> byLevel = new TreeMap<>();
            TreeMap<Double, int[]> div = new TreeMap<>();
            for (RunResult r : arm.getValue()) {
                Object v = r.spec().params().get(param);
                Number n = v instanceof Number x ? x : v == null ? null : (Number) cats.indexOf(String.valueOf(v));
                if (n == null) continue;
                Double m = metric.of(r, target);
                if (m == null) continue;
                byLevel.computeIfAbsent(n.doubleValue(), x -> new ArrayList<>()).add(m);
                int[] c = div.computeIfAbsent(n.doubleValue(), x -> new int[2]);
                c[1]++;
                if (r.status() == RunStatus.DIVERGED) c[0]++;
            }
            if (byLevel.isEmpty()) continue;
            lo = Math.min(lo, byLevel.firstKey());
            hi = Math.max(hi, byLevel.lastKey());
            addBand(chart, arm.getKey(), byLevel);
            for (var e : div.entrySet()) if (e.getValue()[0] > 0) diverged.add(new double[] {e.getKey(), e.getValue()[0]});
        }
        requireData(chart, title);
        if (cats.isEmpty() && lo > 0 && hi / lo >= 100) chart.getStyler().setXAxisLogarithmic(true);
        if (!diverged.isEmpty()) {
            double bottom = Double.MAX_VALUE;
            for (XYSeries s : chart.getSeriesMap().values()) {
                for (double y : s.getYData()) bottom = Math.min(bottom, y);
            }
            double[] x = diverged.stream().mapToDouble(d -> d[0]).toArray();
            double[] y = new double[x.length];
            java.util.Arrays.fill(y, bottom);
            XYSeries s = chart.addSeries("runs diverged at this value", x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CROSS);
            s.setMarkerColor(Color.RED);
        }
        return save(chart, dir, file);
    }

    /** Per-layer gradient L2 norms at the first evaluation, per arm (mean over seeds), log y. */
    static Path gradientNorms(Path dir, String file, String title, Map<String, List<RunResult>> arms) {
        XYChart chart = xy(title, "layer (input to output)", "gradient L2 norm");
        chart.getStyler().setYAxisLogarithmic(true);
        for (Map.Entry<String, List<RunResult>> arm : arms.entrySet()) {
            TreeMap<Double, List<Double>> byLayer = new TreeMap<>();
            for (RunResult r : arm.getValue()) {
                for (CurvePoint p : r.curve()) {
                    if (p.gradients().isEmpty()) continue;
                    for (int i = 0; i < p.gradients().size(); i++) {
                        double n = p.gradients().get(i).norm();
                        if (n > 0 && Double.isFinite(n)) byLayer.computeIfAbsent((double) i, x -> new ArrayList<>()).add(n);
                    }
                    break;
                }
            }
            if (!byLayer.isEmpty()) addLogBand(chart, arm.getKey(), byLayer);
        }
        requireData(chart, title);
        return save(chart, dir, file);
    }

    /** Mean of a metric over the runs in each (x, y) cell of two parameters, as a heat map. */
    static Path heatMap(Path dir, String file, String title, List<RunResult> runs, String xParam, String yParam,
                        Function<RunResult, Double> metric, String metricLabel) {
        TreeSet<String> xs = new TreeSet<>(Plots::compareLevels);
        TreeSet<String> ys = new TreeSet<>(Plots::compareLevels);
        Map<List<String>, List<Double>> cells = new LinkedHashMap<>();
        for (RunResult r : runs) {
            Double m = metric.apply(r);
            if (m == null) continue;
            String x = String.valueOf(r.spec().params().get(xParam));
            String y = String.valueOf(r.spec().params().get(yParam));
            xs.add(x);
            ys.add(y);
            cells.computeIfAbsent(List.of(x, y), k -> new ArrayList<>()).add(m);
        }
        List<String> xl = new ArrayList<>(xs);
        List<String> yl = new ArrayList<>(ys);
        List<Number[]> data = new ArrayList<>();
        for (int i = 0; i < xl.size(); i++) {
            for (int j = 0; j < yl.size(); j++) {
                List<Double> v = cells.get(List.of(xl.get(i), yl.get(j)));
                if (v == null) continue;
                double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                data.add(new Number[] {i, j, Math.round(mean * 1000) / 1000.0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xParam)
                .yAxisTitle(yParam).build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.addSeries(metricLabel, xl, yl, data);
        return save(chart, dir, file);
    }

    /** Numeric levels in numeric order, others as text. */
    static int compareLevels(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }

    /** One series: the mean at each x, with symmetric error bars as long as the largest deviation of a run from the mean. */
    private static XYSeries addBand(XYChart chart, String name, TreeMap<? extends Number, List<Double>> byX) {
        Spread s = Spread.of(byX);
        double[] err = new double[s.x().length];
        for (int i = 0; i < err.length; i++) err[i] = Math.max(s.mean()[i] - s.min()[i], s.max()[i] - s.mean()[i]);
        XYSeries series = chart.addSeries(unique(chart, name), s.x(), s.mean(), err);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /** Per x: the mean, smallest and largest of the values over runs. */
    private record Spread(double[] x, double[] mean, double[] min, double[] max) {
        static Spread of(TreeMap<? extends Number, List<Double>> byX) {
            int n = byX.size();
            Spread s = new Spread(new double[n], new double[n], new double[n], new double[n]);
            int i = 0;
            for (var e : byX.entrySet()) {
                var stats = e.getValue().stream().mapToDouble(Double::doubleValue).summaryStatistics();
                s.x[i] = e.getKey().doubleValue();
                s.mean[i] = stats.getAverage();
                s.min[i] = stats.getMin();
                s.max[i] = stats.getMax();
                i++;
            }
            return s;
        }
    }

    /**
     * For a logarithmic y axis, where symmetric error bars would cross zero: the mean as a line with
     * markers, and the smallest and largest run as thin lines without markers.
     */
    private static void addLogBand(XYChart chart, String name, TreeMap<? extends Number, List<Double>> byX) {
        Spread sp = Spread.of(byX);
        XYSeries m = chart.addSeries(unique(chart, name), sp.x(), sp.mean());
        m.setMarker(SeriesMarkers.CIRCLE);
        for (double[] edge : List.of(sp.min(), sp.max())) {
            XYSeries s = chart.addSeries(unique(chart, name + (edge == sp.min() ? " (min)" : " (max)")), sp.x(), edge);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(m.getLineColor());
            s.setLineWidth(0.5f);
            s.setShowInLegend(false);
        }
    }

    private static String unique(XYChart chart, String name) {
        String n = name;
        for (int k = 2; chart.getSeriesMap().containsKey(n); k++) n = name + " #" + k;
        return n;
    }

    /** A chart without a series would be a blank image in the report: refuse it, so the report says why instead. */
    static void requireData(XYChart chart, String title) {
        if (chart.getSeriesMap().isEmpty()) throw new NoData(title + ": no run of either arm has data for this plot");
    }

    /** A plot with nothing to draw. */
    static final class NoData extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoData(String m) {
            super(m);
        }
    }

    static Path save(Chart<?, ?> chart, Path dir, String file) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(file);
            Path tmp = dir.resolve("." + file + ".tmp");
            // BitmapEncoder appends the extension itself
            String base = tmp.toString();
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            Files.move(Path.of(base + ".png"), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
    }
}
