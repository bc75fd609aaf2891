package claimsweep.report;

import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Metric;
import claimsweep.claims.Rollup;
import claimsweep.result.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a claims report into a folder: {@code REPORT.md} (images beside it) and a self-contained
 * {@code index.html} (images inlined as data URIs, no scripts, no external resources), one section
 * per claim with its text, design, verdict, reason and plots. The same writer serves one sweep
 * ({@code DIR/report/}) and the combined evidence report over many sweeps.
 */
public final class ClaimsReport {
    private ClaimsReport() {}

    /** One sweep's part of a report. */
    record Section(String sweep, String source, List<ClaimSpec> specs, List<ClaimResult> results, List<RunResult> runs) {}

    /** A plot file and what it shows. */
    private record Figure(Path file, String caption) {}

    /**
     * Writes the report; returns the plots that could not be drawn (each is also a line in the
     * report), so callers and tests can insist on none.
     */
    public static List<String> write(Path dir, String title, String preamble, List<Section> sections) {
        return write(dir, title, preamble, sections, null);
    }

    /**
     * As {@link #write(Path, String, String, List)}, with the implementation-neutral cost table printed in
     * the section of each sweep that times steps ({@code ms_per_step}); null: the section says none was given.
     */
    public static List<String> write(Path dir, String title, String preamble, List<Section> sections, CostTable cost) {
        return write(dir, title, preamble, sections, cost, "");
    }

