package claimsweep.tensorboard;

import claimsweep.result.CurvePoint;
import claimsweep.result.GradientHistogram;
import claimsweep.result.RunResult;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What TensorBoard must show for a sweep folder, read from its Parquet tables with Spark SQL (not
 * from the exporter's own code), and the comparison with what TensorBoard's readers returned.
 */
record Expected(Map<String, String> runIdByName, Map<String, Map<String, TreeMap<Long, Double>>> scalars,
                Map<String, Row> runs) {
    /** Reads runs/, curves/ and curve_layers/ of {@code out}. Run names: the tag with its seed as a subfolder. */
    static Expected read(Path out) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("tensorboard-expected")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Map<String, String> names = new TreeMap<>();
            Map<String, Row> runs = new TreeMap<>();
            for (Row r : spark.read().parquet(out.resolve("runs").toString()).collectAsList()) {
                String name = r.<String>getAs("tag").replace(",seed=", "/seed=");
                names.put(name, r.getAs("run_id"));
                runs.put(name, r);
            }
            Map<String, String> nameById = new TreeMap<>();
            names.forEach((n, id) -> nameById.put(id, n));
            Map<String, Map<String, TreeMap<Long, Double>>> scalars = new TreeMap<>();
            for (Row c : spark.read().parquet(out.resolve("curves").toString()).collectAsList()) {
                var s = scalars.computeIfAbsent(nameById.get(c.<String>getAs("run_id")), k -> new TreeMap<>());
                long step = c.getAs("step");
                double train = c.getAs("train_loss");
                double val = c.getAs("val_loss");
                put(s, RunEvents.TRAIN_LOSS, step, train);
                put(s, RunEvents.VAL_LOSS, step, val);
                put(s, RunEvents.GAP, step, val - train);
                put(s, RunEvents.VAL_ACC, step, c.getAs("val_acc"));
                if (c.getAs("train_acc") != null) put(s, RunEvents.TRAIN_ACC, step, c.getAs("train_acc"));
                put(s, RunEvents.LR, step, c.getAs("lr"));
            }
            for (Row l : spark.read().parquet(out.resolve("curve_layers").toString()).collectAsList()) {
                var s = scalars.get(nameById.get(l.<String>getAs("run_id")));
                put(s, "grad_norm/layer" + l.<Integer>getAs("layer") + "_" + l.getAs("layer_type"), l.getAs("step"),
                        l.getAs("grad_norm"));
            }
            runs.forEach((name, r) -> {
                var s = scalars.computeIfAbsent(name, k -> new TreeMap<>());
                long last = r.getAs("steps_done");
                if (r.getAs("test_acc") != null) put(s, RunEvents.TEST_ACC, last, r.getAs("test_acc"));
                if (r.getAs("best_val_acc") != null) put(s, RunEvents.BEST_VAL_ACC, last, r.getAs("best_val_acc"));
                put(s, RunEvents.DIVERGED, last, r.getAs("status").equals("diverged") ? 1.0 : 0.0);
            });
            return new Expected(names, scalars, runs);
        } finally {
            spark.stop();
        }
    }

    private static void put(Map<String, TreeMap<Long, Double>> s, String tag, long step, double v) {
        s.computeIfAbsent(tag, k -> new TreeMap<>()).put(step, v);
    }

    Set<String> runNames() {
        return runIdByName.keySet();
    }

    double finalValAcc(String name) {
        return runs.get(name).getAs("final_val_acc");
    }

    /**
     * Every difference between the dump of TensorBoard's readers and the tables: a missing run,
     * tag or step, a scalar that is not the table's value rounded to float32 (by either reader), a
     * histogram that differs from the committed one, or a missing or wrong hparams record.
     */
    static List<String> mismatches(JsonObject dump, Expected e, Map<String, RunResult> committed) {
        List<String> problems = new ArrayList<>();
        JsonObject runs = dump.getAsJsonObject("runs");
        for (String name : e.runNames()) {
            JsonObject run = runs.getAsJsonObject(name);
            if (run == null) {
                problems.add(name + ": run missing");
                continue;
            }
            for (String reader : List.of("scalars", "provider_scalars")) {
                JsonObject read = run.has(reader) ? run.getAsJsonObject(reader) : new JsonObject();
                e.scalars.get(name).forEach((tag, points) -> compare(problems, name + " " + reader + " " + tag, points,
                        read.getAsJsonArray(tag)));
            }
            RunResult r = committed.get(e.runIdByName.get(name));
            histograms(problems, name, r, run.has("histograms") ? run.getAsJsonObject("histograms") : new JsonObject());
            hparams(problems, name, r, run.has("hparams") ? run.getAsJsonObject("hparams") : new JsonObject());
        }
        return problems;
    }

    private static void compare(List<String> problems, String what, TreeMap<Long, Double> expected, JsonArray read) {
        if (read == null) {
            problems.add(what + ": tag missing");
            return;
        }
        TreeMap<Long, Double> got = new TreeMap<>();
        read.forEach(p -> got.put(p.getAsJsonArray().get(0).getAsLong(), num(p.getAsJsonArray().get(1))));
        if (!got.keySet().equals(expected.keySet())) {
            problems.add(what + ": steps " + got.keySet() + ", expected " + expected.keySet());
            return;
        }
        expected.forEach((step, v) -> {
            float f = (float) v.doubleValue();
            double g = got.get(step);
            if (!(Float.isNaN(f) ? Double.isNaN(g) : g == f)) {
                problems.add(what + " at step " + step + ": " + g + ", expected " + v + " as float32 " + f);
            }
        });
    }

    private static void histograms(List<String> problems, String name, RunResult r, JsonObject read) {
        for (CurvePoint p : r.curve()) {
            for (CurvePoint.LayerGradient g : p.gradients()) {
                String tag = "grad/layer" + g.layer() + "_" + g.type();
                GradientHistogram h = g.histogram();
                JsonObject at = null;
                if (read.has(tag)) {
                    for (JsonElement x : read.getAsJsonArray(tag)) {
                        if (x.getAsJsonObject().get("step").getAsLong() == p.step()) at = x.getAsJsonObject();
                    }
                }
                if (at == null) {
                    problems.add(name + " histogram " + tag + " at step " + p.step() + " missing");
                    continue;
                }
                List<Double> counts = new ArrayList<>();
                for (int i = 0; i < GradientHistogram.LIMITS.size(); i++) counts.add((double) h.bucket(i));
                List<Double> limits = new ArrayList<>();
                at.getAsJsonArray("bucket_limit").forEach(x -> limits.add(x.getAsDouble()));
                List<Double> got = new ArrayList<>();
                at.getAsJsonArray("bucket").forEach(x -> got.add(x.getAsDouble()));
                boolean same = limits.equals(GradientHistogram.LIMITS) && got.equals(counts)
                        && at.get("num").getAsDouble() == h.count() && at.get("min").getAsDouble() == h.min()
                        && at.get("max").getAsDouble() == h.max() && at.get("sum").getAsDouble() == h.sum()
                        && at.get("sum_squares").getAsDouble() == h.sumSquares();
                // and it is the gradient whose norm the curve_layers table holds
                same &= Math.abs(Math.sqrt(h.sumSquares()) - g.norm()) <= 1e-5 * g.norm();
                if (!same) problems.add(name + " histogram " + tag + " at step " + p.step() + " differs: " + at);
            }
        }
    }

    private static void hparams(List<String> problems, String name, RunResult r, JsonObject read) {
        String group = name.substring(0, name.indexOf('/'));
        JsonObject start = read.has(EventProtos.SESSION_START_TAG)
                ? read.getAsJsonObject(EventProtos.SESSION_START_TAG).getAsJsonObject("sessionStartInfo") : null;
        if (start == null || !group.equals(start.get("groupName").getAsString())
                || start.getAsJsonObject("hparams").get("lr").getAsDouble() != r.spec().doubleParam("lr")) {
            problems.add(name + ": hparams session start missing or wrong: " + start);
        }
        JsonObject end = read.has(EventProtos.SESSION_END_TAG)
                ? read.getAsJsonObject(EventProtos.SESSION_END_TAG).getAsJsonObject("sessionEndInfo") : null;
        String status = r.status().label().equals("ok") ? "STATUS_SUCCESS" : "STATUS_FAILURE";
        if (end == null || !status.equals(end.get("status").getAsString())) {
            problems.add(name + ": hparams session end missing or not " + status + ": " + end);
        }
    }

    /** The reader writes NaN and infinities as Python's repr ("nan", "inf", "-inf"). */
    private static double num(JsonElement e) {
        if (e.getAsJsonPrimitive().isNumber()) return e.getAsDouble();
        return switch (e.getAsString()) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a number: " + e);
        };
    }
}
