package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;
import claimsweep.stats.PairedComparison;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The interaction rule (claim A10: "augmentation compensates small-batch BN, the gap to large-batch
 * BN shrinks by >= 50%"): {@code over} has two levels; per arm and seed the gap is the metric at the
 * higher level minus the metric at the lower one; treatment and control gaps are paired by seed and
 * compared like paired differences. {@code delta} is a share of the control arm's mean gap (0.5:
 * the gap must shrink by at least half), turned into the metric's unit before the verdict.
 */
public final class InteractionRule implements ClaimRule {
    @Override
    public String name() {
        return "interaction";
    }

    @Override
    public Map<String, Boolean> keys() {
        return Map.of("over", true);
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
        List<String> ids = new ArrayList<>();
        Map<Map<String, Object>, Double> t = gaps(c, Arms.select(runs, c.treatment()), ids);
        Map<Map<String, Object>, Double> k = gaps(c, Arms.select(runs, c.control()), ids);
        List<Double> tv = new ArrayList<>();
        List<Double> kv = new ArrayList<>();
        for (var e : t.entrySet()) {
            Double other = k.get(e.getKey());
            if (other == null) continue;
            tv.add(e.getValue());
            kv.add(other);
        }
        String label = "gap_" + c.metric().label() + "_across_" + c.over();
        if (tv.size() < 2) {
            return new ClaimResult(c.id(), c.text(), new Verdict(Verdict.Kind.INCONCLUSIVE, "only " + tv.size()
                    + " seeds with both levels of " + c.over() + " in both arms: run the sweep"), label, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, tv.size(), 0, c.delta(), "", ids);
        }
        double[] ta = tv.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ka = kv.stream().mapToDouble(Double::doubleValue).toArray();
        double controlGap = kv.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double margin = Math.max(1e-9, c.delta() * Math.abs(controlGap));
        PairedComparison pc = PairedComparison.of(ta, ka, c.direction(), margin);
        Verdict v = Verdict.decide(pc, c.direction(), margin, label);
        String chosen = String.format(Locale.ROOT, "control gap %.4f, treatment gap %.4f; margin = %.2f x control gap = %.4f",
                controlGap, tv.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), c.delta(), margin);
        return new ClaimResult(c.id(), c.text(), v, label, pc.mean(), pc.ciLow(), pc.ciHigh(), pc.pSignRank(), Double.NaN,
                pc.n(), pc.kAgree(), margin, chosen, ids);
    }

    /** The parameters that pair runs here: the seeds. Others may co-vary with {@code over} (e.g. an LR zipped with the batch). */
    static final List<String> SEEDS = List.of("seed", "seed_init", "seed_data", "seed_order");

    /**
     * Per seed: metric at the higher level of {@code over} minus at the lower. Runs pair by their
     * seeds alone, because parameters zipped with {@code over} (A10's LR scaled with the batch)
     * change with it; an arm holding two runs of one seed and level is ambiguous and pairs nothing.
     */
    private static Map<Map<String, Object>, Double> gaps(ClaimSpec c, List<RunResult> arm, List<String> ids) {
        TreeSet<Double> levels = new TreeSet<>();
        for (RunResult r : arm) {
            if (r.spec().params().get(c.over()) instanceof Number n) levels.add(n.doubleValue());
        }
        Map<Map<String, Object>, Double> out = new LinkedHashMap<>();
        if (levels.size() != 2) return out;
        Map<Map<String, Object>, double[]> byKey = new LinkedHashMap<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            if (m == null || !(r.spec().params().get(c.over()) instanceof Number n)) continue;
            Map<String, Object> key = new java.util.TreeMap<>();
            for (String s : SEEDS) key.put(s, r.spec().params().get(s));
            double[] hl = byKey.computeIfAbsent(key, x -> new double[] {Double.NaN, Double.NaN});
            int slot = n.doubleValue() == levels.last() ? 0 : 1;
            if (!Double.isNaN(hl[slot])) return new LinkedHashMap<>(); // ambiguous: see above
            hl[slot] = m;
            ids.add(r.runId());
        }
        byKey.forEach((key, hl) -> {
            if (!Double.isNaN(hl[0]) && !Double.isNaN(hl[1])) out.put(key, hl[0] - hl[1]);
        });
        return out;
    }
}