    /**
     * As above, with {@code afterSummary} (Markdown: how the evidence was produced, what changed) placed
     * after the scope table and the verdicts by claim, so that the report opens with where each claim
     * holds and the method follows.
     */
    public static List<String> write(Path dir, String title, String preamble, List<Section> sections, CostTable cost,
                                     String afterSummary) {
        List<String> skipped = new ArrayList<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        StringBuilder md = new StringBuilder();
        Html html = new Html(title);
        md.append("# ").append(title).append("\n\n");
        html.raw("<h1>").text(title).raw("</h1>\n");
        // what has not run yet comes first, before anything a reader could take for the whole evidence
        String missing = NotRunYet.markdown(sections);
        if (!missing.isEmpty()) {
            md.append(missing).append("\n\n");
            html.markdownish(missing);
        }
        md.append(preamble).append("\n\n");
        html.markdownish(preamble);

        // the scope table opens the report when claims were evaluated per setting
        List<ClaimResult> every = new ArrayList<>();
        sections.forEach(sec -> every.addAll(sec.results()));
        boolean scoped = ScopeTable.applies(every);
        if (scoped) {
            String scope = ScopeTable.markdown(every);
            md.append(scope);
            html.markdownish(scope);
        }
        // one verdict per article claim, from its parts (a report over several sweeps)
        if (sections.size() > 1) {
            List<ClaimResult> all = new ArrayList<>();
            sections.forEach(s -> all.addAll(s.results()));
            md.append("## Verdicts by claim\n\n| claim | verdict | where | parts |\n|---|---|---|---|\n");
            html.raw("<h2>Verdicts by claim</h2>\n<table><tr><th>claim</th><th>verdict</th><th>where</th><th>parts</th></tr>\n");
            for (Rollup.Entry e : Rollup.of(all)) {
                md.append("| ").append(e.claim()).append(" | **").append(e.verdict().label()).append("** | ")
                        .append(e.where().replace("|", "\\|")).append(" | ").append(e.reason()).append(" |\n");
                html.raw("<tr><td>").text(e.claim()).raw("</td><td class=\"").raw(e.verdict().css())
                        .raw("\">").text(e.verdict().label()).raw("</td><td>").markdownishInline(e.where()).raw("</td><td>")
                        .text(e.reason()).raw("</td></tr>\n");
            }
            html.raw("</table>\n");
            md.append("\n");
            if (!afterSummary.isEmpty()) {
                md.append(afterSummary).append("\n\n");
                html.markdownish(afterSummary);
            }
            html.raw("<h2>Every part</h2>\n");
            md.append("## Every part\n\n");
        } else if (!afterSummary.isEmpty()) {
            md.append(afterSummary).append("\n\n");
            html.markdownish(afterSummary);
        }
        String legend = "Verdicts: **supported** (the CI clears 0 and the effect reaches the margin; for equivalence and "
                + "non-inferiority, the 90% CI stays within it), **weaker than claimed** (significant in the claimed direction, "
                + "below the margin), **no effect** (equivalent within the margin), **opposite**, **inconclusive**, **not testable** "
                + "(zero variance, both arms at chance, every run diverged or collapsed), **premise not met**, **not run yet** (planned by the "
                + "experiment file, no run committed yet: no verdict). One paired t "
                + "analysis per seed gives every CI and p; Holm's correction runs over the primary parts only, the others are "
                + "exploratory. A \"-\" marks a column that means nothing for the claim's rule.";
        md.append(legend).append("\n\n");
        html.markdownish(legend);
        // the summary table of every claim
        List<String> head = scoped ? List.of("claim", "setting", "verdict", "role", "metric", "effect", "CI", "p", "p (Holm)",
                "seeds agreeing", "margin", "A/A noise") : List.of("claim", "verdict", "role", "metric", "effect", "CI", "p", "p (Holm)", "seeds agreeing",
                "margin", "A/A noise");
        md.append("| ").append(String.join(" | ", head)).append(" |\n|").append("---|".repeat(head.size())).append('\n');
        html.raw("<table><tr>");
        head.forEach(h -> html.raw("<th>").text(h).raw("</th>"));
        html.raw("</tr>\n");
        for (Section s : sections) {
            for (ClaimResult r : s.results()) {
                List<String> cells = cells(r, spec(s, r));
                String setting = scoped ? " " + (r.setting().isEmpty() ? "all runs" : r.setting()) + " |" : "";
                md.append(String.format(Locale.ROOT, "| [%s](#%s) |%s **%s** | %s |%n", r.claimId(), anchor(r.claimId()), setting,
                        r.verdict().kind().label(), String.join(" | ", cells)));
                html.raw("<tr><td><a href=\"#" + anchor(r.claimId()) + "\">").text(r.claimId()).raw("</a></td>");
                if (scoped) html.raw("<td>").text(setting.replace(" |", "").trim()).raw("</td>");
                html.raw("<td class=\"").raw(r.verdict().kind().css()).raw("\">").text(r.verdict().kind().label()).raw("</td>");
                for (String cell : cells) html.raw("<td>").text(cell).raw("</td>");
                html.raw("</tr>\n");
            }
        }
        html.raw("</table>\n");
        md.append('\n'); // a blank line ends the Markdown table; without it the next paragraph reads as one more row

        for (Section s : sections) {
            if (sections.size() > 1) {
                md.append("\n## Sweep ").append(s.sweep()).append("\n\n");
                html.raw("<h2>Sweep ").text(s.sweep()).raw("</h2>\n");
            }
            String about = "Sweep file `" + s.source() + "`, " + s.runs().size() + " committed runs ("
                    + count(s.runs(), "ok") + " ok, " + count(s.runs(), "diverged") + " diverged, " + count(s.runs(), "failed")
                    + " failed).";
            md.append(about).append("\n\n");
            html.markdownish(about);
            if (s.specs().stream().anyMatch(ClaimsReport::timed)) {
                String costs = cost != null ? cost.markdown() : "_No implementation-neutral cost table was given (--cost-table "
                        + "FILE, default docs/cost-table.csv): the timings below are this implementation's cost only._";
                md.append(costs).append("\n");
                html.markdownish(costs);
            }
            for (Figure f : sweepFigures(dir, s)) figure(md, html, f);
            for (ClaimSpec c : s.specs()) {
                // one heading per claim part, then its row in each setting it was evaluated in
                List<ClaimResult> rows = s.results().stream().filter(r -> r.claimId().equals(c.id())).toList();
                if (rows.isEmpty()) continue;
                String h = c.id() + ": " + c.text();
                md.append("\n<a id=\"").append(anchor(c.id())).append("\"></a>\n\n")
                        .append(sections.size() > 1 ? "### " : "## ").append(h).append("\n\n");
                html.raw(sections.size() > 1 ? "<h3 id=\"" : "<h2 id=\"").raw(anchor(c.id())).raw("\">").text(h)
                        .raw(sections.size() > 1 ? "</h3>\n" : "</h2>\n");
                boolean perSetting = rows.stream().anyMatch(r -> !r.setting().isEmpty());
                if (perSetting) {
                    // the design once, then what each setting showed
                    String d = "- design: " + design(c, rows.get(0));
                    md.append(d).append("\n\n");
                    html.markdownish(d);
                }
                for (ClaimResult r : rows) {
                    if (perSetting) {
                        String in = "**In " + r.setting() + "**";
                        md.append(in).append("\n\n");
                        html.markdownish(in);
                    }
                    List<String> items = new ArrayList<>();
                    if (!perSetting) items.add("design: " + design(c, r));
                    if (!r.chosen().isEmpty()) items.add("chosen: " + r.chosen());
                    items.add("verdict: **" + r.verdict().kind().label() + "** (" + (r.primary() ? "primary" : "exploratory")
                            + (timed(c) ? "; this implementation's cost" : "") + "): " + r.verdict().reason());
                    items.add("margin: " + num(r.margin()) + (c.marginDeclared() ? " (declared)" : " (the default for " + c.metric().label() + ")")
                            + (r.noise().isEmpty() ? "; no A/A calibration for this model family and metric" : "; " + r.noise()));
                    items.add("runs used: " + r.runIds().size());
                    html.raw("<ul>\n");
                    for (String it : items) {
                        md.append("- ").append(it).append('\n');
                        html.raw("<li>").markdownishInline(it).raw("</li>\n");
                    }
                    html.raw("</ul>\n");
                    md.append('\n');
                    for (Figure f : claimFigures(dir, ScopeTable.runsIn(r.setting(), s.runs()), c, r)) {
                        if (f.file() == null) skipped.add(f.caption());
                        figure(md, html, f);
                    }
                }
            }
        }
        writeAtomically(dir.resolve("REPORT.md"), md.toString());
        writeAtomically(dir.resolve("index.html"), html.finish(dir));
        return skipped;
    }

