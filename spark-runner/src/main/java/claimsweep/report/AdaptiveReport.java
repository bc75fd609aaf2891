package claimsweep.report;

import claimsweep.claims.adaptive.ClaimProgress;
import claimsweep.claims.adaptive.SeedPlanner;
import claimsweep.stats.sequential.Interval;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of an adaptive sweep ({@code seeds { }}): per claim the seeds it used, why it stopped
 * (decided, cap, futile; fixed-n rules say so), its sequential verdict, the path of its repeated
 * intervals against seeds (one PNG per claim, XChart like the other plots) and the seeds a fixed design
 * with the same guarantee would have run. Written as {@code ADAPTIVE.md} and a self-contained
 * {@code adaptive.html} beside the claims report, which gets the summary table.
 */
public final class AdaptiveReport {
    private AdaptiveReport() {}

    /** Writes ADAPTIVE.md, adaptive.html and the plots into {@code dir}; returns the summary table (Markdown) for REPORT.md. */
    public static String write(Path dir, SeedPlanner.Plan plan, SeedPlanner planner) {
        String summary = summary(plan, planner);
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        StringBuilder md = new StringBuilder("# Adaptive seeding\n\n").append(summary).append('\n');
        Html html = new Html("Adaptive seeding");
        html.raw("<h1>Adaptive seeding</h1>\n").markdownish(summary);
        for (ClaimProgress p : plan.claims()) {
            md.append("\n## ").append(p.label()).append("\n\n").append(p.explanation()).append("\n\n");
            html.raw("<h2>").text(p.label()).raw("</h2>\n").markdownish(p.explanation());
            if (p.path().isEmpty()) continue;
            String file = "adaptive-" + p.label().replaceAll("[^A-Za-z0-9_-]", "_") + ".png";
            Path png = plot(dir, file, p);
            String caption = p.label() + ": " + ("betting".equals(p.design()) ? "the betting confidence sequence"
                    : "the repeated 95% intervals at each look") + " (mean and bounds) against seeds; the margin and zero as lines";
            md.append("![").append(caption).append("](").append(file).append(")\n");
            html.image(png, caption);
        }
        ClaimsReport.writeAtomically(dir.resolve("ADAPTIVE.md"), md.toString());
        ClaimsReport.writeAtomically(dir.resolve("adaptive.html"), html.finish(dir));
        return summary;
    }

    static String summary(SeedPlanner.Plan plan, SeedPlanner planner) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "**Adaptive seeding** (README \"Adaptive seeding\"): paired claims are read at the looks %s "
                + "with the group-sequential design (O'Brien-Fleming-type spending, alpha %.2f) unless they ask for the betting "
                + "sequence; other rules stay fixed-n and are read once at the cap. The claims table carries these sequential "
                + "verdicts, with the repeated interval as CI and the repeated p-value for Holm. Runs saved compare "
                + "the seeds used with a fixed design of the same guarantee and worst-case width (per configuration of the "
                + "claim's arms). Plots: `adaptive.html`.%n%n", planner.design().looks(), SeedPlanner.ALPHA));
        b.append("| claim | design | seeds used | stopped | sequential verdict | fixed design (seeds) | seeds saved |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (ClaimProgress p : plan.claims()) {
            String fixed = p.fixedSeeds() > 0 ? Integer.toString(p.fixedSeeds()) : "-";
            String saved = p.fixedSeeds() > 0 ? Integer.toString(p.fixedSeeds() - p.seedsUsed()) : "-";
            b.append(String.format(Locale.ROOT, "| %s | %s | %d of %d | %s | %s | %s | %s |%n", p.label(), p.design(), p.seedsUsed(),
                    p.cap(), p.stop().label(), p.verdict().isEmpty() ? "-" : "**" + p.verdict() + "**", fixed, saved));
        }
        return b.toString();
    }

    /** The interval's bounds and mean against seeds, with zero and the margin as horizontal lines. */
    static Path plot(Path dir, String file, ClaimProgress p) {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(p.label() + ": interval against seeds")
                .xAxisTitle("seeds").yAxisTitle("difference (claimed side positive)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(5);
        List<Double> x = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        for (Interval iv : p.path()) {
            // an unspent look's interval is the whole line: leave it out rather than squash the plot
            if (!Double.isFinite(iv.lower()) || !Double.isFinite(iv.upper())) continue;
            x.add((double) iv.n());
            lo.add(iv.lower());
            hi.add(iv.upper());
            mean.add(iv.mean());
        }
        if (x.isEmpty()) {
            for (Interval iv : p.path()) {
                x.add((double) iv.n());
                mean.add(iv.mean());
            }
            chart.addSeries("mean", x, mean).setMarker(SeriesMarkers.CIRCLE);
        } else {
            chart.addSeries("upper", x, hi).setMarker(SeriesMarkers.TRIANGLE_DOWN);
            chart.addSeries("mean", x, mean).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries("lower", x, lo).setMarker(SeriesMarkers.TRIANGLE_UP);
        }
        // an early look far wider than the next (O'Brien-Fleming: 302 s/sqrt(n) at 4 of 24 seeds) would squash the
        // rest of the path to a line: the y axis then covers the later looks, and the first runs off the plot
        if (lo.size() >= 3 && hi.get(0) - lo.get(0) > 3 * (hi.get(1) - lo.get(1))) {
            double top = Math.max(p.margin(), hi.subList(1, hi.size()).stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            double bottom = Math.min(-p.margin(), lo.subList(1, lo.size()).stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            double pad = 0.1 * (top - bottom);
            chart.getStyler().setYAxisMax(top + pad);
            chart.getStyler().setYAxisMin(bottom - pad);
        }
        double[] ends = {x.get(0) - 0.5, x.get(x.size() - 1) + 0.5};
        XYSeries zero = chart.addSeries("zero", ends, new double[]{0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(java.awt.Color.GRAY);
        for (double m : new double[]{p.margin(), -p.margin()}) {
            XYSeries line = chart.addSeries(m > 0 ? "+margin" : "-margin", ends, new double[]{m, m});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(java.awt.Color.LIGHT_GRAY);
        }
        return Plots.save(chart, dir, file);
    }
}
