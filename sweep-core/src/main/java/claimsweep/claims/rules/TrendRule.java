package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;
import claimsweep.stats.PairedComparison;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trend rule (e.g. B3: "accuracy falls as label noise rises"): within the treatment arm, per
 * seed (every parameter but {@code over} and the arm's own filters equal), Spearman's rank
 * correlation rho between the level of {@code over} and the metric; the per-seed rho values are
 * tested against 0 like paired differences (t-CI, exact signed-rank p, equivalence within
 * +-delta), so "monotone in the claimed direction" needs the CI of the mean rho to exclude 0 and
 * the mean to reach delta (e.g. 0.5), and a flat factor is refuted by equivalence.
 */
public final class TrendRule implements ClaimRule {
    @Override
    public String name() {
        return "trend";
    }

    @Override
    public Map<String, Boolean> keys() {
        return Map.of("over", true);
    }

    @Override
    public boolean oneArm() {
        return true;
    }

    @Override
    public Set<Figure> figures() {
        return Set.of(Figure.BY_PARAMETER);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT, Column.CI, Column.P, Column.AGREE);
    }


    @Override
    public ClaimResult evaluate(ClaimSpec c, List<RunResult> runs) {
        List<RunResult> arm = Arms.select(runs, c.treatment());
        Set<String> armKeys = new HashSet<>(c.treatment().keySet());
        Map<Map<String, Object>, List<double[]>> bySeed = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            Object level = r.spec().params().get(c.over());
            if (m == null || !(level instanceof Number n)) continue;
            bySeed.computeIfAbsent(Arms.pairKey(r, armKeys, List.of(c.over())), x -> new ArrayList<>())
                    .add(new double[] {n.doubleValue(), m});
            ids.add(r.runId());
        }
        List<Double> rhos = new ArrayList<>();
        for (List<double[]> pts : bySeed.values()) {
            if (pts.size() < 3) continue;
            double rho = spearman(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
            if (!Double.isNaN(rho)) rhos.add(rho);
        }
        String label = "spearman_rho(" + c.metric().label() + ", " + c.over() + ")";
        if (rhos.size() < 2) {
            return new ClaimResult(c.id(), c.text(), new Verdict(Verdict.Kind.INCONCLUSIVE, "only " + rhos.size()
                    + " seeds with 3 or more levels of " + c.over() + ": run the sweep"), label, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, rhos.size(), 0, c.delta(), "", ids);
        }
        double[] r = rhos.stream().mapToDouble(Double::doubleValue).toArray();
        PairedComparison pc = PairedComparison.of(r, new double[r.length], c.direction(), c.delta());
        Verdict v = Verdict.decide(pc, c.direction(), c.delta(), label);
        return new ClaimResult(c.id(), c.text(), v, label, pc.mean(), pc.ciLow(), pc.ciHigh(), pc.pSignRank(), Double.NaN,
                pc.n(), pc.kAgree(), c.delta(), "", ids);
    }

    /** Spearman's rho with average ranks for ties; NaN when either variable is constant. */
    public static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElse(0);
        double my = Arrays.stream(ry).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) j++;
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[idx[k]] = avg;
            i = j + 1;
        }
        return r;
    }
}