    /** A claim on time per step: its verdict is about this implementation's cost, not the method's. */
    private static boolean timed(ClaimSpec c) {
        return c.metric() == Metric.MS_PER_STEP;
    }

    /** The claim a row belongs to (a section holds one row per claim and setting, so not by index). */
    static ClaimSpec spec(Section s, ClaimResult r) {
        for (ClaimSpec c : s.specs()) if (c.id().equals(r.claimId())) return c;
        throw new IllegalArgumentException("no claim " + r.claimId() + " in " + s.source());
    }

    /**
     * The table cells after the verdict: role, metric, then the rule's meaningful columns (a "-" for
     * the others, e.g. no "seeds agreeing" for a rate, no CI or p for a range), margin and A/A noise.
     */
    static List<String> cells(ClaimResult r, ClaimSpec c) {
        var cols = c.rule().columns();
        String ci = !cols.contains(ClaimRule.Column.CI) || Double.isNaN(r.ciLow()) ? "-"
                : "[" + num(r.ciLow()) + ", " + num(r.ciHigh()) + "] (" + r.outcome().ciLevel() + "%)";
        return List.of(r.primary() ? "primary" : "exploratory", r.metric(),
                cols.contains(ClaimRule.Column.EFFECT) ? num(r.effect()) : "-", ci,
                cols.contains(ClaimRule.Column.P) ? num(r.p()) : "-", r.primary() ? num(r.pHolm()) : "-",
                cols.contains(ClaimRule.Column.AGREE) && r.nSeeds() > 0 ? r.kAgree() + " of " + r.nSeeds() : "-",
                num(r.margin()), r.noise().isEmpty() ? "-" : r.noise().replaceFirst(" \\(.*", "").replace("A/A paired-difference sd ", "sd "));
    }

