package claimsweep.report;

import claimsweep.claims.ClaimResult;
import claimsweep.claims.Rollup;
import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scope table a report opens with when its claims were evaluated per setting ({@code settings =
 * [dataset, model]}, issue 19 "Scope"): one row per claim part, one column per setting, each cell the
 * verdict kind and the effect; then one line per article claim saying in which settings it holds,
 * in which it does not and where it could not be tested. Settings differ between sweeps of a
 * combined report, so the columns are the union of every setting seen, and a part not evaluated in a
 * setting shows "-".
 */
final class ScopeTable {
    private ScopeTable() {}

    /** Whether any row carries a setting (otherwise the report has no scope table). */
    static boolean applies(List<ClaimResult> results) {
        return results.stream().anyMatch(r -> !r.setting().isEmpty());
    }

    /** The scope table and the per-claim summary lines, as Markdown ("" when no row has a setting). */
    static String markdown(List<ClaimResult> results) {
        if (!applies(results)) return "";
        Set<String> settings = new LinkedHashSet<>();
        results.forEach(r -> settings.add(Rollup.settingOf(r)));
        Map<String, Map<String, ClaimResult>> byPart = new LinkedHashMap<>();
        for (ClaimResult r : results) byPart.computeIfAbsent(r.claimId(), k -> new LinkedHashMap<>()).put(Rollup.settingOf(r), r);
        StringBuilder md = new StringBuilder("## Scope\n\nEach claim part in each setting it was evaluated in (verdict, effect); "
                + "\"-\": not evaluated there (its arms fix another setting); \"not run yet\": planned there, no run committed yet.\n\n| claim |");
        settings.forEach(s -> md.append(' ').append(cell(s)).append(" |"));
        md.append("\n|---|").append("---|".repeat(settings.size())).append('\n');
        byPart.forEach((part, cells) -> {
            md.append("| ").append(part).append(" |");
            for (String s : settings) {
                ClaimResult r = cells.get(s);
                md.append(' ').append(r == null ? "-" : "**" + r.verdict().kind().label() + "**"
                        + (Double.isNaN(r.effect()) ? "" : " (" + ClaimsReport.num(r.effect()) + ")")).append(" |");
            }
            md.append('\n');
        });
        md.append('\n');
        for (String line : summary(results)) md.append("- ").append(line).append('\n');
        return md.append('\n').toString();
    }

    /**
     * "A5: supported in `dataset=fashion-mnist, model=cnn`; no effect in `dataset=mnist, model=cnn`": per
     * article claim, where it holds, where it does not and where it could not be tested ({@link Rollup.Entry#where}).
     */
    static List<String> summary(List<ClaimResult> results) {
        return Rollup.of(results).stream().map(e -> e.claim() + ": " + e.where()).toList();
    }

    /** The runs of {@code setting} ("dataset=mnist, model=cnn"; "" for every run), matched on the values' text. */
    static List<RunResult> runsIn(String setting, List<RunResult> runs) {
        if (setting.isEmpty()) return runs;
        Map<String, String> want = new LinkedHashMap<>();
        for (String kv : setting.split(", ")) {
            int eq = kv.indexOf('=');
            want.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : runs) {
            boolean in = want.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(String.valueOf(Objects.requireNonNullElse(r.spec().params().get(e.getKey()), "-"))));
            if (in) out.add(r);
        }
        return out;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
