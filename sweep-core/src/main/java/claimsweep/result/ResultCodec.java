package claimsweep.result;

import claimsweep.spec.RunSpec;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of a {@link RunResult}: what a Spark task sends back to the driver and what the driver
 * commits, one file per run, before the Parquet tables are consolidated. NaN and infinities are
 * kept (a diverged curve has them).
 */
public final class ResultCodec {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private ResultCodec() {}

    public static String toJson(RunResult r) {
        JsonObject o = new JsonObject();
        o.add("spec", JsonParser.parseString(r.spec().toJson()));
        o.addProperty(RunColumns.STATUS, r.status().label());
        o.addProperty(RunColumns.REASON, r.reason());
        for (RunColumns.Column c : RunColumns.METRICS) o.addProperty(c.name(), (Number) c.value().apply(r));
        o.addProperty(RunColumns.STEPS_DONE, r.steps());
        o.addProperty(RunColumns.WALL_MS, r.wallMs());
        o.add("provenance", GSON.toJsonTree(r.provenance()));
        JsonArray curve = new JsonArray();
        for (CurvePoint p : r.curve()) {
            JsonArray a = new JsonArray();
            a.add(p.step());
            a.add(p.epoch());
            a.add(p.trainLoss());
            a.add(p.valLoss());
            a.add(p.valAcc());
            a.add(p.lr());
            a.add(p.elapsedMs());
            JsonArray classes = new JsonArray();
            p.classAcc().forEach(classes::add);
            a.add(classes);
            JsonArray grads = new JsonArray();
            for (CurvePoint.LayerGradient g : p.gradients()) {
                JsonArray one = new JsonArray();
                one.add(g.layer());
                one.add(g.type());
                one.add(g.norm());
                if (g.histogram() != null) one.add(histogram(g.histogram()));
                grads.add(one);
            }
            a.add(grads);
            a.add(p.trainAcc()); // null (JSON null) where not recorded
            curve.add(a);
        }
        o.add("curve", curve);
        return GSON.toJson(o);
    }

    public static RunResult fromJson(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        RunSpec spec = RunSpec.fromJson(GSON.toJson(o.get("spec")));
        Provenance prov = GSON.fromJson(o.get("provenance"), Provenance.class);
        List<CurvePoint> curve = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("curve")) {
            JsonArray a = e.getAsJsonArray();
            List<Double> classes = new ArrayList<>();
            List<CurvePoint.LayerGradient> grads = new ArrayList<>();
            if (a.size() > 8) { // written before per-class accuracy and gradient norms existed: none
                a.get(7).getAsJsonArray().forEach(c -> classes.add(num(c)));
                for (JsonElement g : a.get(8).getAsJsonArray()) {
                    JsonArray one = g.getAsJsonArray();
                    // a fourth element, the histogram, exists in results written since histograms were recorded
                    grads.add(new CurvePoint.LayerGradient(one.get(0).getAsInt(), one.get(1).getAsString(), num(one.get(2)),
                            one.size() > 3 ? histogram(one.get(3).getAsJsonObject()) : null));
                }
            }
            // a tenth element, the training accuracy, exists in results written since it was recorded
            Double trainAcc = a.size() > 9 && !a.get(9).isJsonNull() ? num(a.get(9)) : null;
            curve.add(new CurvePoint(a.get(0).getAsLong(), num(a.get(1)), num(a.get(2)), num(a.get(3)), num(a.get(4)),
                    num(a.get(5)), a.get(6).getAsLong(), classes, grads, trainAcc));
        }
        Object[] m = new Object[RunColumns.METRICS.size()]; // in RunResult's order (the round-trip test pins it)
        for (int i = 0; i < m.length; i++) {
            RunColumns.Column c = RunColumns.METRICS.get(i);
            // not a ?: expression: it would unbox both sides to double (and fail on null)
            if (c.type() == Long.class) m[i] = optLong(o, c.name());
            else m[i] = optDouble(o, c.name());
        }
        return new RunResult(spec, RunStatus.fromLabel(o.get(RunColumns.STATUS).getAsString()),
                o.get(RunColumns.REASON).getAsString(), (Double) m[0], (Double) m[1], (Double) m[2], (Long) m[3],
                (Double) m[4], (Double) m[5], o.get(RunColumns.STEPS_DONE).getAsLong(), o.get(RunColumns.WALL_MS).getAsLong(),
                prov, curve, (Double) m[6]);
    }

    private static JsonObject histogram(GradientHistogram h) {
        JsonObject o = new JsonObject();
        o.addProperty("min", h.min());
        o.addProperty("max", h.max());
        o.addProperty("sum", h.sum());
        o.addProperty("sum_squares", h.sumSquares());
        o.addProperty("offset", h.offset());
        JsonArray counts = new JsonArray();
        h.counts().forEach(counts::add);
        o.add("counts", counts);
        return o;
    }

    private static GradientHistogram histogram(JsonObject o) {
        List<Long> counts = new ArrayList<>();
        o.getAsJsonArray("counts").forEach(c -> counts.add(c.getAsLong()));
        return new GradientHistogram(num(o.get("min")), num(o.get("max")), num(o.get("sum")), num(o.get("sum_squares")),
                o.get("offset").getAsInt(), counts);
    }

    /** Gson writes NaN/Infinity as bare words; read them back. */
    private static double num(JsonElement e) {
        return e.getAsDouble();
    }

    private static Double optDouble(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? null : e.getAsDouble();
    }

    private static Long optLong(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? null : e.getAsLong();
    }
}