    /**
     * Renders one plot; a plot that cannot be drawn (e.g. data a chart type rejects) becomes a line
     * saying so, never a lost report.
     */
    private static void tryFigure(List<Figure> out, String what, java.util.function.Supplier<Figure> draw) {
        try {
            out.add(draw.get());
        } catch (RuntimeException e) {
            if (!(e instanceof Plots.NoData)) System.err.println("warning: plot " + what + " skipped: " + e.getMessage());
            out.add(new Figure(null, what + ": plot could not be drawn (" + e.getMessage() + ")"));
        }
    }

    private static void figure(StringBuilder md, Html html, Figure f) {
        if (f.file() == null) {
            md.append("_").append(f.caption()).append("_\n\n");
            html.raw("<p><em>").text(f.caption()).raw("</em></p>\n");
            return;
        }
        md.append("![").append(f.caption()).append("](").append(f.file().getFileName()).append(")\n\n");
        html.image(f.file(), f.caption());
    }

    private static String design(ClaimSpec c, ClaimResult r) {
        StringBuilder d = new StringBuilder();
        d.append("treatment ").append(arm(c.treatment()));
        if (!c.control().isEmpty()) d.append(" vs control ").append(arm(c.control()));
        d.append(", metric `").append(r.metric()).append('`');
        if (!Double.isNaN(c.target())) d.append(" (target ").append(num(c.target())).append(')');
        d.append(", rule ").append(c.rule().name());
        if (c.over() != null) d.append(" over `").append(c.over()).append('`');
        d.append(", claimed ").append(c.direction().label());
        if (!c.bestOver().isEmpty()) {
            d.append(", each arm at its best ").append(String.join(", ", c.bestOver())).append(" by `").append(c.selectBy().label())
                    .append("` (validation)");
        }
        for (ClaimSpec p : c.requires()) {
            // a one-arm premise (rule level) compares with a threshold, not with a control arm
            d.append(", requires \"").append(p.text()).append("\": ");
            if (p.control().isEmpty()) {
                d.append('`').append(p.metric().label()).append("` of ").append(arm(p.treatment())).append(' ')
                        .append(p.direction().comparison()).append(' ').append(num(p.margin()));
            } else {
                d.append(arm(p.treatment())).append(' ').append(p.direction().comparison()).append(' ').append(arm(p.control()))
                        .append(" on `").append(p.metric().label()).append("` by ").append(num(p.margin()));
            }
        }
        d.append(" (declared at ").append(c.origin()).append(')');
        return d.toString();
    }

    /** Plots for the whole sweep: a norm x batch-size heat map where the sweep crosses them. */
    private static List<Figure> sweepFigures(Path dir, Section s) {
        List<Figure> out = new ArrayList<>();
        if (levels(s.runs(), "norm") >= 2 && levels(s.runs(), "batch_size") >= 2 && !s.runs().isEmpty()) {
            String file = safe(s.sweep()) + "-norm-x-batch.png";
            tryFigure(out, s.sweep() + " heat map", () -> new Figure(Plots.heatMap(dir, file, s.sweep() + ": mean test accuracy",
                    s.runs(), "batch_size", "norm", r -> Metric.TEST_ACC.of(r, Double.NaN), "test accuracy"),
                    s.sweep() + ": mean test accuracy over seeds, normalization x batch size"));
        }
        return out;
    }

