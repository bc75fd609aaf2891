package claimsweep.expand;

import claimsweep.spec.RunIds;
import claimsweep.spec.RunSpec;

import claimsweep.spec.Axis;
import claimsweep.spec.ExcludeRule;
import claimsweep.spec.ParamDef;
import claimsweep.spec.ParamSchema;
import claimsweep.spec.Problem;
import claimsweep.spec.Setting;
import claimsweep.spec.SpecException;
import claimsweep.spec.SweepSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a {@link SweepSpec} into its runs: the cartesian product of the axes, where each zip group
 * counts as one axis whose members advance together, minus the excluded points. The first axis
 * varies slowest (like nested loops written in file order), so the order is deterministic.
 */
public final class Expander {
    private Expander() {}

    /** The expanded runs plus warnings that do not stop a sweep (e.g. an exclude rule that matches nothing). */
    public record Expansion(List<RunSpec> runs, List<String> warnings) {
        public Expansion {
            runs = List.copyOf(runs);
            warnings = List.copyOf(warnings);
        }
    }

    public static List<RunSpec> expand(SweepSpec spec) {
        return expandWithWarnings(spec).runs();
    }

    public static Expansion expandWithWarnings(SweepSpec spec) {
        List<List<Axis>> dims = dimensions(spec);
        Map<String, Setting> base = new LinkedHashMap<>();
        for (ParamDef d : ParamSchema.all()) base.put(d.name(), new Setting(d.defaultValue(), Setting.DEFAULT_ORIGIN));
        base.putAll(spec.fixed());

        List<RunSpec> runs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> violationsSeen = new LinkedHashSet<>();
        Map<String, String> idToTag = new HashMap<>();
        int[] used = new int[spec.excludes().size()];
        int[] counter = new int[dims.size()];
        long total = 1;
        for (List<Axis> d : dims) total *= d.get(0).size();
        for (long point = 0; point < total; point++) {
            Map<String, Setting> settings = new LinkedHashMap<>(base);
            List<String> tagParts = new ArrayList<>();
            for (int i = 0; i < dims.size(); i++) {
                for (Axis a : dims.get(i)) {
                    Setting s = a.values().get(counter[i]);
                    settings.put(a.name(), s);
                }
            }
            for (Axis a : spec.axes()) tagParts.add(a.name() + "=" + settings.get(a.name()).value());
            advance(counter, dims);

            SortedMap<String, Object> params = new TreeMap<>();
            settings.forEach((k, s) -> params.put(k, s.value()));
            boolean excluded = false;
            for (int r = 0; r < spec.excludes().size(); r++) {
                ExcludeRule rule = spec.excludes().get(r);
                if (rule.matches(params)) {
                    used[r]++;
                    excluded = true;
                }
            }
            if (excluded) continue;

            String tag = tagParts.isEmpty() ? "base" : String.join(",", tagParts);
            for (RunConstraints.Violation v : RunConstraints.check(params)) {
                // Report each distinct violation once, at the origins of the values that caused it.
                String key = v.found() + "|" + v.expected();
                if (!violationsSeen.add(key)) continue;
                Setting first = settings.get(v.params().get(0));
                StringBuilder origins = new StringBuilder();
                for (String p : v.params()) {
                    Setting s = settings.get(p);
                    if (!Setting.DEFAULT_ORIGIN.equals(s.origin())) {
                        origins.append(origins.length() == 0 ? " (set at " : ", ").append(p).append(" ").append(s.origin());
                    }
                }
                if (origins.length() > 0) origins.append(")");
                problems.add(new Problem(first.origin(), v.params().get(0),
                        v.found() + " in run " + tag + origins, v.expected()));
            }
            Map<String, String> origins = new LinkedHashMap<>();
            settings.forEach((k, s) -> origins.put(k, s.origin()));
            String id = RunIds.of(params);
            String clash = idToTag.putIfAbsent(id, tag);
            if (clash != null) {
                problems.add(new Problem(spec.source(), "axes", "two points with identical parameters (" + clash
                        + " and " + tag + ")", "every point to differ in at least one parameter"));
                continue;
            }
            runs.add(new RunSpec(id, tag, spec.name(), runs.size(), params, origins));
        }
        if (!problems.isEmpty()) throw new SpecException(problems);

        List<String> warnings = new ArrayList<>();
        for (int r = 0; r < used.length; r++) {
            if (used[r] == 0) {
                warnings.add(spec.excludes().get(r).origin() + ": exclude rule " + spec.excludes().get(r).match()
                        + " matches no point of the sweep");
            }
        }
        if (runs.isEmpty()) {
            throw new SpecException(new Problem(spec.source(), "exclude", "rules that exclude every point",
                    "at least one run left after the exclude rules"));
        }
        return new Expansion(runs, warnings);
    }

    /** Axes grouped into dimensions: a zip group is one dimension, placed where its first member was declared. */
    private static List<List<Axis>> dimensions(SweepSpec spec) {
        Map<String, List<String>> zipOf = new HashMap<>();
        for (List<String> z : spec.zips()) for (String n : z) zipOf.put(n, z);
        List<List<Axis>> dims = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (Axis a : spec.axes()) {
            if (placed.contains(a.name())) continue;
            List<String> group = zipOf.get(a.name());
            if (group == null) {
                dims.add(List.of(a));
                placed.add(a.name());
            } else {
                List<Axis> members = new ArrayList<>();
                for (String n : group) {
                    members.add(spec.axis(n));
                    placed.add(n);
                }
                dims.add(members);
            }
        }
        return dims;
    }

    /** Mixed-radix increment, last dimension fastest. */
    private static void advance(int[] counter, List<List<Axis>> dims) {
        for (int i = counter.length - 1; i >= 0; i--) {
            counter[i]++;
            if (counter[i] < dims.get(i).get(0).size()) return;
            counter[i] = 0;
        }
    }
}
