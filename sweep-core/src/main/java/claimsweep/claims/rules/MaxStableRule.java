package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.stats.PairedComparison;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The max-stable evaluator (claim A2: "BN allows higher learning rates"). Per arm and seed, the
 * largest grid value of {@code over} whose run neither diverged nor fell below 90% of the arm's best
 * mean metric over the grid; the arms are compared by the per-seed difference in grid steps.
 * Supported: median gain >= delta steps in the claimed direction, at least a gain of 1 step in 5 of
 * 6 seeds (the same share for other seed counts) and signed-rank p < 0.05. Refuted: median gain <=
 * 0 with no seed gaining. Otherwise inconclusive.
 *
 * <p>The band rule (claim A8: "adaptive optimizers work over a wider range of learning rates")
 * counts the stable grid values per seed instead of taking the largest, with the same decision.
 */
public class MaxStableRule implements ClaimRule {
    @Override
    public String name() {
        return "max_stable";
    }

    @Override
    public Map<String, Boolean> keys() {
        return Map.of("over", true);
    }

    /** Band (a subclass) counts the stable levels instead of taking the largest. */
    boolean band() {
        return false;
    }

    @Override
    public Set<Figure> figures() {
        return Set.of(Figure.BY_PARAMETER);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT, Column.CI, Column.P, Column.AGREE);
    }

    static final double SHARE_OF_BEST = 0.9;


    @Override
    public ClaimResult evaluate(ClaimSpec c, List<RunResult> runs) {
        List<RunResult> t = Arms.select(runs, c.treatment());
        List<RunResult> k = Arms.select(runs, c.control());
        TreeSet<Double> grid = new TreeSet<>();
        for (RunResult r : runs) grid.add(((Number) r.spec().params().get(c.over())).doubleValue());
        List<Double> levels = new ArrayList<>(grid);
        boolean band = band();
        Map<Map<String, Object>, Integer> tMax = perSeed(t, c, levels, band);
        Map<Map<String, Object>, Integer> kMax = perSeed(k, c, levels, band);
        String label = (band ? "band_width_" : "max_stable_") + c.over();
        List<Double> tv = new ArrayList<>();
        List<Double> kv = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Map.Entry<Map<String, Object>, Integer> e : tMax.entrySet()) {
            Integer other = kMax.get(e.getKey());
            if (other == null) continue;
            tv.add((double) e.getValue());
            kv.add((double) other);
        }
        for (RunResult r : t) ids.add(r.runId());
        for (RunResult r : k) ids.add(r.runId());
        String unit = "grid steps of " + c.over();
        if (tv.size() < 2) {
            return new ClaimResult(c.id(), c.text(), new Verdict(Verdict.Kind.INCONCLUSIVE, "only " + tv.size()
                    + " paired seeds with a stable " + c.over() + ": run the sweep"), label, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, tv.size(), 0, c.delta(), "", ids);
        }
        double[] ta = tv.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ka = kv.stream().mapToDouble(Double::doubleValue).toArray();
        PairedComparison pc = PairedComparison.of(ta, ka, c.direction(), c.delta());
        double[] gains = new double[ta.length];
        for (int i = 0; i < ta.length; i++) gains[i] = c.direction() * (ta[i] - ka[i]);
        double median = median(gains);
        long gainers = java.util.Arrays.stream(gains).filter(g -> g >= 1).count();
        long needed = (long) Math.ceil(ta.length * 5.0 / 6.0);
        String why = String.format(Locale.ROOT, "median gain %.1f %s (delta %.0f), %d of %d seeds gain >= 1 step, "
                + "signed-rank p %.4g", median, unit, c.delta(), gainers, ta.length, pc.pSignRank());
        Verdict v;
        if (median >= c.delta() && gainers >= needed && pc.pSignRank() < 0.05) {
            v = new Verdict(Verdict.Kind.SUPPORTED, why);
        } else if (median <= 0 && gainers == 0) {
            v = new Verdict(Verdict.Kind.REFUTED, why + "; no seed gains");
        } else {
            v = new Verdict(Verdict.Kind.INCONCLUSIVE, why);
        }
        return new ClaimResult(c.id(), c.text(), v, label + " (grid steps)", pc.mean(), pc.ciLow(),
                pc.ciHigh(), pc.pSignRank(), Double.NaN, pc.n(), (int) gainers, c.delta(), "", ids);
    }

    /**
     * Per pairing key (all parameters but the arm keys and {@code over}): the index of the largest
     * stable level, or with {@code count} the number of stable levels.
     */
    private Map<Map<String, Object>, Integer> perSeed(List<RunResult> arm, ClaimSpec c, List<Double> levels,
                                                             boolean count) {
        Set<String> armKeys = new HashSet<>(c.treatment().keySet());
        armKeys.addAll(c.control().keySet());
        List<String> dropToo = List.of(c.over());
        Map<Double, List<Double>> byLevel = new HashMap<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            if (m != null) byLevel.computeIfAbsent(level(r, c), x -> new ArrayList<>()).add(m);
        }
        double best = byLevel.values().stream()
                .mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                .max().orElse(Double.NaN);
        Map<Map<String, Object>, Integer> out = new HashMap<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            boolean stable = r.status() == RunStatus.OK && m != null && m >= SHARE_OF_BEST * best;
            Map<String, Object> key = Arms.pairKey(r, armKeys, dropToo);
            int idx = levels.indexOf(level(r, c));
            if (count) out.merge(key, stable ? 1 : 0, Integer::sum);
            else if (stable) out.merge(key, idx, Math::max);
            else out.putIfAbsent(key, -1); // a seed with no stable level at all ranks below the grid
        }
        return out;
    }

    private static double level(RunResult r, ClaimSpec c) {
        return ((Number) r.spec().params().get(c.over())).doubleValue();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
