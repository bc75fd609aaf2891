package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Outcome;
import claimsweep.result.RunResult;
import claimsweep.stats.Direction;
import claimsweep.stats.Rates;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sign-flips rule (claim B9, second half: "a known small contrast flips sign in >= 10% of seed
 * pairs"): treatment and control runs paired by seed exactly as in the paired rule ({@link Arms#pair},
 * one difference per seed by {@link Arms#perSeed}); the contrast's direction is the sign of the mean
 * difference, and a seed flips when its difference has the opposite sign. A difference of exactly 0
 * (common for quantized metrics such as test accuracy on 10,000 images) agrees with neither sign, so
 * it counts as half a flip: a full flip would inflate the share, dropping it (the sign test's
 * convention) would drop a pair the claim counts in "of seed pairs". The statistic is the share of
 * flipping seeds with its 95% Wilson interval; supported when the interval's lower end reaches
 * {@code margin}, opposite when its upper end is below it, inconclusive otherwise. The p is the score
 * test of "share = margin" that the Wilson interval inverts (p < 0.05 exactly when the interval
 * excludes the margin).
 *
 * <p>The direction is estimated from the same seeds it is counted against, which leans towards fewer
 * flips (a seed that pulls the mean its way cannot flip): slightly conservative for "flips happen".
 * A contrast whose mean difference is exactly 0 has no direction and is not testable.
 */
public final class SignFlipsRule implements ClaimRule {
    @Override
    public String name() {
        return "sign_flips";
    }

    @Override
    public Set<Figure> figures() {
        return Set.of(Figure.CURVES);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT, Column.CI, Column.P, Column.AGREE);
    }

    @Override
    public Optional<String> marginUnit() {
        return Optional.of("a share of seed pairs (0.10: at least one pair in ten flips sign)");
    }

    @Override
    public Optional<Direction> impliedDirection() {
        return Optional.of(Direction.GREATER);
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        if (c.direction() != Direction.GREATER) {
            return Optional.of(new String[] {"direction", c.direction().label(), "greater or no direction key (the share of "
                    + "flipping seeds is at least margin; the contrast's own direction is the sign of its mean difference)"});
        }
        if (!(c.margin() < 1)) {
            return Optional.of(new String[] {"margin", String.valueOf(c.margin()), "a share of seed pairs between 0 and 1, e.g. 0.10"});
        }
        return Optional.empty();
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
        Map<String, Object> tChoice = new TreeMap<>();
        Map<String, Object> cChoice = new TreeMap<>();
        List<RunResult> t = Arms.best(Arms.select(runs, c.treatment()), c, tChoice);
        List<RunResult> k = Arms.best(Arms.select(runs, c.control()), c, cChoice);
        Map<Map<String, Object>, Double> diffs = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        List<RunResult> used = new ArrayList<>(t);
        used.addAll(k);
        List<Double> tv = new ArrayList<>();
        List<Double> kv = new ArrayList<>();
        for (Arms.Partners p : Arms.pair(c, t, k)) {
            diffs.put(p.key(), p.t() - p.k());
            tv.add(p.t());
            kv.add(p.k());
            ids.add(p.treatment().runId());
            ids.add(p.control().runId());
        }
        double[] d = Arms.perSeed(diffs).values().stream().mapToDouble(Double::doubleValue).toArray();
        String label = c.metric().label() + "_sign_flips";
        String chosen = c.bestOver().isEmpty() ? "" : "by " + c.selectBy().label() + ": treatment " + tChoice + "; control " + cChoice;
        String why = Arms.untestable(used, c.metric(), tv.stream().mapToDouble(x -> x).toArray(), kv.stream().mapToDouble(x -> x).toArray());
        if (why == null && d.length < 2) {
            why = "only " + d.length + " paired seeds (treatment runs " + t.size() + ", control runs " + k.size()
                    + "): one difference always has its own mean's sign, a flip needs at least 2; run the sweep";
        }
        double mean = java.util.Arrays.stream(d).average().orElse(0);
        if (why == null && mean == 0) {
            why = java.util.Arrays.stream(d).allMatch(x -> x == 0)
                    ? "every paired difference is 0: the contrast has no sign to flip from"
                    : "the mean difference is exactly 0: the contrast has no direction to flip from";
        }
        if (why != null) return Outcome.empty(Verdict.Kind.NOT_TESTABLE, why, label, d.length, c.margin(), chosen, ids);
        int n = d.length;
        int flips = 0;
        int ties = 0;
        for (double x : d) {
            if (x == 0) ties++;
            else if (Math.signum(x) != Math.signum(mean)) flips++;
        }
        double count = flips + 0.5 * ties;
        double share = count / n;
        double[] ci = Rates.wilson(count, n);
        double p = Rates.scoreP(count, n, c.margin());
        String base = String.format(Locale.ROOT, "mean difference %+.4g over %d seeds, %d of them of the opposite sign%s: flip share "
                        + "%.2f, 95%% Wilson CI [%.2f, %.2f], margin %.2f (the direction is the mean's sign, from the same seeds)",
                mean, n, flips, ties == 0 ? "" : " and " + ties + " exactly 0 (half a flip each)", share, ci[0], ci[1], c.margin());
        Verdict v;
        if (ci[0] >= c.margin()) v = Verdict.of(Verdict.Kind.SUPPORTED, base + "; the whole interval lies at or above the margin");
        else if (ci[1] < c.margin()) v = Verdict.of(Verdict.Kind.OPPOSITE, base + "; the whole interval is below the margin");
        else v = Verdict.of(Verdict.Kind.INCONCLUSIVE, base + "; the interval contains the margin");
        // "seeds agreeing with the claim" are the ones that flip (ties, half a flip each, are not counted there)
        return new Outcome(v, label, share, ci[0], ci[1], 95, p, n, flips, c.margin(), chosen, ids);
    }
}