    /** Plots for one claim: learning curves of the runs compared, the metric against the swept parameter, gradients. */
    private static List<Figure> claimFigures(Path dir, List<RunResult> runs, ClaimSpec c, ClaimResult r) {
        List<Figure> out = new ArrayList<>();
        if (runs.isEmpty()) return out;
        Set<String> used = new HashSet<>(r.runIds());
        String base = safe(r.claimId() + (r.setting().isEmpty() ? "" : "-" + r.setting().replace(", ", "-")));
        String param = c.over() != null ? c.over() : c.bestOver().isEmpty() ? null : c.bestOver().get(0);
        Map<String, List<RunResult>> usedArms = arms(c, runs, used);
        var figures = c.rule().figures();
        // training accuracy only where overfitting is the point (the claim's metric or a premise's): elsewhere it
        // would double the lines of a plot whose question is validation accuracy
        boolean training = c.metric().aboutOverfitting() || c.requires().stream().anyMatch(p -> p.metric().aboutOverfitting());
        if (figures.contains(ClaimRule.Figure.CURVES) && usedArms.values().stream().anyMatch(l -> !l.isEmpty())) {
            tryFigure(out, r.claimId() + " learning curves", () -> new Figure(Plots.learningCurves(dir, base + "-curves.png",
                    r.claimId() + (training ? ": validation and training accuracy" : ": validation accuracy"), usedArms, training),
                    r.claimId() + ": validation accuracy per arm" + (training ? " (solid) and training-probe accuracy (dashed, same "
                            + "colour; the runs that recorded it)" : "") + ", mean over seeds, bars reach the seed farthest from the mean"));
        }
        if (figures.contains(ClaimRule.Figure.BY_PARAMETER) && param != null && levels(runs, param) >= 2) {
            Map<String, List<RunResult>> allArms = arms(c, runs, null);
            tryFigure(out, r.claimId() + " by " + param, () -> new Figure(Plots.versus(dir, base + "-vs-" + safe(param) + ".png",
                    r.claimId() + ": " + c.metric().label() + " by " + param, param, allArms, c.metric(), c.target()),
                    r.claimId() + ": " + c.metric().label() + " by " + param
                            + " per arm, mean over seeds, bars reach the seed farthest from the mean, crosses where runs diverged"));
        }
        if (c.metric() == Metric.GRAD_RATIO_LOG10) {
            tryFigure(out, r.claimId() + " gradients", () -> new Figure(Plots.gradientNorms(dir, base + "-gradients.png",
                    r.claimId() + ": gradient norm per layer", usedArms),
                    r.claimId() + ": per-layer gradient L2 norms at the first evaluation, mean over seeds (thin lines: smallest and largest run)"));
        }
        return out;
    }

    /** The treatment and control runs, restricted to {@code used} when given. */
    private static Map<String, List<RunResult>> arms(ClaimSpec c, List<RunResult> runs, Set<String> used) {
        Map<String, List<RunResult>> out = new LinkedHashMap<>();
        out.put("treatment " + label(c.treatment()), select(runs, c.treatment(), used));
        if (!c.control().isEmpty()) out.put("control " + label(c.control()), select(runs, c.control(), used));
        return out;
    }

    private static List<RunResult> select(List<RunResult> runs, Map<String, Object> filter, Set<String> used) {
        List<RunResult> arm = new ArrayList<>(claimsweep.claims.Arms.select(runs, filter));
        if (used != null) arm.removeIf(r -> !used.contains(r.runId()));
        return arm;
    }

    private static int levels(List<RunResult> runs, String param) {
        Set<Object> v = new HashSet<>();
        for (RunResult r : runs) v.add(r.spec().params().get(param));
        return v.size();
    }

    private static long count(List<RunResult> runs, String status) {
        return runs.stream().filter(r -> r.status().name().equalsIgnoreCase(status)).count();
    }

    static String anchor(String id) {
        return "claim-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]+", "_");
    }

    private static String label(Map<String, Object> m) {
        // sorted: a claim's filters are an immutable map whose iteration order changes from JVM to JVM,
        // and the same data must give the same report text
        return new java.util.TreeMap<>(m).toString().replace("{", "").replace("}", "");
    }

    private static String arm(Map<String, Object> m) {
        return "`" + label(m) + "`";
    }

    static String num(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4g", x);
    }

    static void writeAtomically(Path target, String text) {
        try {
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
