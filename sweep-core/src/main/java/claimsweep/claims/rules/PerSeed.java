package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Outcome;
import claimsweep.result.RunResult;
import claimsweep.stats.Decision;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The shared last step of the paired rules: per-pair values in, one unit per seed
 * ({@link Arms#perSeed}), the degenerate cases named ({@link Arms#untestable}), and one
 * {@link Decision} on the differences. Not a rule itself.
 */
final class PerSeed {
    private PerSeed() {}

    /**
     * @param treatment per pair key, the treatment's value (on the analysis scale, e.g. a log)
     * @param control   per pair key, the control's value
     * @param used      every run of both arms (for "every run diverged or collapsed")
     * @param raw       whether the values are the metric itself (then "both arms at chance" applies)
     * @param show      how a difference is rendered in the reason (e.g. exp for log ratios)
     */
    static Outcome decide(ClaimSpec c, Map<Map<String, Object>, Double> treatment, Map<Map<String, Object>, Double> control,
                          List<RunResult> used, boolean raw, String label, double margin, String chosen, List<String> ids,
                          DoubleUnaryOperator show, String tooFew) {
        Map<Map<String, Object>, Double> diffs = new java.util.LinkedHashMap<>();
        List<Double> tv = new ArrayList<>();
        List<Double> kv = new ArrayList<>();
        treatment.forEach((key, t) -> {
            Double k = control.get(key);
            if (k == null) return;
            diffs.put(key, t - k);
            tv.add(t);
            kv.add(k);
        });
        double[] d = Arms.perSeed(diffs).values().stream().mapToDouble(Double::doubleValue).toArray();
        // degenerate arms first: "every run diverged" must not read as "too few seeds, run the sweep"
        // for derived values (grid steps, rhos, gaps) identical seeds are a result, not a degenerate arm: only the
        // "every run diverged or collapsed" check applies to them
        String why = raw ? Arms.untestable(used, c.metric(), tv.stream().mapToDouble(x -> x).toArray(),
                kv.stream().mapToDouble(x -> x).toArray()) : Arms.untestable(used, claimsweep.claims.Metric.GAP, new double[0], new double[0]);
        if (why != null) return Outcome.empty(Verdict.Kind.NOT_TESTABLE, why, label, d.length, margin, chosen, ids);
        if (d.length < 2) {
            return Outcome.empty(Verdict.Kind.INCONCLUSIVE, "only " + d.length + " " + tooFew + ": run the sweep", label, d.length,
                    margin, chosen, ids);
        }
        Decision dec = Decision.paired(d, c.direction(), margin, c.metric().higherIsBetter(), label, show);
        return Outcome.of(dec, label, margin, chosen, ids);
    }
}
