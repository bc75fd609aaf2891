package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Outcome;
import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * The paired rule (the default): each arm at its best level of the {@code best_over} parameters
 * (chosen by {@code select_by} on validation), treatment and control runs paired when they agree on
 * every other parameter (the seed included), one difference per seed, decided by one paired t
 * analysis in any of the four directions.
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
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
        Map<String, Object> tChoice = new TreeMap<>();
        Map<String, Object> cChoice = new TreeMap<>();
        List<RunResult> t = Arms.best(Arms.select(runs, c.treatment()), c, tChoice);
        List<RunResult> k = Arms.best(Arms.select(runs, c.control()), c, cChoice);
        Map<Map<String, Object>, Double> tv = new LinkedHashMap<>();
        Map<Map<String, Object>, Double> kv = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        List<RunResult> used = new ArrayList<>(t);
        used.addAll(k);
        for (Arms.Partners p : Arms.pair(c, t, k)) {
            tv.put(p.key(), p.t());
            kv.put(p.key(), p.k());
            ids.add(p.treatment().runId());
            ids.add(p.control().runId());
        }
        String chosen = c.bestOver().isEmpty() ? "" : "by " + c.selectBy().label() + ": treatment " + tChoice + "; control " + cChoice;
        return PerSeed.decide(c, tv, kv, used, true, c.metric().label(), c.margin(), chosen, ids, DoubleUnaryOperator.identity(),
                "paired seeds (treatment runs " + t.size() + ", control runs " + k.size() + ")");
    }
}
