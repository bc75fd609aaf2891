package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.Outcome;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ratio claims (A1: "none needs >= 2x the steps of BN"; A3: "the accuracy spread across inits
 * with BN is <= 1/3 of without"). Per seed a ratio treatment / control (of the metric, or of its
 * range across the levels of {@code over}); the paired t analysis runs on log ratios (one per
 * seed), so effect and CI are for the geometric-mean ratio and the margin is the claimed ratio
 * (|log margin| on the analysis scale). The verdict kinds are the paired rule's.
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
    public Optional<String> marginUnit() {
        return Optional.of("the claimed ratio treatment / control");
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        boolean ok = switch (c.direction()) {
            case GREATER -> c.margin() > 1;
            case LESS -> c.margin() < 1;
            default -> false;
        };
        return ok ? Optional.empty() : Optional.of(new String[] {"margin", c.direction().label() + " with ratio " + c.margin(),
                "greater with a claimed ratio > 1, or less with one < 1 (a ratio rule tests superiority on the log scale)"});
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
        Map<String, Object> tChoice = new TreeMap<>();
        Map<String, Object> cChoice = new TreeMap<>();
        List<RunResult> t = Arms.best(Arms.select(runs, c.treatment()), c, tChoice);
        List<RunResult> k = Arms.best(Arms.select(runs, c.control()), c, cChoice);
        Map<Map<String, Object>, Double> logT = logs(perSeed(t, c));
        Map<Map<String, Object>, Double> logK = logs(perSeed(k, c));
        List<String> ids = new ArrayList<>();
        t.forEach(r -> ids.add(r.runId()));
        k.forEach(r -> ids.add(r.runId()));
        List<RunResult> used = new ArrayList<>(t);
        used.addAll(k);
        String metric = (spread() ? "spread of " + c.metric().label() + " over " + c.over() : c.metric().label()) + " ratio";
        String chosen = c.bestOver().isEmpty() ? "" : "by " + c.selectBy().label() + ": treatment " + tChoice + "; control " + cChoice;
        // the analysis runs on log ratios: a geometric-mean ratio with its CI, the claimed ratio as a log margin
        Outcome o = PerSeed.decide(c, logT, logK, used, false, "log " + metric, Math.abs(Math.log(c.margin())), chosen, ids,
                Math::exp, "paired seeds with positive values");
        String prefix = String.format(Locale.ROOT, "claimed ratio %s %.3g; ", c.direction() == claimsweep.stats.Direction.GREATER
                ? ">=" : "<=", c.margin());
        return new Outcome(new claimsweep.stats.Verdict(o.verdict().kind(), prefix + o.verdict().reason().replace("mean log ", "geometric mean ")
                .replace(" ratio difference ", " ratio ").replace("the margin ", "the log margin ")), metric, Math.exp(o.effect()), Math.exp(o.ciLow()), Math.exp(o.ciHigh()),
                o.ciLevel(), o.p(), o.n(), o.kAgree(), c.margin(), chosen, ids);
    }

    private static Map<Map<String, Object>, Double> logs(Map<Map<String, Object>, Double> v) {
        Map<Map<String, Object>, Double> out = new LinkedHashMap<>();
        v.forEach((key, x) -> {
            if (x > 0) out.put(key, Math.log(x));
        });
        return out;
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
