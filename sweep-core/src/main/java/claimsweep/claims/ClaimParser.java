package claimsweep.claims;

import claimsweep.spec.ParamSchema;
import claimsweep.spec.Problem;
import claimsweep.spec.SpecException;
import claimsweep.spec.hocon.Hocon;
import claimsweep.spec.hocon.HoconFile;
import claimsweep.spec.hocon.HoconReader;
import claimsweep.spec.hocon.Suggest;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    /** Keys every claim may have; a rule adds its own ({@link ClaimRule#keys()}). */
    static final List<String> COMMON = List.of("id", "text", "metric", "target", "treatment", "control", "direction",
            "delta", "best_over", "rule");
    static final double DEFAULT_ACC_DELTA = 0.005;

    private final List<Problem> problems = new ArrayList<>();
    private final HoconReader in = new HoconReader((o, k, found, exp) -> problems.add(new Problem(o, k, found, exp)));

    private ClaimParser() {}

    /** The claims of an experiment file (read on its own; {@link Experiment#parse} reads the file once for all parts). */
    public static List<ClaimSpec> parse(Path file) {
        return parse(read(file));
    }

    public static List<ClaimSpec> parse(String display, String text) {
        return parse(read(display, text));
    }

    /** The {@code claims = [...]} block of a file already read; throws every problem at once. */
    public static List<ClaimSpec> parse(HoconFile file) {
        ClaimParser p = new ClaimParser();
        List<ClaimSpec> out = p.claims(file);
        if (!p.problems.isEmpty()) throw new SpecException(p.problems);
        return out;
    }

    /** The file's {@code calibration { metric = ..., runs { filters } }} block, if it declares one. */
    public static Optional<Calibration> calibration(Path file) {
        return calibration(read(file));
    }

    public static Optional<Calibration> calibration(String display, String text) {
        return calibration(read(display, text));
    }

    public static Optional<Calibration> calibration(HoconFile file) {
        ClaimParser p = new ClaimParser();
        Optional<Calibration> c = p.calibrationBlock(file);
        if (!p.problems.isEmpty()) throw new SpecException(p.problems);
        return c;
    }

    /** Claims and calibration problems are collected here; {@link Experiment} merges them with the sweep's. */
    static ClaimParser collecting() {
        return new ClaimParser();
    }

    List<Problem> problems() {
        return problems;
    }

    private static HoconFile read(Path file) {
        List<Problem> read = new ArrayList<>();
        HoconFile f = HoconFile.read(file, (o, k, found, exp) -> read.add(new Problem(o, k, found, exp)));
        if (f == null) throw new SpecException(read);
        return f;
    }

    private static HoconFile read(String display, String text) {
        List<Problem> read = new ArrayList<>();
        HoconFile f = HoconFile.of(display, text, "", (o, k, found, exp) -> read.add(new Problem(o, k, found, exp)));
        if (f == null) throw new SpecException(read);
        return f;
    }

    Optional<Calibration> calibrationBlock(HoconFile file) {
        ConfigObject root = file.root().root();
        if (!root.containsKey("calibration")) return Optional.empty();
        ConfigObject o = in.object(root, "", "calibration", true, "an object { metric = test_acc, runs { seed_init = 0 } }");
        if (o == null) return Optional.empty();
        int before = in.problems();
        in.unknownKeys(o, "calibration", List.of("metric", "runs"), "calibration");
        Metric metric = metric(o, "calibration");
        Map<String, Object> filter = arm(o, "calibration", "runs");
        if (in.problems() > before) return Optional.empty();
        return Optional.of(new Calibration(metric, filter, Hocon.where(o)));
    }

    List<ClaimSpec> claims(HoconFile file) {
        ConfigObject root = file.root().root();
        if (!root.containsKey("claims")) return List.of();
        ConfigValue v = root.get("claims");
        if (!(v instanceof ConfigList list)) {
            in.problem(v, "claims", Hocon.describe(v), "a list of claim objects");
            return List.of();
        }
        List<ClaimSpec> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ClaimSpec s = claim("claims[" + i + "]", list.get(i));
            if (s != null) out.add(s);
        }
        return out;
    }

    private ClaimSpec claim(String path, ConfigValue v) {
        if (!(v instanceof ConfigObject o)) {
            in.problem(v, path, Hocon.describe(v), "a claim object { id = ..., ... }");
            return null;
        }
        int before = in.problems();
        String ruleName = in.choice(o, path, "rule", Rules.names(), "paired", "");
        ClaimRule rule = Rules.of(ruleName);
        List<String> keys = new ArrayList<>(COMMON);
        keys.addAll(new java.util.TreeSet<>(rule.keys().keySet()));
        in.unknownKeys(o, path, keys, "claim");
        String id = in.string(o, path, "id", true);
        String text = in.string(o, path, "text", true);
        Metric metric = metric(o, path);
        double target = in.number(o, path, "target", Double.NaN);
        if (metric == Metric.STEPS_TO_TARGET && Double.isNaN(target)) {
            in.problem(o, path + ".target", "nothing", "a target accuracy for steps_to_target, e.g. 0.80");
        }
        Map<String, Object> treatment = arm(o, path, "treatment");
        // a rule read within one arm (trend, range) may leave out the control
        Map<String, Object> control = rule.oneArm() && !o.containsKey("control") ? Map.of() : arm(o, path, "control");
        String dir = in.choice(o, path, "direction", List.of("greater", "less"), null,
                "the treatment's metric compared with the control's");
        int direction = "greater".equals(dir) ? 1 : "less".equals(dir) ? -1 : 0;
        double defaultDelta = metric != null && metric.name().endsWith("ACC") ? DEFAULT_ACC_DELTA : Double.NaN;
        double delta = in.number(o, path, "delta", defaultDelta);
        if (Double.isNaN(delta) && metric != null) {
            in.problem(o, path + ".delta", "nothing", "a margin in the unit of " + metric.label());
        } else if (delta <= 0) {
            in.problem(o.get("delta"), path + ".delta", String.valueOf(delta), "a number > 0");
        }
        List<String> bestOver = in.names(o, path, "best_over", ParamSchema.names(), "run parameter");
        // the rule's own keys: each names a run parameter (today only "over")
        Map<String, String> ruleKeys = new java.util.TreeMap<>();
        for (var k : rule.keys().entrySet()) {
            String p = in.string(o, path, k.getKey(), k.getValue());
            if (p == null) continue;
            if (ParamSchema.get(p).isEmpty()) {
                in.problem(o.get(k.getKey()), path + "." + k.getKey(), Hocon.quote(p), "a run parameter" + Suggest.hint(p, ParamSchema.names()));
            } else {
                ruleKeys.put(k.getKey(), p);
            }
        }
        if (in.problems() > before) return null;
        boolean defaulted = !o.containsKey("delta") && !Double.isNaN(defaultDelta);
        ClaimSpec spec = new ClaimSpec(id, text, metric, target, treatment, control, direction, delta, bestOver, Hocon.where(o),
                ClaimSpec.Rule.valueOf(rule.name().toUpperCase(java.util.Locale.ROOT)), ruleKeys.get("over"), defaulted);
        var wrong = rule.check(spec);
        if (wrong.isPresent()) {
            String[] w = wrong.get();
            in.problem(o.containsKey(w[0]) ? Hocon.where(o.get(w[0])) : Hocon.where(o), path + "." + w[0], w[1], w[2]);
            return null;
        }
        return spec;
    }

    /** The object's required {@code metric}, or null with the problem recorded. */
    private Metric metric(ConfigObject o, String path) {
        List<String> names = Arrays.stream(Metric.values()).map(Metric::label).toList();
        String name = in.choice(o, path, "metric", names, null, "");
        return name == null ? null : Metric.parse(name);
    }

    /** An arm's parameter filters, each value checked against its parameter's definition. */
    private Map<String, Object> arm(ConfigObject o, String path, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        ConfigValue v = o.get(key);
        if (!(v instanceof ConfigObject arm) || arm.isEmpty()) {
            in.problem(v == null ? Hocon.where(o) : Hocon.where(v), path + "." + key, v == null ? "nothing" : Hocon.describe(v),
                    "parameter filters, e.g. " + key + " { norm = batch }");
            return out;
        }
        for (Map.Entry<String, ConfigValue> e : arm.entrySet()) {
            var def = ParamSchema.get(e.getKey());
            if (def.isEmpty()) {
                in.problem(e.getValue(), path + "." + key + "." + e.getKey(), "an unknown parameter",
                        "a run parameter" + Suggest.hint(e.getKey(), ParamSchema.names()));
                continue;
            }
            try {
                out.put(e.getKey(), def.get().canonical(e.getValue().unwrapped()));
            } catch (IllegalArgumentException ex) {
                in.problem(e.getValue(), path + "." + key + "." + e.getKey(), Hocon.describe(e.getValue()), ex.getMessage());
            }
        }
        return out;
    }
}
