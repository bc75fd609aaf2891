package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.Outcome;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The max-stable evaluator (claim A2: "BN allows higher learning rates"). Per arm and seed, the
 * largest grid value of {@code over} whose run neither diverged nor fell below 90% of the arm's best
 * mean metric over the grid; the arms are compared by the per-seed difference in grid steps.
 * The per-seed differences (one per seed) are decided like the paired rule's, with the margin in
 * grid steps. Diverged and collapsed runs are never stable.
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
    public Optional<String> marginUnit() {
        return Optional.of("grid steps of the over parameter");
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        return Superiority.only(c, name());
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
        List<RunResult> t = Arms.select(runs, c.treatment());
        List<RunResult> k = Arms.select(runs, c.control());
        TreeSet<Double> grid = new TreeSet<>();
        for (RunResult r : runs) {
            if (r.spec().params().get(c.over()) instanceof Number n) grid.add(n.doubleValue());
        }
        List<Double> levels = new ArrayList<>(grid);
        boolean band = band();
        Map<Map<String, Object>, Double> tMax = new LinkedHashMap<>();
        Map<Map<String, Object>, Double> kMax = new LinkedHashMap<>();
        perSeed(t, c, levels, band).forEach((key, v) -> tMax.put(key, (double) v));
        perSeed(k, c, levels, band).forEach((key, v) -> kMax.put(key, (double) v));
        String label = (band ? "band_width_" : "max_stable_") + c.over() + " (grid steps)";
        List<String> ids = new ArrayList<>();
        for (RunResult r : t) ids.add(r.runId());
        for (RunResult r : k) ids.add(r.runId());
        List<RunResult> used = new ArrayList<>(t);
        used.addAll(k);
        Outcome o = PerSeed.decide(c, tMax, kMax, used, false, label, c.margin(), "", ids, java.util.function.DoubleUnaryOperator.identity(),
                "paired seeds with a stable " + c.over());
        String how = band ? "per seed, the number of grid values of " + c.over() + " whose run trained (ok) and reached "
                : "per seed, the largest grid value of " + c.over() + " whose run trained (ok) and reached ";
        return o.withVerdict(new claimsweep.stats.Verdict(o.verdict().kind(), how + (int) (SHARE_OF_BEST * 100)
                + "% of the arm's best mean (diverged and collapsed runs are unstable); " + o.verdict().reason()));
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
}
