package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.Outcome;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The interaction rule (claim A10: "augmentation compensates small-batch BN, the gap to large-batch
 * BN shrinks by >= 50%"): {@code over} has two levels; per arm and seed the gap is the metric at the
 * higher level minus the metric at the lower one; treatment and control gaps are paired by seed and
 * compared like paired differences. By default ({@code margin_scale = relative}) the margin is a
 * share of the control arm's mean gap (0.5: the gap must shrink by at least half), turned into the
 * metric's unit before the verdict. With {@code margin_scale = absolute} it is in the metric's unit
 * already (0.01: the gaps differ by at least 1 pp): a share is meaningless when the control's gap is
 * about 0 (A5c: GroupNorm barely changes from batch 128 to 2, so any share of its gap is ~0 and
 * every difference would "reach" it).
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
    public Optional<String> marginUnit() {
        return Optional.of("a share of the control arm's gap (0.5: the gap shrinks by half), or with margin_scale = absolute "
                + "the metric's unit");
    }

    static final String SCALE = "margin_scale";

    @Override
    public Map<String, Option> options() {
        return Map.of(SCALE, new Option(List.of("relative", "absolute"), "how margin is read: relative = a share of the "
                + "control arm's mean gap (0.5: half of it, the default), absolute = in the metric's unit (0.01 = 1 pp of accuracy)"));
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        return Superiority.only(c, name());
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
        List<String> ids = new ArrayList<>();
        List<RunResult> used = new ArrayList<>();
        Map<Map<String, Object>, Double> t = gaps(c, Arms.select(runs, c.treatment()), ids, used);
        Map<Map<String, Object>, Double> k = gaps(c, Arms.select(runs, c.control()), ids, used);
        String label = "gap_" + c.metric().label() + "_across_" + c.over();
        double controlGap = k.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double treatmentGap = t.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        boolean absolute = c.option(SCALE).equals("absolute");
        double margin = absolute || Double.isNaN(controlGap) ? c.margin() : Math.max(1e-9, c.margin() * Math.abs(controlGap));
        String chosen = absolute
                ? String.format(Locale.ROOT, "control gap %.4f, treatment gap %.4f; margin %.4f in the unit of %s (margin_scale = absolute)",
                        controlGap, treatmentGap, margin, c.metric().label())
                : String.format(Locale.ROOT, "control gap %.4f, treatment gap %.4f; margin = %.2f x control gap = %.4f",
                        controlGap, treatmentGap, c.margin(), margin);
        return PerSeed.decide(c, t, k, used, false, label, margin, chosen, ids, java.util.function.DoubleUnaryOperator.identity(),
                "seeds with both levels of " + c.over() + " in both arms");
    }

    /** The parameters that pair runs here: the seeds. Others may co-vary with {@code over} (e.g. an LR zipped with the batch). */
    static final List<String> SEEDS = Arms.SEEDS;

    /**
     * Per seed: metric at the highest level of {@code over} minus at the lowest (an arm with more
     * levels, e.g. A5's six batch sizes, is read at its two extremes, where the claim puts the
     * contrast). With {@code best_over}, each of the two levels takes the arm at its own best
     * combination, chosen on {@code select_by} (validation) among that level's runs only: A5 tunes
     * the LR per norm and batch. Runs pair by their seeds alone, because parameters zipped with
     * {@code over} (A10's LR scaled with the batch) change with it; an arm holding two runs of one
     * seed and level is ambiguous and pairs nothing.
     */
    private static Map<Map<String, Object>, Double> gaps(ClaimSpec c, List<RunResult> all, List<String> ids,
                                                           List<RunResult> used) {
        TreeSet<Double> levels = new TreeSet<>();
        for (RunResult r : all) {
            if (r.spec().params().get(c.over()) instanceof Number n) levels.add(n.doubleValue());
        }
        Map<Map<String, Object>, Double> out = new LinkedHashMap<>();
        if (levels.size() < 2) return out;
        List<RunResult> arm = new ArrayList<>();
        for (double level : List.of(levels.first(), levels.last())) {
            List<RunResult> atLevel = all.stream()
                    .filter(r -> r.spec().params().get(c.over()) instanceof Number n && n.doubleValue() == level).toList();
            arm.addAll(Arms.best(atLevel, c, new LinkedHashMap<>()));
        }
        Map<Map<String, Object>, double[]> byKey = new LinkedHashMap<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            if (m == null || !(r.spec().params().get(c.over()) instanceof Number n)) continue;
            Map<String, Object> key = new java.util.TreeMap<>();
            for (String s : SEEDS) key.put(s, r.spec().params().get(s));
            double[] hl = byKey.computeIfAbsent(key, x -> new double[] {Double.NaN, Double.NaN});
            int slot = n.doubleValue() == levels.last() ? 0 : 1; // arm holds only the two extreme levels
            if (!Double.isNaN(hl[slot])) return new LinkedHashMap<>(); // ambiguous: see above
            hl[slot] = m;
            ids.add(r.runId());
            used.add(r);
        }
        byKey.forEach((key, hl) -> {
            if (!Double.isNaN(hl[0]) && !Double.isNaN(hl[1])) out.put(key, hl[0] - hl[1]);
        });
        return out;
    }
}
