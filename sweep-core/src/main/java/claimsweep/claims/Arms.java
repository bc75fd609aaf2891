package claimsweep.claims;

import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Arm selection and pairing, shared by every rule: an arm is the runs whose parameters equal its
 * filters; {@code best_over} takes an arm at its best level; two arms' runs pair when they agree on
 * every parameter but the arm-defining ones and the ones a rule varies within the arm.
 */
public final class Arms {
    private Arms() {}

    /** The runs whose parameters equal every value of {@code filter} (an arm's runs). */
    public static List<RunResult> select(List<RunResult> runs, Map<String, Object> filter) {
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : runs) if (matches(r.spec().params(), filter)) out.add(r);
        return out;
    }

    /** Whether run parameters equal every value of {@code filter} (also for planned runs that have no result yet). */
    public static boolean matches(Map<String, Object> params, Map<String, Object> filter) {
        for (Map.Entry<String, Object> e : filter.entrySet()) {
            if (!e.getValue().equals(params.get(e.getKey()))) return false;
        }
        return true;
    }

    /** The parameters that make a seed: one unit of replication. */
    public static final List<String> SEEDS = List.of("seed", "seed_init", "seed_data", "seed_order");

    /**
     * The arm's runs at the best_over combination with the best mean of the claim's {@code select_by}
     * metric (a validation metric; the parser refuses test metrics), all runs if the claim has no
     * best_over; the chosen levels go into {@code chosen}. The claim's own metric is then read from
     * the chosen runs.
     */
    public static List<RunResult> best(List<RunResult> arm, ClaimSpec c, Map<String, Object> chosen) {
        if (c.bestOver().isEmpty() || arm.isEmpty()) return arm;
        Map<Map<String, Object>, List<Double>> byCombo = new LinkedHashMap<>();
        Metric by = c.selectBy();
        for (RunResult r : arm) {
            Double m = by.of(r, c.target());
            if (m == null) continue;
            byCombo.computeIfAbsent(combo(r, c.bestOver()), x -> new ArrayList<>()).add(m);
        }
        Comparator<Map.Entry<Map<String, Object>, List<Double>>> byMean = Comparator.comparingDouble(
                e -> e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        var bestEntry = byCombo.entrySet().stream()
                .max(by.higherIsBetter() ? byMean : byMean.reversed()).orElse(null);
        if (bestEntry == null) return List.of();
        chosen.putAll(bestEntry.getKey());
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : arm) if (combo(r, c.bestOver()).equals(bestEntry.getKey())) out.add(r);
        return out;
    }

    private static Map<String, Object> combo(RunResult r, List<String> keys) {
        Map<String, Object> m = new TreeMap<>();
        for (String k : keys) m.put(k, r.spec().params().get(k));
        return m;
    }

    /** The arm-defining keys of a claim: every parameter either arm filters on. */
    public static Set<String> armKeys(ClaimSpec c) {
        Set<String> keys = new HashSet<>(c.treatment().keySet());
        keys.addAll(c.control().keySet());
        return keys;
    }

    /** What pairs a run with its partner in the other arm: its parameters without the arm keys and {@code varied}. */
    public static Map<String, Object> pairKey(RunResult r, Set<String> armKeys, Collection<String> varied) {
        Map<String, Object> m = new TreeMap<>(r.spec().params());
        armKeys.forEach(m::remove);
        varied.forEach(m::remove);
        return m;
    }

    /** A treatment run, its control partner and the claim's metric on each. */
    public record Partners(Map<String, Object> key, RunResult treatment, RunResult control, double t, double k) {}

    /**
     * Treatment runs paired with the control runs that agree on every parameter but the arm keys and
     * {@code best_over}, in the treatment arm's order; a run without a partner, or either side
     * without a value of the claim's metric, is left out.
     */
    public static List<Partners> pair(ClaimSpec c, List<RunResult> treatment, List<RunResult> control) {
        Set<String> armKeys = armKeys(c);
        Map<Map<String, Object>, RunResult> controlByKey = new LinkedHashMap<>();
        for (RunResult r : control) controlByKey.put(pairKey(r, armKeys, c.bestOver()), r);
        List<Partners> out = new ArrayList<>();
        for (RunResult r : treatment) {
            Map<String, Object> key = pairKey(r, armKeys, c.bestOver());
            RunResult partner = controlByKey.get(key);
            if (partner == null) continue;
            Double a = c.metric().of(r, c.target());
            Double b = c.metric().of(partner, c.target());
            if (a == null || b == null) continue;
            out.add(new Partners(key, r, partner, a, b));
        }
        return out;
    }

    /**
     * One unit per seed: values keyed by pair keys that share their seeds (runs that differ only in a
     * parameter neither arm fixes, e.g. a norm axis the claim does not compare) are averaged, so such
     * runs never count as extra seeds (no pseudo-replication).
     */
    public static Map<Map<String, Object>, Double> perSeed(Map<Map<String, Object>, Double> byPairKey) {
        Map<Map<String, Object>, List<Double>> groups = new LinkedHashMap<>();
        byPairKey.forEach((k, v) -> {
            Map<String, Object> seed = new TreeMap<>();
            for (String s : SEEDS) if (k.containsKey(s)) seed.put(s, k.get(s));
            groups.computeIfAbsent(seed, x -> new ArrayList<>()).add(v);
        });
        Map<Map<String, Object>, Double> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return out;
    }

    /**
     * Why the runs a verdict used cannot show anything, or null: every run diverged or collapsed,
     * (for accuracies) every value of both arms within 1 pp of chance, or zero variance: every run of
     * both arms gives the same value. (Arms that are each constant but differ are a consistent result,
     * common for quantized metrics such as steps to a target; their CI is a point.)
     */
    public static String untestable(List<RunResult> used, Metric m, double[] t, double[] k) {
        if (!used.isEmpty() && used.stream().allMatch(r -> r.status() == claimsweep.result.RunStatus.DIVERGED
                || r.status() == claimsweep.result.RunStatus.COLLAPSED)) {
            return "every run of both arms diverged or collapsed: the comparison shows nothing";
        }
        if (m.isAccuracy() && t.length > 0 && java.util.stream.DoubleStream.concat(java.util.Arrays.stream(t), java.util.Arrays.stream(k))
                .allMatch(x -> x <= Metric.CHANCE + 0.01)) {
            return "both arms are at chance (every value <= " + (Metric.CHANCE + 0.01) + "): the comparison shows nothing";
        }
        if (t.length >= 2 && java.util.stream.DoubleStream.concat(java.util.Arrays.stream(t), java.util.Arrays.stream(k)).distinct().count() == 1) {
            return "zero variance: every run of both arms gives " + t[0] + ", so neither seeds nor arms change anything";
        }
        return null;
    }

    /** The model family of a claim's treatment runs (null when it selects none). */
    public static String family(ClaimSpec c, List<RunResult> runs) {
        List<RunResult> t = select(runs, c.treatment());
        return t.isEmpty() ? null : Calibration.family(t.get(0));
    }
}
