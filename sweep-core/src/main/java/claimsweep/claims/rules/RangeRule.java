package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * The range rule (claim B9: "results depend on the seed"): within the treatment arm, the range
 * (max - min) of the metric over its runs, which differ only in their seeds. Supported when the
 * range is at least delta even after leaving out the single most extreme run (so one outlier does
 * not carry it); refuted when the full range is below delta (with 20 or more runs, the sample range
 * covers most of the seed distribution); inconclusive in between. No p-value: this is a
 * description of the seed distribution, not a test between arms.
 */
public final class RangeRule implements ClaimRule {
    @Override
    public String name() {
        return "range";
    }

    @Override
    public boolean oneArm() {
        return true;
    }

    @Override
    public Set<Figure> figures() {
        return Set.of(Figure.CURVES, Figure.BY_PARAMETER);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT, Column.CI);
    }

    static final int MIN_RUNS = 10;


    @Override
    public ClaimResult evaluate(ClaimSpec c, List<RunResult> runs) {
        List<Double> v = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RunResult r : Arms.select(runs, c.treatment())) {
            Double m = c.metric().of(r, c.target());
            if (m == null) continue;
            v.add(m);
            ids.add(r.runId());
        }
        String label = "range_" + c.metric().label();
        if (v.size() < MIN_RUNS) {
            return new ClaimResult(c.id(), c.text(), new Verdict(Verdict.Kind.INCONCLUSIVE, "only " + v.size()
                    + " runs in the arm (need " + MIN_RUNS + "): run the sweep"), label, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, v.size(), 0, c.delta(), "", ids);
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        double range = s[n - 1] - s[0];
        // leave out the most extreme run: whichever end is farther from its neighbour
        double trimmed = Math.min(s[n - 1] - s[1], s[n - 2] - s[0]);
        double sd = claimsweep.stats.Summary.sampleSd(s);
        String why = String.format(Locale.ROOT, "%d runs: %s from %.4f to %.4f, range %.4f (%.4f without the most extreme run), "
                + "sd %.4f; delta %.4f", n, c.metric().label(), s[0], s[n - 1], range, trimmed, sd, c.delta());
        Verdict verdict;
        if (trimmed >= c.delta()) verdict = new Verdict(Verdict.Kind.SUPPORTED, why + "; the range reaches delta without any single run");
        else if (range < c.delta()) verdict = new Verdict(Verdict.Kind.REFUTED, why + "; even the full range stays below delta");
        else verdict = new Verdict(Verdict.Kind.INCONCLUSIVE, why + "; only one run carries the range past delta");
        return new ClaimResult(c.id(), c.text(), verdict, label, range, trimmed, range, Double.NaN, Double.NaN, n, 0, c.delta(),
                "", ids);
    }
}
