package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;
import claimsweep.stats.PairedComparison;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ratio claims (A1: "none needs >= 2x the steps of BN"; A3: "the accuracy spread across inits
 * with BN is <= 1/3 of without"). Per seed a ratio treatment / control (of the metric, or of its
 * range across the levels of {@code over}); the statistics run on log ratios, so the CI is for
 * the geometric mean ratio. Supported: the CI excludes 1 in the claimed direction, the geometric
 * mean meets the claimed ratio (delta) and the signed-rank p < 0.05. Refuted: the CI lies wholly
 * on the wrong side of the claimed ratio, or excludes 1 the other way with p < 0.05.
 */
public class RatioRule implements ClaimRule {
    @Override
    public String name() {
        return "ratio";
    }

    /** Spread ratio (a subclass) compares the metric's range across the levels of {@code over}. */
    boolean spread() {
        return false;
    }

    @Override
    public Set<Figure> figures() {
        return Set.of(Figure.CURVES, Figure.BY_PARAMETER);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT, Column.CI, Column.P, Column.AGREE);
    }


    @Override
    public ClaimResult evaluate(ClaimSpec c, List<RunResult> runs) {
        Map<String, Object> tChoice = new TreeMap<>();
        Map<String, Object> cChoice = new TreeMap<>();
        List<RunResult> t = Arms.best(Arms.select(runs, c.treatment()), c, tChoice);
        List<RunResult> k = Arms.best(Arms.select(runs, c.control()), c, cChoice);
        Map<Map<String, Object>, Double> tv = perSeed(t, c);
        Map<Map<String, Object>, Double> kv = perSeed(k, c);
        List<Double> logT = new ArrayList<>();
        List<Double> logK = new ArrayList<>();
        for (Map.Entry<Map<String, Object>, Double> e : tv.entrySet()) {
            Double other = kv.get(e.getKey());
            if (other == null || e.getValue() <= 0 || other <= 0) continue;
            logT.add(Math.log(e.getValue()));
            logK.add(Math.log(other));
        }
        List<String> ids = new ArrayList<>();
        t.forEach(r -> ids.add(r.runId()));
        k.forEach(r -> ids.add(r.runId()));
        String metric = (spread() ? "spread of " + c.metric().label() + " over " + c.over()
                : c.metric().label()) + " ratio";
        String chosen = c.bestOver().isEmpty() ? "" : "treatment " + tChoice + "; control " + cChoice;
        if (logT.size() < 2) {
            return new ClaimResult(c.id(), c.text(), new Verdict(Verdict.Kind.INCONCLUSIVE, "only " + logT.size()
                    + " paired seeds with positive values: run the sweep"), metric, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, logT.size(), 0, c.delta(), chosen, ids);
        }
        PairedComparison pc = PairedComparison.of(logT.stream().mapToDouble(Double::doubleValue).toArray(),
                logK.stream().mapToDouble(Double::doubleValue).toArray(), c.direction(), Math.abs(Math.log(c.delta())));
        double gm = Math.exp(pc.mean());
        double lo = Math.exp(pc.ciLow());
        double hi = Math.exp(pc.ciHigh());
        String why = String.format(Locale.ROOT, "geometric mean ratio %.3g, 95%% CI [%.3g, %.3g], claimed %s %.3g, "
                + "%d of %d seeds agree, signed-rank p %.4g", gm, lo, hi, c.direction() > 0 ? ">=" : "<=", c.delta(),
                pc.kAgree(), pc.n(), pc.pSignRank());
        boolean excludesOne = c.direction() > 0 ? lo > 1 : hi < 1;
        boolean meets = c.direction() > 0 ? gm >= c.delta() : gm <= c.delta();
        boolean wrongSide = c.direction() > 0 ? hi < c.delta() : lo > c.delta();
        boolean opposite = c.direction() > 0 ? hi < 1 : lo > 1;
        Verdict v;
        if (excludesOne && meets && pc.pSignRank() < 0.05) {
            v = new Verdict(Verdict.Kind.SUPPORTED, why);
        } else if (wrongSide || (opposite && pc.pSignRank() < 0.05)) {
            v = new Verdict(Verdict.Kind.REFUTED, why + (opposite ? "; the ratio goes the other way"
                    : "; the whole CI misses the claimed ratio"));
        } else {
            v = new Verdict(Verdict.Kind.INCONCLUSIVE, why);
        }
        return new ClaimResult(c.id(), c.text(), v, metric, gm, lo, hi, pc.pSignRank(), Double.NaN, pc.n(), pc.kAgree(),
                c.delta(), chosen, ids);
    }

    /** Per pairing key: the metric (ratio rule) or its range across the levels of {@code over} (spread rule). */
    private Map<Map<String, Object>, Double> perSeed(List<RunResult> arm, ClaimSpec c) {
        Set<String> armKeys = new HashSet<>(c.treatment().keySet());
        armKeys.addAll(c.control().keySet());
        List<String> drop = new ArrayList<>(c.bestOver());
        if (spread()) drop.add(c.over());
        Map<Map<String, Object>, List<Double>> values = new LinkedHashMap<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            if (m == null) continue;
            values.computeIfAbsent(Arms.pairKey(r, armKeys, drop), x -> new ArrayList<>()).add(m);
        }
        Map<Map<String, Object>, Double> out = new LinkedHashMap<>();
        values.forEach((key, v) -> {
            if (spread()) {
                double max = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                double min = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                out.put(key, max - min);
            } else if (v.size() == 1) {
                out.put(key, v.get(0));
            }
        });
        return out;
    }
}
