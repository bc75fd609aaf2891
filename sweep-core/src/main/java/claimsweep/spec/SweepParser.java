package claimsweep.spec;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import claimsweep.spec.hocon.Hocon;
import claimsweep.spec.hocon.HoconFile;
import claimsweep.spec.hocon.Suggest;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.nio.file.Path;

import static claimsweep.spec.hocon.Hocon.describe;
import static claimsweep.spec.hocon.Hocon.quote;
import static claimsweep.spec.hocon.Hocon.stripOrigin;
import static claimsweep.spec.hocon.Hocon.where;

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
            "eval_every", "fixed", "axes", "zip", "exclude", "profiles", "default_profile", "claims", "calibration", "seeds",
            "settings");
    private static final String CLI = Hocon.CLI;

    private final String displayName;
    private final SweepProblems problems = new SweepProblems();
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
        List<Problem> read = new ArrayList<>();
        HoconFile f = HoconFile.read(file, (o, k, found, exp) -> read.add(new Problem(o, k, found, exp)));
        if (f == null) throw new SpecException(read);
        return parse(f, args);
    }

    /** Parses sweep text that came from {@code displayName}; used by tests and by {@link #parse(Path, List)}. */
    public static SweepSpec parse(String displayName, String text, String sourceHash, List<String> args) {
        List<Problem> read = new ArrayList<>();
        HoconFile f = HoconFile.of(displayName, text, sourceHash, (o, k, found, exp) -> read.add(new Problem(o, k, found, exp)));
        if (f == null) throw new SpecException(read);
        return parse(f, args);
    }

    /** Parses the sweep part of an experiment file already read (the claims and calibration parsers share it). */
    public static SweepSpec parse(HoconFile file, List<String> args) {
        return new SweepParser(file.display()).run(file.root(), file.sha256(), args);
    }

    private SweepSpec run(Config base, String sourceHash, List<String> args) {
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
            profile = problems.stringAt(merged, "default_profile");
            if (profile != null) merged = applyProfile(base, profile);
        }
        for (String o : overrides) merged = applyOverride(merged, o);
        failIfProblems();
        SweepSpec spec = new SweepBuilder(displayName, problems, baseAxisLines).build(merged, sourceHash, profile == null ? "" : profile, overrides);
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

    private static List<String> allKeys() {
        List<String> all = new ArrayList<>(TOP_LEVEL);
        all.addAll(ParamSchema.names());
        return all;
    }

    private void failIfProblems() {
        if (!problems.isEmpty()) throw new SpecException(problems.list);
    }

}
