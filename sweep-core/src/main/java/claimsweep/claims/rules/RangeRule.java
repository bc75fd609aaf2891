package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.Outcome;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;
import claimsweep.stats.Direction;
import claimsweep.stats.Summary;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;

/**
 * The range rule (claim B9: "results depend on the seed"): within the treatment arm, the range
 * (max - min) of the metric over its runs, which differ only in their seeds. Supported when the
 * range reaches the margin even after leaving out the single most extreme run (so one outlier does
 * not carry it); "no effect" when the full range is below the margin (with 20 or more runs, the sample range
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
        return Set.of(Figure.CURVES);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT);
    }

    static final int MIN_RUNS = 10;


    @Override
    public Optional<String> marginUnit() {
        return Optional.of("the claimed smallest range, in the metric's unit");
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        if (c.direction() == Direction.GREATER) return Optional.empty();
        return Optional.of(new String[] {"direction", c.direction().label(), "greater (the range rule says the spread is at least the margin)"});
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
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
            return Outcome.empty(Verdict.Kind.INCONCLUSIVE, "only " + v.size() + " runs in the arm (need " + MIN_RUNS
                    + "): run the sweep", label, v.size(), c.margin(), "", ids);
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        double range = s[n - 1] - s[0];
        // leave out the most extreme run: whichever end is farther from its neighbour
        double trimmed = Math.min(s[n - 1] - s[1], s[n - 2] - s[0]);
        double sd = Summary.sampleSd(s);
        String why = String.format(Locale.ROOT, "%d runs: %s from %.4f to %.4f, range %.4f (%.4f without the most extreme run), "
                + "sd %.4f; margin %.4f", n, c.metric().label(), s[0], s[n - 1], range, trimmed, sd, c.margin());
        Verdict verdict;
        if (trimmed >= c.margin()) verdict = new Verdict(Verdict.Kind.SUPPORTED, why + "; the range reaches the margin without any single run");
        else if (range < c.margin()) verdict = new Verdict(Verdict.Kind.NO_EFFECT, why + "; even the full range stays below the margin");
        else verdict = new Verdict(Verdict.Kind.INCONCLUSIVE, why + "; only one run carries the range past the margin");
        // a description of the seed distribution, not a test: no CI, no p, no seeds-agreeing column
        return new Outcome(verdict, label, range, Double.NaN, Double.NaN, 0, Double.NaN, n, 0, c.margin(), "", ids);
    }
}
