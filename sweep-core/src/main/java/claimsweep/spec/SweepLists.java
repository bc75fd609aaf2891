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

/** The sweep file's {@code zip} groups and {@code exclude} rules, read against the axes already built. */
final class SweepLists {
    private final SweepProblems problems;

    SweepLists(SweepProblems problems) {
        this.problems = problems;
    }

    List<List<String>> readZips(Config c, List<Axis> axes) {
        ConfigValue z = c.getValue("zip");
        String expected = "a list of axis-name lists, e.g. zip = [[lr, batch_size]]";
        if (!(z instanceof ConfigList groups)) {
            problems.add(new Problem(where(z.origin()), "zip", describe(z), expected));
            return List.of();
        }
        Map<String, Axis> byName = new LinkedHashMap<>();
        axes.forEach(a -> byName.put(a.name(), a));
        Set<String> used = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            ConfigValue gv = groups.get(g);
            String path = "zip[" + g + "]";
            if (!(gv instanceof ConfigList names) || names.size() < 2) {
                problems.add(new Problem(where(gv.origin()), path, describe(gv), "a list of two or more axis names"));
                continue;
            }
            List<String> group = new ArrayList<>();
            int size = -1;
            for (ConfigValue nv : names) {
                if (nv.valueType() != ConfigValueType.STRING) {
                    problems.add(new Problem(where(nv.origin()), path, describe(nv), "an axis name"));
                    continue;
                }
                String n = (String) nv.unwrapped();
                Axis a = byName.get(n);
                if (a == null) {
                    problems.add(new Problem(where(nv.origin()), path, quote(n), "the name of an axis ("
                            + String.join(", ", byName.keySet()) + ")" + Suggest.hint(n, byName.keySet())));
                    continue;
                }
                if (!used.add(n)) {
                    problems.add(new Problem(where(nv.origin()), path, "axis " + n + " zipped twice", "each axis in at most one zip group"));
                    continue;
                }
                if (size >= 0 && a.size() != size) {
                    problems.add(new Problem(where(nv.origin()), path, "axis " + n + " with " + a.size() + " values",
                            size + " values, like the other axes of this zip group"));
                }
                size = a.size();
                group.add(n);
            }
            out.add(group);
        }
        return out;
    }

    List<ExcludeRule> readExcludes(Config c, List<Axis> axes) {
        ConfigValue x = c.getValue("exclude");
        if (!(x instanceof ConfigList rules)) {
            problems.add(new Problem(where(x.origin()), "exclude", describe(x),
                    "a list of rules, e.g. exclude = [{ norm = none, lr = 1.0 }]"));
            return List.of();
        }
        Set<String> axisNames = new LinkedHashSet<>();
        axes.forEach(a -> axisNames.add(a.name()));
        List<ExcludeRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ConfigValue rv = rules.get(i);
            String path = "exclude[" + i + "]";
            if (!(rv instanceof ConfigObject rule) || rule.isEmpty()) {
                problems.add(new Problem(where(rv.origin()), path, describe(rv), "a non-empty object of axis = value(s)"));
                continue;
            }
            Map<String, Set<Object>> match = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigValue> e : rule.entrySet()) {
                String k = e.getKey();
                if (!axisNames.contains(k)) {
                    problems.add(new Problem(where(e.getValue().origin()), path + "." + k, "a key that is not an axis",
                            "one of the axes " + axisNames + Suggest.hint(k, axisNames)));
                    continue;
                }
                Set<Object> values = new HashSet<>();
                if (e.getValue() instanceof ConfigList l) {
                    for (int j = 0; j < l.size(); j++) {
                        Object v = canonical(path + "." + k + "[" + j + "]", k, l.get(j));
                        if (v != null) values.add(v);
                    }
                } else {
                    Object v = canonical(path + "." + k, k, e.getValue());
                    if (v != null) values.add(v);
                }
                match.put(k, values);
            }
            out.add(new ExcludeRule(match, where(rv.origin())));
        }
        return out;
    }

    private Object canonical(String path, String param, ConfigValue v) {
        return problems.canonical(path, param, v);
    }
}
