package claimsweep.report;

import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report's section "What changed since the previous report": one row per part id in either
 * report, its previous verdict and effect, its new verdict(s) (one per setting when the claim is
 * evaluated per setting), and why: the part's {@code revised}
 * text, "design unchanged", "new part" or "dropped". Parts whose verdict changed are marked, so a
 * reader finds them without comparing columns.
 */
public final class WhatChanged {
    public static final String HEADING = "## What changed since the previous report";

    private WhatChanged() {}

    /** One row of the section (also what tests read). */
    record Change(String part, String previous, String now, boolean changed, String why) {}

    /** The section's Markdown over a combined report's sections; {@code source} names the previous table. */
    public static String markdown(List<PreviousVerdicts.Row> previous, List<ClaimsReport.Section> sections, String source) {
        List<ClaimResult> results = new ArrayList<>();
        Map<String, ClaimSpec> specs = new LinkedHashMap<>();
        for (ClaimsReport.Section s : sections) {
            results.addAll(s.results());
            s.specs().forEach(c -> specs.put(c.id(), c));
        }
        List<Change> rows = changes(previous, results, specs);
        long changed = rows.stream().filter(Change::changed).count();
        StringBuilder md = new StringBuilder(HEADING).append("\n\n");
        md.append(String.format(Locale.ROOT, "Against the per-part verdicts of the previous report (`%s`): %d of %d parts "
                + "changed verdict (marked **changed**); why is the part's `revised` note in its experiment file.%n%n",
                source, changed, rows.size()));
        md.append("| part | previous verdict (effect) | new verdict (effect) | changed | why |\n|---|---|---|---|---|\n");
        for (Change c : rows) {
            md.append("| ").append(cell(c.part())).append(" | ").append(cell(c.previous())).append(" | ").append(cell(c.now()))
                    .append(" | ").append(c.changed() ? "**changed**" : "").append(" | ").append(cell(c.why())).append(" |\n");
        }
        return md.toString();
    }

    static List<Change> changes(List<PreviousVerdicts.Row> previous, List<ClaimResult> results, Map<String, ClaimSpec> specs) {
        Map<String, PreviousVerdicts.Row> old = new LinkedHashMap<>();
        previous.forEach(r -> old.put(r.part(), r));
        Map<String, List<ClaimResult>> now = new LinkedHashMap<>();
        results.forEach(r -> now.computeIfAbsent(r.claimId(), k -> new ArrayList<>()).add(r));
        TreeSet<String> ids = new TreeSet<>(Comparator.comparing(Reports::claimKey).thenComparing(Comparator.naturalOrder()));
        ids.addAll(old.keySet());
        ids.addAll(now.keySet());
        List<Change> out = new ArrayList<>();
        for (String id : ids) {
            PreviousVerdicts.Row o = old.get(id);
            List<ClaimResult> n = now.getOrDefault(id, List.of());
            String revised = specs.containsKey(id) ? specs.get(id).revised() : "";
            String prev = o == null ? "—" : o.verdict() + (o.effect().isEmpty() ? "" : " (" + o.effect() + ")");
            // the verdicts it has now: settings not run yet have none, so they neither change nor keep the old one
            List<String> labels = n.stream().filter(r -> !NotRunYet.notRun(r)).map(r -> r.verdict().kind().label()).distinct().toList();
            String cur = n.isEmpty() ? "—" : String.join("; ", n.stream().map(WhatChanged::describe).toList());
            String why;
            if (o == null) why = revised.isEmpty() ? "new part" : "new part: " + revised;
            else if (n.isEmpty()) why = "dropped";
            else if (n.stream().allMatch(NotRunYet::notRun)) why = "not run yet: no new verdict";
            else why = revised.isEmpty() ? "design unchanged" : revised;
            // a part not run yet has no new verdict, so it has not changed (it is listed as not run yet)
            boolean changed = o != null && !labels.isEmpty() && !(labels.size() == 1 && labels.get(0).equals(o.verdict()));
            out.add(new Change(id, prev, cur, changed, why));
        }
        return out;
    }

    /** "supported (0.05000)", or per setting "dataset=mnist: supported (0.05000)" when the claim is evaluated per setting. */
    private static String describe(ClaimResult r) {
        double e = r.effect();
        return (r.setting().isEmpty() ? "" : r.setting() + ": ") + r.verdict().kind().label()
                + (Double.isNaN(e) ? "" : String.format(Locale.ROOT, " (%.4g)", e));
    }

    /** A table cell: pipes escaped, line breaks folded (a revised note may span lines). */
    private static String cell(String s) {
        return s.replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
    }
}
