package claimsweep.claims;

import claimsweep.spec.ParamSchema;
import claimsweep.spec.Problem;
import claimsweep.spec.SpecException;
import claimsweep.spec.hocon.Hocon;
import claimsweep.spec.hocon.HoconFile;
import claimsweep.spec.hocon.HoconReader;
import claimsweep.spec.hocon.Suggest;
import claimsweep.stats.Direction;
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
 * Reads the {@code claims = [...]} and {@code calibration} blocks of an experiment file (README
 * "Claims and the report" documents every key):
 * <pre>
 * claims = [{
 *   id = A1a, text = "BN speeds up convergence", primary = true     # claim = A1 (default: id up to its first lower-case letter)
 *   metric = steps_to_target, target = 0.80
 *   treatment { norm = batch }, control { norm = none }
 *   direction = less            # greater | less | equivalent | noninferior
 *   margin = 25                 # smallest effect of interest (default per metric, see Metric.defaultMargin)
 *   best_over = [lr], select_by = final_val_acc   # each arm at its best level, chosen on validation
 *   requires = [{ ...a claim without id/text... }]  # premises, evaluated on the same runs
 * }]
 * </pre>
 * Problems go through the shared HOCON reader, so they read like the sweep parser's.
 */
public final class ClaimParser {
    /** Keys every claim may have; a rule adds its own ({@link ClaimRule#keys()}). */
    static final List<String> COMMON = List.of("id", "claim", "text", "metric", "target", "treatment", "control", "direction",
            "margin", "best_over", "select_by", "rule", "primary", "requires", "sequential", "revised");
    static final List<String> DIRECTIONS = Arrays.stream(Direction.values()).map(Direction::label).toList();

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

    /** The file's {@code settings = [dataset, model]}: run parameters each claim is evaluated per value of (empty: none). */
    public static List<String> settings(Path file) {
        return settings(read(file));
    }

    public static List<String> settings(String display, String text) {
        return settings(read(display, text));
    }

