package claimsweep.spec.hocon;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Typed getters over one object of an experiment file that report, never throw: each getter takes
 * the object, its dotted path and a key, and on a mistake reports origin, key, found and expected
 * to the sink and returns a fallback, so a parser collects every problem before failing once. One
 * reader serves the sweep, claims and calibration parsers, so that the same mistake is worded the
 * same everywhere ("found an unknown claim key", "found "x" (string), expected a number").
 */
public final class HoconReader {
    private final ProblemSink sink;
    private int count;

    public HoconReader(ProblemSink sink) {
        this.sink = sink;
    }

    /** How many problems this reader reported (compare before and after a block to see whether it was clean). */
    public int problems() {
        return count;
    }

    /** Reports a problem at {@code at}'s origin. */
    public void problem(ConfigValue at, String key, String found, String expected) {
        problem(Hocon.where(at), key, found, expected);
    }

    public void problem(String origin, String key, String found, String expected) {
        count++;
        sink.add(origin, key, found, expected);
    }

    /** Every key of {@code o} not in {@code allowed} is reported as "an unknown WHAT key", with a did-you-mean. */
    public void unknownKeys(ConfigObject o, String path, Collection<String> allowed, String what) {
        for (String k : o.keySet()) {
            if (!allowed.contains(k)) {
                problem(o.get(k), join(path, k), "an unknown " + what + " key",
                        "one of " + String.join(", ", allowed) + Suggest.hint(k, allowed));
            }
        }
    }

    /** The object at {@code key} (null: absent, reported when required, or not an object). */
    public ConfigObject object(ConfigObject o, String path, String key, boolean required, String example) {
        ConfigValue v = o.get(key);
        if (v == null) {
            if (required) problem(o, join(path, key), "nothing", example);
            return null;
        }
        if (v instanceof ConfigObject obj) return obj;
        problem(v, join(path, key), Hocon.describe(v), example);
        return null;
    }

    /** A string (numbers and booleans are read as their text); null when absent or not a scalar. */
    public String string(ConfigObject o, String path, String key, boolean required) {
        ConfigValue v = o.get(key);
        if (v == null) {
            if (required) problem(o, join(path, key), "nothing", "a value for " + key);
            return null;
        }
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST
                || v.valueType() == ConfigValueType.NULL) {
            problem(v, join(path, key), Hocon.describe(v), "a string");
            return null;
        }
        return String.valueOf(v.unwrapped());
    }

    /** One of {@code choices} (did-you-mean on a near miss); {@code dflt} when absent or wrong. */
    public String choice(ConfigObject o, String path, String key, List<String> choices, String dflt, String why) {
        String s = string(o, path, key, dflt == null);
        if (s == null) return dflt;
        if (choices.contains(s)) return s;
        problem(o.get(key), join(path, key), Hocon.quote(s), "one of " + String.join(", ", choices)
                + (why.isEmpty() ? "" : " (" + why + ")") + Suggest.hint(s, choices));
        return dflt;
    }

    /** A number; {@code dflt} when absent or not a number. */
    public double number(ConfigObject o, String path, String key, double dflt) {
        ConfigValue v = o.get(key);
        if (v == null) return dflt;
        if (v.valueType() != ConfigValueType.NUMBER) {
            problem(v, join(path, key), Hocon.describe(v), "a number");
            return dflt;
        }
        return ((Number) v.unwrapped()).doubleValue();
    }

    /** A boolean; {@code dflt} when absent or not a boolean. */
    public boolean bool(ConfigObject o, String path, String key, boolean dflt) {
        ConfigValue v = o.get(key);
        if (v == null) return dflt;
        if (v.valueType() != ConfigValueType.BOOLEAN) {
            problem(v, join(path, key), Hocon.describe(v), "true or false");
            return dflt;
        }
        return (Boolean) v.unwrapped();
    }

    /** A list of names, each checked against {@code allowed} (did-you-mean); empty when absent. */
    public List<String> names(ConfigObject o, String path, String key, Collection<String> allowed, String what) {
        List<String> out = new ArrayList<>();
        ConfigValue v = o.get(key);
        if (v == null) return out;
        if (!(v instanceof ConfigList l)) {
            problem(v, join(path, key), Hocon.describe(v), "a list of " + what + "s, e.g. [" + allowed.iterator().next() + "]");
            return out;
        }
        for (ConfigValue x : l) {
            String name = String.valueOf(x.unwrapped());
            if (!allowed.contains(name)) {
                problem(x, join(path, key), Hocon.quote(name), "a " + what + Suggest.hint(name, allowed));
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
