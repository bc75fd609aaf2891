package claimsweep.claims;

import claimsweep.result.RunResult;
import claimsweep.stats.Holm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates claims against runs: each claim by its own {@link ClaimRule}, then Holm's correction
 * across the table. Pure: runs in, one table row per claim out.
 */
public final class ClaimEvaluator {
    private ClaimEvaluator() {}

    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<RunResult> runs) {
        return evaluateAll(claims, runs, Map.of());
    }

    /**
     * Evaluates every claim; a claim whose delta took the accuracy default gets its family's
     * calibrated delta instead when {@code sigmas} (model family -> A/A noise) has one, and says so
     * in its {@code chosen} column.
     */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<RunResult> runs,
                                                Map<String, Calibration.Sigma> sigmas) {
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            Calibration.Sigma s = c.deltaDefaulted() ? sigmas.get(Arms.family(c, runs)) : null;
            if (s == null) {
                out.add(evaluate(c, runs));
                continue;
            }
            ClaimResult r = evaluate(c.withDelta(s.delta()), runs);
            String chosen = r.chosen().isEmpty() ? s.describe() : r.chosen() + "; " + s.describe();
            out.add(new ClaimResult(r.claimId(), r.text(), r.verdict(), r.metric(), r.effect(), r.ciLow(), r.ciHigh(), r.p(),
                    r.pHolm(), r.nSeeds(), r.kAgree(), r.delta(), chosen, r.runIds()));
        }
        return withHolm(out);
    }

    public static ClaimResult evaluate(ClaimSpec c, List<RunResult> runs) {
        return c.rule().impl().evaluate(c, runs);
    }

    /**
     * Holm's adjustment across one table (the one place it is applied): a claim without a p (NaN)
     * keeps NaN but counts in the family as p = 1, so leaving a test out never makes the others
     * look stronger.
     */
    public static List<ClaimResult> withHolm(List<ClaimResult> results) {
        double[] p = results.stream().mapToDouble(ClaimResult::p).map(x -> Double.isNaN(x) ? 1 : x).toArray();
        double[] adj = Holm.adjust(p);
        List<ClaimResult> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ClaimResult r = results.get(i);
            out.add(r.withHolm(Double.isNaN(r.p()) ? Double.NaN : adj[i]));
        }
        return out;
    }
}
