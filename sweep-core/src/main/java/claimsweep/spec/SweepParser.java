package claimsweep.spec;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a HOCON sweep file (plus a profile and command-line overrides) into a {@link SweepSpec}.
 * Every problem is collected with its file:line before one {@link SpecException} is thrown, so a
 * user fixes the file in one pass.
 *
 * <pre>
 * name = quickstart
 * dataset = fashion-mnist          # shorthand for fixed.dataset
 * model = mlp                      # shorthand for fixed.model
 * budget { epochs = 1 }            # or { steps = 500 }
 * eval_every = 50
 * fixed { depth = 2, width = 128 }
 * axes { norm = [none, batch], lr = [0.01, 0.1], seed = [1, 2] }
 * zip = [[lr, batch_size]]         # axes that vary together
 * exclude = [{ norm = none, lr = 0.1 }]
 * profiles { quick { axes.seed = [1] } }
 * </pre>
 */
public final class SweepParser {
    /** Top-level keys a sweep file may hold. */
    static final List<String> TOP_LEVEL = List.of("name", "description", "dataset", "model", "budget",
            "eval_every", "fixed", "axes", "zip", "exclude", "profiles", "default_profile", "claims", "calibration");
    /** Top-level shorthands that set a parameter. */
    private static final List<String> SHORTHANDS = List.of("dataset", "model", "eval_every");
    private static final String CLI = "command line";

    private final String displayName;
    private final List<Problem> problems = new ArrayList<>();
    /** Axis declaration lines in the base file, which fix the axis order whatever a profile changes. */
    private final Map<String, Integer> baseAxisLines = new LinkedHashMap<>();

    private SweepParser(String displayName) {
        this.displayName = displayName;
    }

