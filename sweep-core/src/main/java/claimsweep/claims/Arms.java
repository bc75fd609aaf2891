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
        for (RunResult r : runs) {
            boolean ok = true;
            for (Map.Entry<String, Object> e : filter.entrySet()) {
                if (!e.getValue().equals(r.spec().params().get(e.getKey()))) {
                    ok = false;
                    break;
                }
            }
            if (ok) out.add(r);
        }
        return out;
    }

    /**
     * The arm's runs at the best_over combination with the best mean of {@code by} (all runs if the
     * claim has no best_over); the chosen levels go into {@code chosen}.
     */
    public static List<RunResult> best(List<RunResult> arm, ClaimSpec c, Map<String, Object> chosen) {
        if (c.bestOver().isEmpty() || arm.isEmpty()) return arm;
        Map<Map<String, Object>, List<Double>> byCombo = new LinkedHashMap<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            if (m == null) continue;
            byCombo.computeIfAbsent(combo(r, c.bestOver()), x -> new ArrayList<>()).add(m);
        }
        Comparator<Map.Entry<Map<String, Object>, List<Double>>> byMean = Comparator.comparingDouble(
                e -> e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        var bestEntry = byCombo.entrySet().stream()
                .max(c.metric().higherIsBetter() ? byMean : byMean.reversed()).orElseThrow();
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

    /** The model family of a claim's treatment runs (null when it selects none). */
    static String family(ClaimSpec c, List<RunResult> runs) {
        List<RunResult> t = select(runs, c.treatment());
        return t.isEmpty() ? null : Calibration.family(t.get(0));
    }
}
