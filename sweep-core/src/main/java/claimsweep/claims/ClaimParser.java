package claimsweep.claims;

import claimsweep.spec.ParamSchema;
import claimsweep.spec.Problem;
import claimsweep.spec.SpecException;
import claimsweep.spec.Suggest;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code claims = [...]} block of an experiment file:
 * <pre>
 * claims = [{
 *   id = A1, text = "BN speeds up convergence"
 *   metric = steps_to_target, target = 0.80      # best_val_acc | final_val_acc | test_acc | steps_to_target | ms_per_step
 *   treatment { norm = batch }, control { norm = none }
 *   direction = less                             # the treatment's metric is claimed less (greater) than control's
 *   delta = 25                                   # margin in the metric's unit (default 0.005 for accuracies)
 *   best_over = [lr]                             # each arm at its own best value of these parameters
 * }]
 * </pre>
 * Problems are reported like the sweep parser's: file:line, key, found, expected.
 */
public final class ClaimParser {
    static final List<String> KEYS = List.of("id", "text", "metric", "target", "treatment", "control", "direction",
            "delta", "best_over", "rule", "over");
    static final double DEFAULT_ACC_DELTA = 0.005;
    static final List<String> RULES = List.of("paired", "max_stable", "band", "ratio", "spread_ratio", "rate", "trend", "range", "interaction");

    private final String display;
    private final List<Problem> problems = new ArrayList<>();

    private ClaimParser(String display) {
        this.display = display;
    }

