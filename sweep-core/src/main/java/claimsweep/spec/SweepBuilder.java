package claimsweep.spec;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import claimsweep.spec.hocon.Suggest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static claimsweep.spec.hocon.Hocon.describe;
import static claimsweep.spec.hocon.Hocon.quote;
import static claimsweep.spec.hocon.Hocon.where;

/**
 * Builds the {@link SweepSpec} from a sweep file's merged configuration (profile and overrides
 * applied): top-level keys, name, fixed values and budget, axes in file order, zips and excludes
 * ({@link SweepLists}), every problem reported into the parser's {@link SweepProblems}.
 */
final class SweepBuilder {
    /** Top-level shorthands that set a parameter. */
    private static final List<String> SHORTHANDS = List.of("dataset", "model", "eval_every");

    private final String displayName;
    private final SweepProblems problems;
    /** Axis declaration lines in the base file, which fix the axis order whatever a profile changes. */
    private final Map<String, Integer> baseAxisLines;

    SweepBuilder(String displayName, SweepProblems problems, Map<String, Integer> baseAxisLines) {
        this.displayName = displayName;
        this.problems = problems;
        this.baseAxisLines = baseAxisLines;
    }

    SweepSpec build(Config c, String sourceHash, String profile, List<String> overrides) {
        for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
            if (!SweepParser.TOP_LEVEL.contains(e.getKey())) {
                String hint = ParamSchema.get(e.getKey()).isPresent()
                        ? "; " + e.getKey() + " is a parameter: put it in fixed { } or axes { }"
                        : Suggest.hint(e.getKey(), SweepParser.TOP_LEVEL);
                problems.add(new Problem(where(e.getValue().origin()), e.getKey(), "an unknown top-level key",
                        "one of " + String.join(", ", SweepParser.TOP_LEVEL) + hint));
            }
        }
        String name = stringAt(c, "name");
        if (!c.hasPath("name")) {
            problems.add(new Problem(displayName, "name", "nothing", "a sweep name, e.g. name = quickstart"));
        } else if (name != null && !SweepSpec.NAME.matcher(name).matches()) {
            problems.add(new Problem(where(c.getValue("name").origin()), "name", quote(name),
                    "letters, digits, '.', '_' or '-' only (it names the output folder)"));
        }
        String description = c.hasPath("description") ? stringAt(c, "description") : "";

