package claimsweep.claims;

import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The A/A calibration (CLAIMS.md, shared protocol): the same configuration trained under many
 * seeds measures the seed-to-seed standard deviation sigma of a metric per model family, and a
 * claim that does not fix its margin gets delta = max(0.5 pp, 2 sigma) of its family. Declared in
 * an experiment file as {@code calibration { metric = test_acc, runs { seed_init = 0 } }}: the runs
 * selected by the filter (at least {@link #MIN_RUNS}) are the A/A arm.
 */
public record Calibration(Metric metric, Map<String, Object> filter, String origin) {
    public static final int MIN_RUNS = 10;
    /** The floor of a calibrated margin for accuracies: half a percentage point. */
    public static final double FLOOR = 0.005;

    public Calibration {
        filter = Map.copyOf(filter);
    }

    /** The noise floor of one model family. */
    public record Sigma(String family, double sigma, int runs, String origin) {
        public double delta() {
            return Math.max(FLOOR, 2 * sigma);
        }

        public String describe() {
            return String.format(Locale.ROOT, "delta = max(0.005, 2 x A/A seed sd %.4f) = %.4f (%s, %d runs, %s)", sigma, delta(),
                    family, runs, origin);
        }
    }

    /** Sigma per model family over the selected runs (families with fewer than MIN_RUNS values are left out). */
    public Map<String, Sigma> measure(List<RunResult> runs) {
        Map<String, List<Double>> byFamily = new TreeMap<>();
        for (RunResult r : Arms.select(runs, filter)) {
            Double m = metric.of(r, Double.NaN);
            if (m != null) byFamily.computeIfAbsent(family(r), k -> new ArrayList<>()).add(m);
        }
        Map<String, Sigma> out = new LinkedHashMap<>();
        for (var e : byFamily.entrySet()) {
            List<Double> v = e.getValue();
            if (v.size() < MIN_RUNS) continue;
            out.put(e.getKey(), new Sigma(e.getKey(), claimsweep.stats.Summary.sampleSd(v.stream().mapToDouble(Double::doubleValue).toArray()), v.size(),
                    origin));
        }
        return out;
    }

    /** A run's model family: its model kind ("mlp", "cnn", ...). */
    static String family(RunResult r) {
        return String.valueOf(r.spec().params().get("model"));
    }
}
