package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.Outcome;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Metric;

import claimsweep.result.RunResult;
import claimsweep.stats.Rates;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;

/**
 * The rate rule (claims B1 and B6c: divergence at a high learning rate, with and without
 * clipping): per arm the share of runs whose 0/1 metric is 1, each with its 95% Wilson interval;
 * the difference treatment - control with Newcombe's hybrid score interval (method 10 of Newcombe
 * 1998, built from the two Wilson intervals) and Fisher's exact two-sided p. Runs are not paired:
 * a rate is a property of the arm. Supported: the interval excludes 0 in the claimed direction,
 * the difference reaches the margin; weaker, opposite, no effect and inconclusive as for the
 * paired rules. Which outcome is counted (diverged, collapsed or either) is the claim's metric and
 * is named in every reason.
 */
public final class RateRule implements ClaimRule {
    @Override
    public String name() {
        return "rate";
    }

    @Override
    public Set<Figure> figures() {
        return Set.of(Figure.CURVES);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT, Column.CI, Column.P);
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        if (!c.metric().isBinary()) {
            return Optional.of(new String[] {"metric", c.metric().label(),
                    "diverged, collapsed or diverged_or_collapsed (the rate rule counts runs with a 0/1 outcome)"});
        }
        return Superiority.only(c, name());
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
        List<String> ids = new ArrayList<>();
        int[] t = count(Arms.select(runs, c.treatment()), c, ids);
        int[] k = count(Arms.select(runs, c.control()), c, ids);
        String label = c.metric().label() + "_rate";
        String counts = switch (c.metric()) {
            case DIVERGED -> "counting diverged runs (collapsed runs count as not diverged)";
            case COLLAPSED -> "counting collapsed runs (diverged runs count as not collapsed)";
            default -> "counting runs that diverged or collapsed";
        };
        if (t[1] < 2 || k[1] < 2) {
            return Outcome.empty(Verdict.Kind.INCONCLUSIVE, "only " + t[1] + " treatment and " + k[1]
                    + " control runs with a value: run the sweep", label, Math.min(t[1], k[1]), c.margin(), "", ids);
        }
        double[] d = difference(t[0], t[1], k[0], k[1]);
        double p = Rates.fisher(t[0], t[1], k[0], k[1]);
        double[] wt = Rates.wilson(t[0], t[1]);
        double[] wk = Rates.wilson(k[0], k[1]);
        String why = String.format(Locale.ROOT, "%s: treatment %d of %d (%.0f%%, 95%% CI %.0f-%.0f%%) vs control %d of %d "
                        + "(%.0f%%, %.0f-%.0f%%): difference %+.2f, 95%% CI [%.2f, %.2f], Fisher p %.4g", counts, t[0], t[1],
                100.0 * t[0] / t[1], 100 * wt[0], 100 * wt[1], k[0], k[1], 100.0 * k[0] / k[1], 100 * wk[0], 100 * wk[1],
                d[0], d[1], d[2], p);
        int s = c.direction().sign(true);
        double lo = s > 0 ? d[1] : -d[2];
        double hi = s > 0 ? d[2] : -d[1];
        double e = s * d[0];
        double m = c.margin();
        Verdict v;
        // the same reading of the interval as the paired rules' (Newcombe's interval in place of the t interval)
        if (lo > 0 && e >= m) {
            v = new Verdict(Verdict.Kind.SUPPORTED, why + "; the interval clears 0 and the difference reaches the margin "
                    + String.format(Locale.ROOT, "%.2f", m) + (lo >= m ? "" : " (the interval straddles the margin)"));
        } else if (lo > 0) {
            v = new Verdict(Verdict.Kind.WEAKER, why + String.format(Locale.ROOT, "; significant in the claimed direction but below the margin %.2f", m));
        } else if (hi < 0) {
            v = new Verdict(Verdict.Kind.OPPOSITE, why + "; the interval excludes 0 in the opposite direction");
        } else if (d[1] > -m && d[2] < m) {
            v = new Verdict(Verdict.Kind.NO_EFFECT, why + String.format(Locale.ROOT, "; the interval lies inside +-%.2f", m));
        } else {
            v = new Verdict(Verdict.Kind.INCONCLUSIVE, why);
        }
        // a rate is a property of the arm, not of a seed: no "seeds agreeing" column for this rule
        return new Outcome(v, label, d[0], d[1], d[2], 95, p, t[1] + k[1], 0, m, "", ids);
    }

    /** {ones, runs with a value}; adds the run ids used. */
    private static int[] count(List<RunResult> arm, ClaimSpec c, List<String> ids) {
        int ones = 0;
        int n = 0;
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            if (m == null) continue;
            n++;
            if (m >= 0.5) ones++;
            ids.add(r.runId());
        }
        return new int[] {ones, n};
    }

    /** p1 - p2 with Newcombe's hybrid score 95% interval: {difference, low, high}. */
    public static double[] difference(int k1, int n1, int k2, int n2) {
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double[] w1 = Rates.wilson(k1, n1);
        double[] w2 = Rates.wilson(k2, n2);
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new double[] {d, Math.max(-1, low), Math.min(1, high)};
    }

    private static double sq(double x) {
        return x * x;
    }
}
