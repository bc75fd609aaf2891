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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paired rule (the default): each arm at its best value of the {@code best_over} parameters,
 * treatment and control runs paired when they agree on every other parameter (the seed included),
 * the per-seed differences decided by {@link PairedComparison} and {@link Verdict}.
 */
public final class PairedRule implements ClaimRule {
    @Override
    public String name() {
        return "paired";
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
        var armKeys = Arms.armKeys(c);
        Map<String, Object> tChoice = new TreeMap<>();
        Map<String, Object> cChoice = new TreeMap<>();
        List<RunResult> t = Arms.best(Arms.select(runs, c.treatment()), c, tChoice);
        List<RunResult> k = Arms.best(Arms.select(runs, c.control()), c, cChoice);

        // pair on everything but the arm-defining and best_over parameters
        Map<Map<String, Object>, RunResult> controlByKey = new LinkedHashMap<>();
        for (RunResult r : k) controlByKey.put(Arms.pairKey(r, armKeys, c.bestOver()), r);
        List<Double> tv = new ArrayList<>();
        List<Double> cv = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RunResult r : t) {
            RunResult partner = controlByKey.get(Arms.pairKey(r, armKeys, c.bestOver()));
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
}
