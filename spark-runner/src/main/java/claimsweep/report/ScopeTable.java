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
 * [dataset, model]}, issue 19 "Scope"): one row per claim part (and rest of its setting), one column
 * per data set (or per setting, see {@link #markdown}), each cell the verdict kind and the effect;
 * then one line per article claim saying in which settings it holds, in which it does not and where
 * it could not be tested. Settings differ between sweeps of a combined report, so the columns are the
 * union of every setting seen, and a part not evaluated in a setting shows "-".
 */
final class ScopeTable {
    private ScopeTable() {}

    /** Whether any row carries a setting (otherwise the report has no scope table). */
    static boolean applies(List<ClaimResult> results) {
        return results.stream().anyMatch(r -> !r.setting().isEmpty());
    }

    /**
     * The scope table and the per-claim summary lines, as Markdown ("" when no row has a setting). When
     * every setting names one key (the evidence's {@code dataset}), that key's values are the columns and
     * the rest of a setting ("model=cnn") labels the row, so a report whose files use different settings
     * (dataset x model, dataset, dataset x norm) stays a few columns wide instead of one per setting;
     * otherwise each setting is a column.
     */
    static String markdown(List<ClaimResult> results) {
        if (!applies(results)) return "";
        Set<String> settings = new LinkedHashSet<>();
        results.forEach(r -> settings.add(Rollup.settingOf(r)));
        String key = columnKey(settings);
        Set<String> columns = new LinkedHashSet<>();
        Map<String, Map<String, Map<String, ClaimResult>>> byPart = new LinkedHashMap<>(); // part -> rest -> column
        for (ClaimResult r : results) {
            String[] split = split(Rollup.settingOf(r), key);
            columns.add(split[0]);
            byPart.computeIfAbsent(r.claimId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(split[1], k -> new LinkedHashMap<>()).put(split[0], r);
        }
        boolean restColumn = byPart.values().stream().flatMap(m -> m.keySet().stream()).anyMatch(rest -> !rest.isEmpty());
        StringBuilder md = new StringBuilder("## Scope\n\nEach claim part in each setting it was evaluated in (verdict, effect); "
                + "\"-\": not evaluated there (its arms fix another setting); \"not run yet\": planned there, no run committed yet.\n\n| claim |");
        if (restColumn) md.append(" setting |");
        columns.forEach(s -> md.append(' ').append(cell(s)).append(" |"));
        md.append("\n|---|").append(restColumn ? "---|" : "").append("---|".repeat(columns.size())).append('\n');
        byPart.forEach((part, rows) -> rows.forEach((rest, cells) -> {
            md.append("| ").append(part).append(" |");
            if (restColumn) md.append(' ').append(rest.isEmpty() ? "-" : cell(rest)).append(" |");
            for (String c : columns) {
                ClaimResult r = cells.get(c);
                md.append(' ').append(r == null ? "-" : "**" + r.verdict().kind().label() + "**"
                        + (Double.isNaN(r.effect()) ? "" : " (" + ClaimsReport.num(r.effect()) + ")")).append(" |");
            }
            md.append('\n');
        }));
        md.append('\n');
        for (String line : summary(results)) md.append("- ").append(line).append('\n');
        return md.append('\n').toString();
    }

    /** The first key of the first setting that every setting names ("dataset"), or null when there is none. */
    static String columnKey(Set<String> settings) {
        List<Map<String, String>> parsed = settings.stream().map(ScopeTable::parse).toList();
        if (parsed.isEmpty() || parsed.stream().anyMatch(Map::isEmpty)) return null;
        for (String k : parsed.get(0).keySet()) if (parsed.stream().allMatch(m -> m.containsKey(k))) return k;
        return null;
    }

    /** {column, rest}: "dataset=mnist, model=cnn" with key "dataset" is {"dataset=mnist", "model=cnn"}; no key: {setting, ""}. */
    static String[] split(String setting, String key) {
        if (key == null) return new String[] {setting, ""};
        Map<String, String> kv = parse(setting);
        String column = key + "=" + kv.remove(key);
        List<String> rest = new ArrayList<>();
        kv.forEach((k, v) -> rest.add(k + "=" + v));
        return new String[] {column, String.join(", ", rest)};
    }

    /** "dataset=mnist, model=cnn" as an ordered map; a setting without '=' ("all runs") is empty. */
    private static Map<String, String> parse(String setting) {
        Map<String, String> out = new LinkedHashMap<>();
        if (setting.isEmpty() || setting.indexOf('=') < 0) return out;
        for (String kv : setting.split(", ")) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
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
        Map<String, String> want = parse(setting);
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
