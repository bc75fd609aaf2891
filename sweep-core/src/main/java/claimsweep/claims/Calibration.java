package claimsweep.claims;

import claimsweep.result.RunResult;
import claimsweep.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The A/A calibration: one configuration trained under many seeds measures, per model family, data set and
 * metric, how much two runs that differ only in their seeds differ, on the paired-difference scale
 * the claims are tested on (sd of a difference of two independent runs = sqrt(2) x the seed sd).
 * Declared as {@code calibration { metrics = [test_acc, best_val_acc], runs { seed_init = 0 } }}
 * (or {@code metric = test_acc}); the runs the filter selects (at least {@link #MIN_RUNS} per family)
 * are the A/A arm. The report prints this noise beside each claim's declared margin; it no longer
 * sets the margin, which is a statement about what effect matters, not about noise.
 */
public record Calibration(List<Metric> metrics, Map<String, Object> filter, String origin) {
    public static final int MIN_RUNS = 10;

    public Calibration {
        metrics = List.copyOf(metrics);
        filter = Map.copyOf(filter);
    }

    /** The A/A noise of one model family and metric. */
    public record Noise(String family, Metric metric, double seedSd, int runs, String origin) {
        /** The sd of a paired difference between two runs of the same configuration. */
        public double pairedSd() {
            return Math.sqrt(2) * seedSd;
        }

        public String describe() {
            return String.format(Locale.ROOT, "A/A paired-difference sd %.4g (%s %s, %d runs, %s)", pairedSd(), family,
                    metric.label(), runs, origin);
        }
    }

    /** The key a noise is stored under: "family/metric". */
    public static String key(String family, Metric m) {
        return family + "/" + m.label();
    }

    /** Noise per family and metric over the selected runs (pairs with fewer than MIN_RUNS values are left out). */
    public Map<String, Noise> measure(List<RunResult> runs) {
        Map<String, Noise> out = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            Map<String, List<Double>> byFamily = new TreeMap<>();
            for (RunResult r : Arms.select(runs, filter)) {
                Double m = metric.of(r, Double.NaN);
                if (m != null) byFamily.computeIfAbsent(family(r), k -> new ArrayList<>()).add(m);
            }
            for (var e : byFamily.entrySet()) {
                List<Double> v = e.getValue();
                if (v.size() < MIN_RUNS) continue;
                out.put(key(e.getKey(), metric), new Noise(e.getKey(), metric,
                        Summary.sampleSd(v.stream().mapToDouble(Double::doubleValue).toArray()), v.size(), origin));
            }
        }
        return out;
    }

    /**
     * A run's family for calibration: its model kind and data set ("cnn on mnist"). The data set is
     * part of it because seed noise differs between data sets (MNIST's accuracies sit near 98%,
     * Fashion-MNIST's near 85%), and pooling both would measure the gap between them, not seed noise.
     */
    static String family(RunResult r) {
        return r.spec().config().model().family().key() + " on " + r.spec().config().data().dataset();
    }
}
