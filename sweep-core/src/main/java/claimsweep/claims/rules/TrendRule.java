package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.Outcome;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;

import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trend rule (e.g. B3: "accuracy falls as label noise rises"): within the treatment arm, per
 * seed (every parameter but {@code over} and the arm's own filters equal), Spearman's rank
 * correlation rho between the level of {@code over} and the metric; the per-seed rho values are
 * tested against 0 like paired differences (one rho per seed, the paired rule's t analysis), so
 * "monotone in the claimed direction" needs the CI of the mean rho to clear 0 and the mean to reach
 * the margin (e.g. 0.5); a flat factor shows as "no effect".
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
    public Optional<String> marginUnit() {
        return Optional.of("Spearman's rho (the claimed mean rank correlation, e.g. 0.5)");
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        return Superiority.only(c, name());
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
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
        Map<Map<String, Object>, Double> rhos = new LinkedHashMap<>();
        Map<Map<String, Object>, Double> zeros = new LinkedHashMap<>();
        bySeed.forEach((key, pts) -> {
            if (pts.size() < 3) return;
            double rho = spearman(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
            if (Double.isNaN(rho)) return;
            rhos.put(key, rho);
            zeros.put(key, 0.0);
        });
        String label = "spearman_rho(" + c.metric().label() + ", " + c.over() + ")";
        // rho per seed tested against 0: a monotone trend in the claimed direction must clear 0 and reach the claimed rho
        return PerSeed.decide(c, rhos, zeros, arm, false, label, c.margin(), "", ids, java.util.function.DoubleUnaryOperator.identity(),
                "seeds with 3 or more levels of " + c.over());
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