        Map<String, Setting> fixed = new LinkedHashMap<>();
        Map<String, ConfigValue> axisValues = new LinkedHashMap<>();
        if (c.hasPath("axes")) {
            ConfigObject axes = objectAt(c, "axes", "an object of axes, e.g. axes { lr = [0.01, 0.1] }");
            if (axes != null) axisValues.putAll(axes);
        }
        for (String s : SHORTHANDS) {
            if (c.hasPath(s)) {
                addFixed(fixed, s, s, c.getValue(s));
            }
        }
        if (c.hasPath("budget")) readBudget(c, fixed);
        if (c.hasPath("fixed")) {
            ConfigObject f = objectAt(c, "fixed", "an object of parameters, e.g. fixed { depth = 2 }");
            if (f != null) {
                for (Map.Entry<String, ConfigValue> e : f.entrySet()) {
                    String k = e.getKey();
                    if (fixed.containsKey(k)) {
                        problems.add(new Problem(where(e.getValue().origin()), "fixed." + k, "a second value for " + k
                                + " (also set at " + fixed.get(k).origin() + ")", "each parameter set once"));
                        continue;
                    }
                    addFixed(fixed, "fixed." + k, k, e.getValue());
                }
            }
        }
        List<Axis> axes = new ArrayList<>();
        List<Map.Entry<String, ConfigValue>> ordered = new ArrayList<>(axisValues.entrySet());
        ordered.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> axisLine(e))
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, ConfigValue> e : ordered) {
            String k = e.getKey();
            if (fixed.containsKey(k)) {
                problems.add(new Problem(where(e.getValue().origin()), "axes." + k, "an axis for a parameter also fixed at "
                        + fixed.get(k).origin(), "each parameter either fixed or an axis, not both"));
                continue;
            }
            Axis a = readAxis(k, e.getValue());
            if (a != null) axes.add(a);
        }
        List<List<String>> zips = c.hasPath("zip") ? new SweepLists(problems).readZips(c, axes) : List.of();
        checkRepeats(axes, zips);
        List<ExcludeRule> excludes = c.hasPath("exclude") ? new SweepLists(problems).readExcludes(c, axes) : List.of();
        SeedSchedule seeds = SeedScheduleReader.read(c, problems, fixed, axes);
        if (!problems.isEmpty()) return null;
        return new SweepSpec(name, description, displayName, sourceHash, profile, overrides, fixed, axes, zips, excludes,
                java.util.Optional.ofNullable(seeds));
    }

    /**
     * A repeated value would run the same configuration twice. An axis outside any zip must list
     * each value once; zipped axes may repeat values (B9 pins one seed while varying another) as
     * long as each zipped tuple is unique.
     */
    private void checkRepeats(List<Axis> axes, List<List<String>> zips) {
        Map<String, Axis> byName = new LinkedHashMap<>();
        axes.forEach(a -> byName.put(a.name(), a));
        Set<String> zipped = new HashSet<>();
        zips.forEach(zipped::addAll);
        for (Axis a : axes) {
            if (zipped.contains(a.name())) continue;
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < a.size(); i++) {
                Setting v = a.values().get(i);
                if (!seen.add(v.value())) {
                    problems.add(new Problem(v.origin(), "axes." + a.name() + "[" + i + "]", "a repeated value " + v.value(),
                            "each value once (a repeated value would run the same configuration twice)"));
                }
            }
        }
        for (List<String> group : zips) {
            if (group.isEmpty() || !group.stream().allMatch(byName::containsKey)) continue;
            int n = byName.get(group.get(0)).size();
            if (!group.stream().allMatch(g -> byName.get(g).size() == n)) continue;
            Set<List<Object>> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                List<Object> tuple = new ArrayList<>();
                for (String g : group) tuple.add(byName.get(g).values().get(i).value());
                if (!seen.add(tuple)) {
                    problems.add(new Problem(byName.get(group.get(0)).values().get(i).origin(), "zip " + group + " point " + i,
                            "a repeated combination " + tuple, "each zipped combination once"));
                }
            }
        }
    }

    private int axisLine(Map.Entry<String, ConfigValue> e) {
        Integer line = baseAxisLines.get(e.getKey());
        if (line != null && line >= 0) return line;
        int l = e.getValue().origin().lineNumber();
        // values that only a profile or the command line declared come after the file's own axes
        return l >= 0 ? 1_000_000 + l : 2_000_000;
    }

    private void readBudget(Config c, Map<String, Setting> fixed) {
        ConfigObject b = objectAt(c, "budget", "an object with one of epochs or steps, e.g. budget { epochs = 2 }");
        if (b == null) return;
        for (String k : b.keySet()) {
            if (!k.equals("epochs") && !k.equals("steps")) {
                problems.add(new Problem(where(b.get(k).origin()), "budget." + k, "an unknown budget key",
                        "epochs or steps" + Suggest.hint(k, List.of("epochs", "steps"))));
            }
        }
        boolean hasEpochs = b.containsKey("epochs");
        boolean hasSteps = b.containsKey("steps");
        if (hasEpochs == hasSteps) {
            problems.add(new Problem(where(b.origin()), "budget", hasEpochs ? "both epochs and steps" : "neither epochs nor steps",
                    "exactly one of budget.epochs or budget.steps"));
            return;
        }
        String set = hasEpochs ? "epochs" : "steps";
        String other = hasEpochs ? "steps" : "epochs";
        ConfigValue v = b.get(set);
        int before = problems.size();
        addFixed(fixed, "budget." + set, set, v);
        if (problems.size() == before) {
            if (((Long) fixed.get(set).value()) < 1) {
                problems.add(new Problem(where(v.origin()), "budget." + set, describe(v), "an integer >= 1"));
            }
            fixed.put(other, new Setting(0L, where(v.origin())));
        }
    }

    private void addFixed(Map<String, Setting> fixed, String path, String param, ConfigValue v) {
        Object canonical = canonical(path, param, v);
        if (canonical != null) fixed.put(param, new Setting(canonical, where(v.origin())));
    }

    private Axis readAxis(String k, ConfigValue v) {
        String path = "axes." + k;
        if (ParamSchema.get(k).isEmpty()) {
            problems.add(new Problem(where(v.origin()), path, "an unknown parameter",
                    "one of " + String.join(", ", ParamSchema.names()) + Suggest.hint(k, ParamSchema.names())));
            return null;
        }
        if (!(v instanceof ConfigList list)) {
            problems.add(new Problem(where(v.origin()), path, describe(v),
                    "a list of values, e.g. " + k + " = [a, b]; use fixed { } for a single value"));
            return null;
        }
        if (list.isEmpty()) {
            problems.add(new Problem(where(v.origin()), path, "an empty list", "at least one value"));
            return null;
        }
        List<Setting> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            Object canonical = canonical(path + "[" + i + "]", k, item);
            if (canonical == null) continue;
            values.add(new Setting(canonical, where(item.origin())));
        }
        return values.size() == list.size() ? new Axis(k, values) : null;
    }


    private Object canonical(String path, String param, ConfigValue v) {
        return problems.canonical(path, param, v);
    }

    private ConfigObject objectAt(Config c, String path, String expected) {
        return problems.objectAt(c, path, expected);
    }

    private String stringAt(Config c, String path) {
        return problems.stringAt(c, path);
    }
}