    /**
     * Parses {@code file} with {@code args}: {@code profile=NAME} selects a profile, every other
     * {@code key=value} overrides a value (a list value on a parameter makes it an axis).
     */
    public static SweepSpec parse(Path file, List<String> args) {
        String display = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(new Problem(display, "(file)", "no such file",
                    "a HOCON sweep file; the examples are in experiments/"));
        } catch (IOException e) {
            throw new SpecException(new Problem(display, "(file)", "unreadable (" + e.getMessage() + ")",
                    "a readable HOCON sweep file"));
        }
        return parse(display, new String(bytes, java.nio.charset.StandardCharsets.UTF_8), sha256(bytes), args);
    }

    /** Parses sweep text that came from {@code displayName}; used by tests and by {@link #parse(Path, List)}. */
    public static SweepSpec parse(String displayName, String text, String sourceHash, List<String> args) {
        return new SweepParser(displayName).run(text, sourceHash, args);
    }

    private SweepSpec run(String text, String sourceHash, List<String> args) {
        Config base;
        try {
            base = ConfigFactory.parseString(text, ConfigParseOptions.defaults()
                    .setSyntax(ConfigSyntax.CONF).setOriginDescription(displayName));
        } catch (ConfigException e) {
            throw new SpecException(new Problem(where(e.origin()), "(syntax)", "malformed HOCON: " + stripOrigin(e),
                    "valid HOCON (see https://github.com/lightbend/config/blob/main/HOCON.md)"));
        }
        if (base.hasPath("axes") && base.getValue("axes").valueType() == ConfigValueType.OBJECT) {
            for (Map.Entry<String, ConfigValue> e : base.getObject("axes").entrySet()) {
                baseAxisLines.put(e.getKey(), e.getValue().origin().lineNumber());
            }
        }

        String profile = "";
        List<String> overrides = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                problems.add(new Problem(CLI, arg, quote(arg), "key=value, e.g. lr=0.1 or norm=[none,batch]"));
            } else if (arg.substring(0, eq).trim().equals("profile")) {
                profile = arg.substring(eq + 1).trim();
            } else {
                overrides.add(arg);
            }
        }
        Config merged = applyProfile(base, profile);
        if (profile.isEmpty() && merged.hasPath("default_profile")) {
            profile = stringAt(merged, "default_profile");
            if (profile != null) merged = applyProfile(base, profile);
        }
        for (String o : overrides) merged = applyOverride(merged, o);
        failIfProblems();
        SweepSpec spec = build(merged, sourceHash, profile == null ? "" : profile, overrides);
        failIfProblems();
        return spec;
    }

    // ---- profiles and overrides -----------------------------------------------------------

    private Config applyProfile(Config base, String profile) {
        Config withoutProfiles = base.withoutPath("profiles");
        if (profile == null || profile.isEmpty()) return withoutProfiles;
        if (!base.hasPath("profiles") || base.getValue("profiles").valueType() != ConfigValueType.OBJECT) {
            problems.add(new Problem(CLI, "profile", quote(profile), "a profile declared under profiles { } in "
                    + displayName + ", which declares none"));
            return withoutProfiles;
        }
        ConfigObject profiles = base.getObject("profiles");
        ConfigValue chosen = profiles.get(profile);
        if (chosen == null) {
            problems.add(new Problem(CLI, "profile", quote(profile), "one of " + new TreeSet<>(profiles.keySet())
                    + Suggest.hint(profile, profiles.keySet())));
            return withoutProfiles;
        }
        if (chosen.valueType() != ConfigValueType.OBJECT) {
            problems.add(new Problem(where(chosen.origin()), "profiles." + profile, describe(chosen),
                    "an object of overrides, e.g. { axes.seed = [1, 2] }"));
            return withoutProfiles;
        }
        Config p = ((ConfigObject) chosen).toConfig();
        for (String k : p.root().keySet()) {
            if (k.equals("profiles") || k.equals("name") || k.equals("default_profile")) {
                problems.add(new Problem(where(p.root().get(k).origin()), "profiles." + profile + "." + k,
                        "a key a profile cannot change", "only sweep settings (fixed, axes, budget, ...) in a profile"));
            }
        }
        // A profile's budget replaces the base budget whole (so it may switch epochs <-> steps).
        if (p.hasPath("budget")) withoutProfiles = withoutProfiles.withoutPath("budget");
        return p.withFallback(withoutProfiles);
    }

    private Config applyOverride(Config merged, String arg) {
        int eq = arg.indexOf('=');
        String key = arg.substring(0, eq).trim();
        String valueText = arg.substring(eq + 1).trim();
        ConfigValue value;
        try {
            value = ConfigFactory.parseString("v = " + valueText,
                    ConfigParseOptions.defaults().setOriginDescription(CLI)).getValue("v");
        } catch (ConfigException e) {
            // A value HOCON cannot parse on its own (rare) is taken as a plain string.
            value = ConfigValueFactory.fromAnyRef(valueText, CLI);
        }
        String path = key;
        if (!key.contains(".") && !TOP_LEVEL.contains(key)) {
            if (ParamSchema.get(key).isEmpty()) {
                problems.add(new Problem(CLI, key, quote(arg), "a parameter or top-level key"
                        + Suggest.hint(key, allKeys())));
                return merged;
            }
            boolean list = value.valueType() == ConfigValueType.LIST;
            if (!list && (key.equals("epochs") || key.equals("steps"))) {
                // epochs=3 or steps=500 replaces the whole budget, so it can switch from one to the other
                return merged.withoutPath("budget").withValue("budget." + key, value);
            }
            path = (list ? "axes." : "fixed.") + key;
            merged = merged.withoutPath(list ? "fixed." + key : "axes." + key);
            if (!list) {
                merged = merged.withoutPath(key); // a shorthand like dataset= must not collide with fixed.dataset
                if (isZipped(merged, key)) {
                    problems.add(new Problem(CLI, key, quote(arg), "a list of values: " + key
                            + " is in a zip group, so it must keep one value per zipped point (or remove the zip)"));
                }
            }
        }
        try {
            return merged.withValue(path, value);
        } catch (ConfigException e) {
            problems.add(new Problem(CLI, key, quote(arg), "a valid key path (" + stripOrigin(e) + ")"));
            return merged;
        }
    }

    private static boolean isZipped(Config c, String key) {
        if (!c.hasPath("zip") || c.getValue("zip").valueType() != ConfigValueType.LIST) return false;
        for (ConfigValue g : c.getList("zip")) {
            if (g instanceof ConfigList l) {
                for (ConfigValue v : l) if (key.equals(v.unwrapped())) return true;
            }
        }
        return false;
    }

    // ---- building -------------------------------------------------------------------------

    private SweepSpec build(Config c, String sourceHash, String profile, List<String> overrides) {
        for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
            if (!TOP_LEVEL.contains(e.getKey())) {
                String hint = ParamSchema.get(e.getKey()).isPresent()
                        ? "; " + e.getKey() + " is a parameter: put it in fixed { } or axes { }"
                        : Suggest.hint(e.getKey(), TOP_LEVEL);
                problems.add(new Problem(where(e.getValue().origin()), e.getKey(), "an unknown top-level key",
                        "one of " + String.join(", ", TOP_LEVEL) + hint));
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
        List<List<String>> zips = c.hasPath("zip") ? readZips(c, axes) : List.of();
        checkRepeats(axes, zips);
        List<ExcludeRule> excludes = c.hasPath("exclude") ? readExcludes(c, axes) : List.of();
        if (!problems.isEmpty()) return null;
        return new SweepSpec(name, description, displayName, sourceHash, profile, overrides, fixed, axes, zips, excludes);
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

    private List<List<String>> readZips(Config c, List<Axis> axes) {
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

    private List<ExcludeRule> readExcludes(Config c, List<Axis> axes) {
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

    // ---- helpers --------------------------------------------------------------------------

    private Object canonical(String path, String param, ConfigValue v) {
        ParamDef def = ParamSchema.get(param).orElse(null);
        if (def == null) {
            problems.add(new Problem(where(v.origin()), path, "an unknown parameter",
                    "one of " + String.join(", ", ParamSchema.names()) + Suggest.hint(param, ParamSchema.names())));
            return null;
        }
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT
                || v.valueType() == ConfigValueType.NULL) {
            problems.add(new Problem(where(v.origin()), path, describe(v), def.expected()));
            return null;
        }
        try {
            return def.canonical(v.unwrapped());
        } catch (IllegalArgumentException e) {
            String hint = v.unwrapped() instanceof String s && !def.choices().isEmpty() ? Suggest.hint(s, def.choices()) : "";
            problems.add(new Problem(where(v.origin()), path, describe(v), e.getMessage() + hint));
            return null;
        }
    }

    private ConfigObject objectAt(Config c, String path, String expected) {
        ConfigValue v = c.getValue(path);
        if (v instanceof ConfigObject o) return o;
        problems.add(new Problem(where(v.origin()), path, describe(v), expected));
        return null;
    }

    private String stringAt(Config c, String path) {
        ConfigValue v = c.getValue(path);
        if (v.valueType() == ConfigValueType.STRING) return (String) v.unwrapped();
        problems.add(new Problem(where(v.origin()), path, describe(v), "a string"));
        return null;
    }

    private static List<String> allKeys() {
        List<String> all = new ArrayList<>(TOP_LEVEL);
        all.addAll(ParamSchema.names());
        return all;
    }

    private void failIfProblems() {
        if (!problems.isEmpty()) throw new SpecException(problems);
    }

    /** "file:line" for values from a file, the origin's own description otherwise. */
    static String where(ConfigOrigin origin) {
        if (origin == null) return "<unknown>";
        String d = origin.description();
        // Typesafe Config describes string-parsed origins as "<description>: <line>"
        int line = origin.lineNumber();
        if (line >= 0) {
            int colon = d.lastIndexOf(": " + line);
            String file = colon > 0 ? d.substring(0, colon) : d;
            if (file.equals(CLI)) return CLI; // one argument, one line: a line number would only confuse
            return file + ":" + line;
        }
        return d;
    }

    private static String describe(ConfigValue v) {
        return switch (v.valueType()) {
            case STRING -> quote((String) v.unwrapped()) + " (string)";
            case NUMBER -> v.unwrapped() + " (number)";
            case BOOLEAN -> v.unwrapped() + " (boolean)";
            case LIST -> "a list " + v.render(com.typesafe.config.ConfigRenderOptions.concise());
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String stripOrigin(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null) {
            String d = e.origin().description();
            if (m.startsWith(d + ": ")) return m.substring(d.length() + 2);
        }
        return m;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