    public static List<String> settings(HoconFile file) {
        ClaimParser p = new ClaimParser();
        List<String> s = p.settingsList(file);
        if (!p.problems.isEmpty()) throw new SpecException(p.problems);
        return s;
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

    /**
     * {@code settings = [dataset, model]}: names of run parameters, each at most once. Every problem
     * names the file (origin), the key and the parameter names expected.
     */
    List<String> settingsList(HoconFile file) {
        ConfigObject root = file.root().root();
        if (!root.containsKey("settings")) return List.of();
        ConfigValue v = root.get("settings");
        String expected = "a list of run parameter names, e.g. settings = [dataset, model] (one of "
                + String.join(", ", new java.util.TreeSet<>(ParamSchema.names())) + ")";
        if (!(v instanceof ConfigList list)) {
            in.problem(v, "settings", Hocon.describe(v), expected);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue e = list.get(i);
            Object u = e.unwrapped();
            if (!(u instanceof String name) || ParamSchema.get(name).isEmpty()) {
                String hint = u instanceof String n ? Suggest.hint(n, ParamSchema.names()) : "";
                in.problem(e, "settings[" + i + "]", Hocon.describe(e) + (u instanceof String ? ", not a run parameter" : ""),
                        expected + hint);
            } else if (out.contains(name)) {
                in.problem(e, "settings[" + i + "]", "a second " + name, "each parameter once");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    Optional<Calibration> calibrationBlock(HoconFile file) {
        ConfigObject root = file.root().root();
        if (!root.containsKey("calibration")) return Optional.empty();
        ConfigObject o = in.object(root, "", "calibration", true, "an object { metric = test_acc, runs { seed_init = 0 } }");
        if (o == null) return Optional.empty();
        int before = in.problems();
        in.unknownKeys(o, "calibration", List.of("metric", "metrics", "runs"), "calibration");
        List<Metric> metrics = new ArrayList<>();
        List<String> names = Arrays.stream(Metric.values()).map(Metric::label).toList();
        if (o.containsKey("metrics")) {
            in.names(o, "calibration", "metrics", names, "metric").forEach(n -> metrics.add(Metric.parse(n)));
        } else {
            Metric m = metric(o, "calibration", "metric", true);
            if (m != null) metrics.add(m);
        }
        Map<String, Object> filter = arm(o, "calibration", "runs");
        if (in.problems() > before) return Optional.empty();
        return Optional.of(new Calibration(metrics, filter, Hocon.where(o)));
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
        checkPrimaries(out);
        return out;
    }

    private ClaimSpec claim(String path, ConfigValue v) {
        return claim(path, v, null);
    }

    /** A claim, or with {@code parent} one of its premises (no id, text, primary or premises of its own needed). */
    private ClaimSpec claim(String path, ConfigValue v, ClaimSpec.Identity parent) {
        if (!(v instanceof ConfigObject o)) {
            in.problem(v, path, Hocon.describe(v), "a claim object { id = ..., ... }");
            return null;
        }
        int before = in.problems();
        String ruleName = in.choice(o, path, "rule", Rules.names(), "paired", "");
        ClaimRule rule = Rules.of(ruleName);
        List<String> keys = new ArrayList<>(COMMON);
        keys.addAll(new java.util.TreeSet<>(rule.keys().keySet()));
        keys.addAll(new java.util.TreeSet<>(rule.options().keySet()));
        if (o.containsKey("delta")) {
            in.problem(o.get("delta"), path + ".delta", "the old key delta", "margin = ... (renamed: the smallest effect of interest)");
        }
        for (String k : o.keySet()) if (!k.equals("delta") && !keys.contains(k)) {
            List<ClaimRule> readers = Rules.withOption(k);
            if (!readers.isEmpty()) {
                in.problem(o.get(k), path + "." + k, k + " on a " + rule.name() + " claim", "no " + k + ": only rule = "
                        + String.join(" or ", readers.stream().map(ClaimRule::name).toList()) + " reads it ("
                        + readers.get(0).options().get(k).meaning() + ")");
                continue;
            }
            in.problem(o.get(k), path + "." + k, "an unknown claim key", "one of " + String.join(", ", keys) + Suggest.hint(k, keys));
        }
        String id = parent == null ? in.string(o, path, "id", true) : parent.id() + "/premise";
        String text = in.string(o, path, "text", parent == null);
        if (text == null) text = "premise of " + (parent == null ? "" : parent.id());
        String claim = in.string(o, path, "claim", false);
        if (claim == null && id != null) claim = parent == null ? Rollup.group(id) : parent.claim();
        Metric metric = metric(o, path, "metric", true);
        double target = in.number(o, path, "target", Double.NaN);
        if (metric == Metric.STEPS_TO_TARGET && Double.isNaN(target)) {
            in.problem(o, path + ".target", "nothing", "a target accuracy for steps_to_target, e.g. 0.80");
        }
        Map<String, Object> treatment = arm(o, path, "treatment");
        // a rule read within one arm (trend, range) may leave out the control
        Map<String, Object> control = rule.oneArm() && !o.containsKey("control") ? Map.of() : arm(o, path, "control");
        String dir = in.choice(o, path, "direction", DIRECTIONS, rule.impliedDirection().map(Direction::label).orElse(null),
                "the treatment's metric compared with the control's");
        Direction direction = dir == null ? null : Direction.parse(dir);
        double dflt = rule.marginUnit().isPresent() || metric == null ? Double.NaN : metric.defaultMargin();
        double margin = in.number(o, path, "margin", dflt);
        if (Double.isNaN(margin) && metric != null) {
            in.problem(o, path + ".margin", "nothing", "the smallest effect of interest in "
                    + rule.marginUnit().orElse("the unit of " + metric.label()) + " (this claim has no default)");
        } else if (margin <= 0 && rule.positiveMargin()) {
            in.problem(o.get("margin"), path + ".margin", Hocon.describe(o.get("margin")), "a number > 0");
        }
        List<String> bestOver = in.names(o, path, "best_over", ParamSchema.names(), "run parameter");
        Metric selectBy = metric(o, path, "select_by", false);
        if (selectBy != null && selectBy.isTest()) {
            in.problem(o.get("select_by"), path + ".select_by", Hocon.quote(selectBy.label()), "a validation metric, e.g. "
                    + "final_val_acc: choosing each arm's level by a test metric is selection on the test set");
            selectBy = null;
        }
        if (selectBy == null && metric != null) selectBy = metric.isAccuracy() ? Metric.FINAL_VAL_ACC : metric;
        boolean primary = in.bool(o, path, "primary", false);
        if (parent != null && o.containsKey("primary")) {
            in.problem(o.get("primary"), path + ".primary", "a premise marked primary", "primary on the claim, not on its premise");
        }
        Sequencing sequential = sequencing(o, path, rule, metric, parent != null);
        // the rule's own keys that name a run parameter (today only "over"); its options (words) follow below
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
        Map<String, String> options = new java.util.TreeMap<>();
        for (var k : rule.options().entrySet()) {
            if (!o.containsKey(k.getKey())) continue;
            List<String> choices = k.getValue().choices();
            options.put(k.getKey(), in.choice(o, path, k.getKey(), choices, choices.get(0), k.getValue().meaning()));
        }
        List<ClaimSpec> requires = new ArrayList<>();
        if (o.containsKey("requires")) {
            ConfigValue rv = o.get("requires");
            if (parent != null) {
                in.problem(rv, path + ".requires", "premises of a premise", "premises on the claim itself");
            } else if (!(rv instanceof ConfigList rl)) {
                in.problem(rv, path + ".requires", Hocon.describe(rv), "a list of premise claims, e.g. requires = [{ metric = ..., ... }]");
            } else {
                var self = new ClaimSpec.Identity(id == null ? "?" : id, claim);
                for (int j = 0; j < rl.size(); j++) {
                    ClaimSpec p = claim(path + ".requires[" + j + "]", rl.get(j), self);
                    if (p != null) requires.add(p);
                }
            }
        }
        // what changed in the part's design since the previous report: shown in its "what changed" section
        String revised = in.string(o, path, "revised", false);
        if (in.problems() > before) return null;
        ClaimSpec spec = new ClaimSpec(id, claim, text, metric, target, treatment, control, direction, margin, o.containsKey("margin"),
                bestOver, selectBy, Hocon.where(o), rule, ruleKeys.get("over"), primary, requires, sequential, revised, options);
        var wrong = rule.check(spec);
        if (wrong.isPresent()) {
            String[] w = wrong.get();
            in.problem(o.containsKey(w[0]) ? Hocon.where(o.get(w[0])) : Hocon.where(o), path + "." + w[0], w[1], w[2]);
            return null;
        }
        return spec;
    }

    /**
     * {@code sequential = group | betting}: how an adaptive sweep reads the claim (default group). Only
     * paired claims are read sequentially; betting needs differences bounded by [-1, 1] (accuracies).
     */
    private Sequencing sequencing(ConfigObject o, String path, ClaimRule rule, Metric metric, boolean premise) {
        if (!o.containsKey("sequential")) return Sequencing.GROUP;
        List<String> names = Arrays.stream(Sequencing.values()).map(Sequencing::label).toList();
        String s = in.choice(o, path, "sequential", names, null, "how an adaptive sweep reads the claim");
        if (s == null) return Sequencing.GROUP;
        Sequencing q = Sequencing.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        if (premise) {
            in.problem(o.get("sequential"), path + ".sequential", Hocon.quote(s), "no sequential key on a premise: "
                    + "premises are read on the runs their claim gets");
        } else if (!rule.name().equals("paired")) {
            in.problem(o.get("sequential"), path + ".sequential", Hocon.quote(s) + " on a " + rule.name() + " claim",
                    "no sequential key: only paired claims are read sequentially, a " + rule.name() + " claim stays fixed-n at the seed cap");
        } else if (q == Sequencing.BETTING && metric != null && !metric.isAccuracy()) {
            in.problem(o.get("sequential"), path + ".sequential", "betting on " + metric.label(), "group, or an accuracy metric: "
                    + "the betting sequence needs differences known to lie in [-1, 1]");
        }
        return q;
    }

    /** One claim part per id, and at most one primary part per article claim. */
    private void checkPrimaries(List<ClaimSpec> claims) {
        Map<String, ClaimSpec> primaries = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ClaimSpec c : claims) {
            if (!ids.add(c.id())) in.problem(c.origin(), "claims." + c.id(), "a second claim with id " + c.id(), "unique ids");
            if (!c.primary()) continue;
            ClaimSpec prev = primaries.putIfAbsent(c.claim(), c);
            if (prev != null) {
                in.problem(c.origin(), "claims." + c.id() + ".primary", "a second primary part of claim " + c.claim()
                        + " (" + prev.id() + " at " + prev.origin() + ")", "one primary part per article claim; the others are exploratory");
            }
        }
    }

    /** A metric key ({@code metric}, {@code select_by}), or null (absent, or a problem recorded). */
    private Metric metric(ConfigObject o, String path, String key, boolean required) {
        if (!required && !o.containsKey(key)) return null;
        List<String> names = Arrays.stream(Metric.values()).map(Metric::label).toList();
        String name = in.choice(o, path, key, names, null, "");
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
