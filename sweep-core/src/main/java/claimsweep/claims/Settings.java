package claimsweep.claims;

import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The settings a file's claims are evaluated in ({@code settings = [dataset, model]}): every
 * combination of those run parameters' values that occurs among the runs. Each claim is judged once
 * per setting on that setting's runs only, so "BN helps" on MNIST and on Fashion-MNIST are two rows
 * with their own verdicts instead of one average over both (issue 19, "Scope").
 */
public final class Settings {
    private Settings() {}

    /** One setting: its label ("dataset=mnist, model=cnn", "" for none) and its runs. */
    public record Setting(String label, Map<String, Object> values, List<RunResult> runs) {
        public Setting {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            runs = List.copyOf(runs);
        }
    }

    /**
     * The runs split by the values of {@code params}, in label order; with no params one setting
     * labelled "" holding every run (today's single evaluation). A run without a value of a
     * setting parameter gets the value "-" so it is never silently dropped.
     */
    public static List<Setting> split(List<String> params, List<RunResult> runs) {
        if (params.isEmpty()) return List.of(new Setting("", Map.of(), runs));
        Map<Map<String, Object>, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : runs) groups.computeIfAbsent(values(params, r.spec().params()), k -> new ArrayList<>()).add(r);
        List<Setting> out = new ArrayList<>();
        groups.forEach((k, v) -> out.add(new Setting(label(k), k, v)));
        out.sort(Comparator.comparing(Setting::label));
        return out;
    }

    /** The setting of one run's parameters: the values of {@code params}, "-" where the run has none. */
    public static Map<String, Object> values(List<String> params, Map<String, Object> runParams) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String p : params) key.put(p, Objects.requireNonNullElse(runParams.get(p), "-"));
        return key;
    }

    /** "dataset=mnist, model=cnn": the values in settings order. */
    public static String label(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