    public static List<ClaimSpec> parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SpecException(new Problem(file.toString(), "(file)", "unreadable (" + e.getMessage() + ")",
                    "the experiment file the results came from"));
        }
        return parse(file.toString(), text);
    }

    public static List<ClaimSpec> parse(String display, String text) {
        return new ClaimParser(display).run(text);
    }

    /** The file's {@code calibration { metric = ..., runs { filters } }} block, if it declares one. */
    public static java.util.Optional<Calibration> calibration(Path file) {
        try {
            return calibration(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new SpecException(new Problem(file.toString(), "(file)", "unreadable (" + e.getMessage() + ")",
                    "the experiment file the results came from"));
        }
    }

    public static java.util.Optional<Calibration> calibration(String display, String text) {
        ClaimParser p = new ClaimParser(display);
        Config c;
        try {
            c = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(display));
        } catch (ConfigException e) {
            throw new SpecException(new Problem(display, "(syntax)", "malformed HOCON: " + e.getMessage(), "valid HOCON"));
        }
        if (!c.hasPath("calibration")) return java.util.Optional.empty();
        ConfigValue v = c.getValue("calibration");
        if (!(v instanceof ConfigObject o)) {
            throw new SpecException(new Problem(p.where(v), "calibration", v.valueType().name().toLowerCase(),
                    "an object { metric = test_acc, runs { seed_init = 0 } }"));
        }
        for (String k : o.keySet()) {
            if (!List.of("metric", "runs").contains(k)) {
                p.problems.add(new Problem(p.where(o.get(k)), "calibration." + k, "an unknown key", "metric or runs"));
            }
        }
        Metric metric = p.metric(o, "calibration");
        Map<String, Object> filter = p.arm(o, "calibration", "runs");
        if (!p.problems.isEmpty()) throw new SpecException(p.problems);
        return java.util.Optional.of(new Calibration(metric, filter, p.where(o)));
    }

    private List<ClaimSpec> run(String text) {
        Config c;
        try {
            c = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(display));
        } catch (ConfigException e) {
            throw new SpecException(new Problem(display, "(syntax)", "malformed HOCON: " + e.getMessage(), "valid HOCON"));
        }
        if (!c.hasPath("claims")) return List.of();
        ConfigValue v = c.getValue("claims");
        if (!(v instanceof ConfigList list)) {
            throw new SpecException(new Problem(where(v), "claims", v.valueType().name().toLowerCase(), "a list of claim objects"));
        }
        List<ClaimSpec> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ClaimSpec s = claim("claims[" + i + "]", list.get(i));
            if (s != null) out.add(s);
        }
        if (!problems.isEmpty()) throw new SpecException(problems);
        return out;
    }

    private ClaimSpec claim(String path, ConfigValue v) {
        if (!(v instanceof ConfigObject o)) {
            problems.add(new Problem(where(v), path, v.valueType().name().toLowerCase(), "a claim object { id = ..., ... }"));
            return null;
        }
        int before = problems.size();
        for (String k : o.keySet()) {
            if (!KEYS.contains(k)) {
                problems.add(new Problem(where(o.get(k)), path + "." + k, "an unknown claim key",
                        "one of " + String.join(", ", KEYS) + Suggest.hint(k, KEYS)));
            }
        }
        String id = string(o, path, "id", true);
        String text = string(o, path, "text", true);
        Metric metric = metric(o, path);
        double target = number(o, path, "target", Double.NaN);
        if (metric == Metric.STEPS_TO_TARGET && Double.isNaN(target)) {
            problems.add(new Problem(where(o), path + ".target", "nothing", "a target accuracy for steps_to_target, e.g. 0.80"));
        }
        Map<String, Object> treatment = arm(o, path, "treatment");
        // a trend or a range is read within one arm: its control may be left out
        boolean trend = List.of("trend", "range").contains(o.containsKey("rule") ? String.valueOf(o.get("rule").unwrapped()) : "");
        Map<String, Object> control = trend && !o.containsKey("control") ? Map.of() : arm(o, path, "control");
        String dir = string(o, path, "direction", true);
        int direction = 0;
        if (dir != null) {
            switch (dir) {
                case "greater" -> direction = 1;
                case "less" -> direction = -1;
                default -> problems.add(new Problem(where(o.get("direction")), path + ".direction", "\"" + dir + "\"",
                        "greater or less (the treatment's metric compared with the control's)"));
            }
        }
        double defaultDelta = metric != null && metric.name().endsWith("ACC") ? DEFAULT_ACC_DELTA : Double.NaN;
        double delta = number(o, path, "delta", defaultDelta);
        if (Double.isNaN(delta) && metric != null) {
            problems.add(new Problem(where(o), path + ".delta", "nothing", "a margin in the unit of " + metric.label()));
        } else if (delta <= 0) {
            problems.add(new Problem(where(o.get("delta")), path + ".delta", String.valueOf(delta), "a number > 0"));
        }
        List<String> bestOver = new ArrayList<>();
        if (o.containsKey("best_over")) {
            ConfigValue b = o.get("best_over");
            if (b instanceof ConfigList l) {
                for (ConfigValue x : l) {
                    String name = String.valueOf(x.unwrapped());
                    if (ParamSchema.get(name).isEmpty()) {
                        problems.add(new Problem(where(x), path + ".best_over", "\"" + name + "\"", "a run parameter"
                                + Suggest.hint(name, ParamSchema.names())));
                    } else {
                        bestOver.add(name);
                    }
                }
            } else {
                problems.add(new Problem(where(b), path + ".best_over", b.valueType().name().toLowerCase(), "a list of parameters, e.g. [lr]"));
            }
        }
        ClaimSpec.Rule rule = ClaimSpec.Rule.PAIRED;
        String ruleName = string(o, path, "rule", false);
        if (ruleName != null) {
            switch (ruleName) {
                case "paired" -> rule = ClaimSpec.Rule.PAIRED;
                case "max_stable" -> rule = ClaimSpec.Rule.MAX_STABLE;
                case "ratio" -> rule = ClaimSpec.Rule.RATIO;
                case "spread_ratio" -> rule = ClaimSpec.Rule.SPREAD_RATIO;
                case "band" -> rule = ClaimSpec.Rule.BAND;
                case "rate" -> rule = ClaimSpec.Rule.RATE;
                case "trend" -> rule = ClaimSpec.Rule.TREND;
                case "range" -> rule = ClaimSpec.Rule.RANGE;
                case "interaction" -> rule = ClaimSpec.Rule.INTERACTION;
                default -> problems.add(new Problem(where(o.get("rule")), path + ".rule", "\"" + ruleName + "\"",
                        "one of " + String.join(", ", RULES) + Suggest.hint(ruleName, RULES)));
            }
        }
        boolean needsOver = switch (rule) {
            case MAX_STABLE, BAND, SPREAD_RATIO, TREND, INTERACTION -> true;
            default -> false;
        };
        String over = string(o, path, "over", needsOver);
        if (rule == ClaimSpec.Rule.RATE && metric != null && metric != Metric.DIVERGED) {
            problems.add(new Problem(where(o.get("metric")), path + ".metric", metric.label(),
                    "diverged (the rate rule counts runs with a 0/1 outcome)"));
        }
        if (over != null && ParamSchema.get(over).isEmpty()) {
            problems.add(new Problem(where(o.get("over")), path + ".over", "\"" + over + "\"", "a run parameter"
                    + Suggest.hint(over, ParamSchema.names())));
        }
        if (problems.size() > before) return null;
        boolean defaulted = !o.containsKey("delta") && !Double.isNaN(defaultDelta);
        return new ClaimSpec(id, text, metric, target, treatment, control, direction, delta, bestOver, where(o), rule, over,
                defaulted);
    }

    /** The object's required {@code metric}, or null with the problem recorded. */
    private Metric metric(ConfigObject o, String path) {
        String name = string(o, path, "metric", true);
        if (name == null) return null;
        try {
            return Metric.parse(name);
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(Metric.values()).map(Metric::label).toList();
            problems.add(new Problem(where(o.get("metric")), path + ".metric", "\"" + name + "\"",
                    "one of " + String.join(", ", names) + Suggest.hint(name, names)));
            return null;
        }
    }

    private Map<String, Object> arm(ConfigObject o, String path, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        ConfigValue v = o.get(key);
        if (!(v instanceof ConfigObject arm) || arm.isEmpty()) {
            problems.add(new Problem(v == null ? where(o) : where(v), path + "." + key, v == null ? "nothing" : "an empty or non-object value",
                    "parameter filters, e.g. " + key + " { norm = batch }"));
            return out;
        }
        for (Map.Entry<String, ConfigValue> e : arm.entrySet()) {
            var def = ParamSchema.get(e.getKey());
            if (def.isEmpty()) {
                problems.add(new Problem(where(e.getValue()), path + "." + key + "." + e.getKey(), "an unknown parameter",
                        "a run parameter" + Suggest.hint(e.getKey(), ParamSchema.names())));
                continue;
            }
            try {
                out.put(e.getKey(), def.get().canonical(e.getValue().unwrapped()));
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(where(e.getValue()), path + "." + key + "." + e.getKey(),
                        String.valueOf(e.getValue().unwrapped()), ex.getMessage()));
            }
        }
        return out;
    }

    private String string(ConfigObject o, String path, String key, boolean required) {
        ConfigValue v = o.get(key);
        if (v == null) {
            if (required) problems.add(new Problem(where(o), path + "." + key, "nothing", "a value for " + key));
            return null;
        }
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            problems.add(new Problem(where(v), path + "." + key, v.valueType().name().toLowerCase(), "a string"));
            return null;
        }
        return String.valueOf(v.unwrapped());
    }

    private double number(ConfigObject o, String path, String key, double dflt) {
        ConfigValue v = o.get(key);
        if (v == null) return dflt;
        if (v.valueType() != ConfigValueType.NUMBER) {
            problems.add(new Problem(where(v), path + "." + key, String.valueOf(v.unwrapped()), "a number"));
            return dflt;
        }
        return ((Number) v.unwrapped()).doubleValue();
    }

    private String where(ConfigValue v) {
        int line = v.origin().lineNumber();
        return line >= 0 ? display + ":" + line : display;
    }
}
