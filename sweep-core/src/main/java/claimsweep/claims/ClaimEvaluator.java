package claimsweep.claims;

import claimsweep.result.RunResult;
import claimsweep.stats.Holm;
import claimsweep.stats.PairedComparison;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paired-difference evaluator: selects the two arms' runs, takes each arm at its best value of
 * the {@code best_over} parameters (by mean metric over seeds), pairs treatment and control runs
 * that agree on every other parameter (the seed included), and decides with
 * {@link PairedComparison} and {@link Verdict}. Pure: runs in, one table row out.
 */
public final class ClaimEvaluator {
    private ClaimEvaluator() {}

    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<RunResult> runs) {
        return evaluateAll(claims, runs, Map.of());
    }

    /**
     * Evaluates every claim; a claim whose delta took the accuracy default gets its family's
     * calibrated delta instead when {@code sigmas} (model family -> A/A noise) has one, and says so
     * in its {@code chosen} column.
     */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<RunResult> runs,
                                                Map<String, Calibration.Sigma> sigmas) {
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            Calibration.Sigma s = c.deltaDefaulted() ? sigmas.get(family(c, runs)) : null;
            if (s == null) {
                out.add(evaluate(c, runs));
                continue;
            }
            ClaimResult r = evaluate(c.withDelta(s.delta()), runs);
            String chosen = r.chosen().isEmpty() ? s.describe() : r.chosen() + "; " + s.describe();
            out.add(new ClaimResult(r.claimId(), r.text(), r.verdict(), r.metric(), r.effect(), r.ciLow(), r.ciHigh(), r.p(),
                    r.pHolm(), r.nSeeds(), r.kAgree(), r.delta(), chosen, r.runIds()));
        }
        double[] p = out.stream().mapToDouble(ClaimResult::p).map(x -> Double.isNaN(x) ? 1 : x).toArray();
        double[] adj = Holm.adjust(p);
        for (int i = 0; i < out.size(); i++) out.set(i, out.get(i).withHolm(Double.isNaN(out.get(i).p()) ? Double.NaN : adj[i]));
        return out;
    }

    public static ClaimResult evaluate(ClaimSpec c, List<RunResult> runs) {
        if (c.rule() == ClaimSpec.Rule.MAX_STABLE || c.rule() == ClaimSpec.Rule.BAND) return MaxStable.evaluate(c, runs);
        if (c.rule() == ClaimSpec.Rule.RATE) return RateRule.evaluate(c, runs);
        if (c.rule() == ClaimSpec.Rule.TREND) return Trend.evaluate(c, runs);
        if (c.rule() == ClaimSpec.Rule.RANGE) return Range.evaluate(c, runs);
        if (c.rule() == ClaimSpec.Rule.INTERACTION) return Interaction.evaluate(c, runs);
        if (c.rule() == ClaimSpec.Rule.RATIO || c.rule() == ClaimSpec.Rule.SPREAD_RATIO) return Ratios.evaluate(c, runs);
        Set<String> armKeys = new HashSet<>(c.treatment().keySet());
        armKeys.addAll(c.control().keySet());
        Map<String, Object> tChoice = new TreeMap<>();
        Map<String, Object> cChoice = new TreeMap<>();
        List<RunResult> t = best(select(runs, c.treatment()), c, tChoice);
        List<RunResult> k = best(select(runs, c.control()), c, cChoice);

        // pair on everything but the arm-defining and best_over parameters
        Map<Map<String, Object>, RunResult> controlByKey = new LinkedHashMap<>();
        for (RunResult r : k) controlByKey.put(pairKey(r, armKeys, c.bestOver()), r);
        List<Double> tv = new ArrayList<>();
        List<Double> cv = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RunResult r : t) {
            RunResult partner = controlByKey.get(pairKey(r, armKeys, c.bestOver()));
            if (partner == null) continue;
            Double a = c.metric().of(r, c.target());
            Double b = c.metric().of(partner, c.target());
            if (a == null || b == null) continue;
            tv.add(a);
            cv.add(b);
            ids.add(r.runId());
            ids.add(partner.runId());
        }
        String chosen = c.bestOver().isEmpty() ? "" : "treatment " + tChoice + "; control " + cChoice;
        if (tv.size() < 2) {
            return new ClaimResult(c.id(), c.text(), new Verdict(Verdict.Kind.INCONCLUSIVE, "only " + tv.size()
                    + " paired seeds found (treatment runs " + t.size() + ", control runs " + k.size() + "): run the sweep"),
                    c.metric().label(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, tv.size(), 0, c.delta(),
                    chosen, ids);
        }
        double[] ta = tv.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ca = cv.stream().mapToDouble(Double::doubleValue).toArray();
        PairedComparison pc = PairedComparison.of(ta, ca, c.direction(), c.delta());
        Verdict v = Verdict.decide(pc, c.direction(), c.delta(), c.metric().label());
        return new ClaimResult(c.id(), c.text(), v, c.metric().label(), pc.mean(), pc.ciLow(), pc.ciHigh(), pc.pSignRank(),
                Double.NaN, pc.n(), pc.kAgree(), c.delta(), chosen, ids);
    }

    /** The model family of a claim's treatment runs (null when it selects none). */
    static String family(ClaimSpec c, List<RunResult> runs) {
        List<RunResult> t = select(runs, c.treatment());
        return t.isEmpty() ? null : Calibration.family(t.get(0));
    }

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

    /** The arm's runs at the best_over combination with the best mean metric (all runs if none). */
    static List<RunResult> best(List<RunResult> arm, ClaimSpec c, Map<String, Object> chosen) {
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

    static Map<String, Object> pairKey(RunResult r, Set<String> armKeys, List<String> bestOver) {
        Map<String, Object> m = new TreeMap<>(r.spec().params());
        armKeys.forEach(m::remove);
        bestOver.forEach(m::remove);
        return m;
    }
}
