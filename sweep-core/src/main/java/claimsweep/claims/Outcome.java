package claimsweep.claims;

import claimsweep.stats.Decision;
import claimsweep.stats.Verdict;

import java.util.List;

/**
 * What a rule found for one claim, before the engine adds the claim's identity, its primary flag,
 * Holm's p and the A/A noise: the verdict, the analysed metric's label, the effect with its CI, the
 * p of the claim's hypothesis, the seeds (units) used and how many agree, the margin in the rule's
 * unit, the chosen best_over levels and the run ids.
 */
public record Outcome(Verdict verdict, String metric, double effect, double ciLow, double ciHigh, int ciLevel, double p,
                      int n, int kAgree, double margin, String chosen, List<String> runIds) {
    public Outcome {
        runIds = List.copyOf(runIds);
    }

    public static Outcome of(Decision d, String metric, double margin, String chosen, List<String> ids) {
        return new Outcome(d.verdict(), metric, d.effect(), d.ciLow(), d.ciHigh(), d.ciLevel(), d.p(), d.n(), d.kAgree(), margin,
                chosen, ids);
    }

    /** No numbers: too few units, or arms that cannot show anything. */
    public static Outcome empty(Verdict.Kind kind, String reason, String metric, int n, double margin, String chosen,
                                List<String> ids) {
        return new Outcome(new Verdict(kind, reason), metric, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, n, 0, margin,
                chosen, ids);
    }

    public Outcome withVerdict(Verdict v) {
        return new Outcome(v, metric, effect, ciLow, ciHigh, ciLevel, p, n, kAgree, margin, chosen, runIds);
    }
}
