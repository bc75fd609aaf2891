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
 * The sweep parser's shared state: the problems found so far, and the readers of parameter values
 * (checked against {@link ParamSchema}), objects and strings that report into it.
 */
final class SweepProblems {
    final List<Problem> list = new ArrayList<>();

    void add(Problem p) {
        list.add(p);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    Object canonical(String path, String param, ConfigValue v) {
        ParamDef def = ParamSchema.get(param).orElse(null);
        if (def == null) {
            add(new Problem(where(v.origin()), path, "an unknown parameter",
                    "one of " + String.join(", ", ParamSchema.names()) + Suggest.hint(param, ParamSchema.names())));
            return null;
        }
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT
                || v.valueType() == ConfigValueType.NULL) {
            add(new Problem(where(v.origin()), path, describe(v), def.expected()));
            return null;
        }
        try {
            return def.canonical(v.unwrapped());
        } catch (IllegalArgumentException e) {
            String hint = v.unwrapped() instanceof String s && !def.choices().isEmpty() ? Suggest.hint(s, def.choices()) : "";
            add(new Problem(where(v.origin()), path, describe(v), e.getMessage() + hint));
            return null;
        }
    }

    ConfigObject objectAt(Config c, String path, String expected) {
        ConfigValue v = c.getValue(path);
        if (v instanceof ConfigObject o) return o;
        add(new Problem(where(v.origin()), path, describe(v), expected));
        return null;
    }

    String stringAt(Config c, String path) {
        ConfigValue v = c.getValue(path);
        if (v.valueType() == ConfigValueType.STRING) return (String) v.unwrapped();
        add(new Problem(where(v.origin()), path, describe(v), "a string"));
        return null;
    }
}
