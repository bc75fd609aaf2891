package claimsweep.spec;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One fully resolved training run: every parameter of {@link ParamSchema} with its canonical value.
 * Immutable, serializable and cheap to ship to a Spark task as JSON.
 *
 * @param runId     content hash of the canonical parameters (see {@link RunIds})
 * @param tag       readable label built from the axis values, e.g. {@code norm=batch,lr=0.1,seed=2}
 * @param sweepName the sweep this run belongs to (not part of the id: the same run in two sweeps is the same run)
 * @param index     position in the sweep's deterministic expansion order
 * @param params    every parameter, sorted by name
 * @param origins   where each parameter's value came from (file:line, command line, default)
 */
public record RunSpec(String runId, String tag, String sweepName, int index,
                      SortedMap<String, Object> params, Map<String, String> origins) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Gson GSON = new Gson();

    public RunSpec {
        Objects.requireNonNull(runId);
        Objects.requireNonNull(tag);
        Objects.requireNonNull(sweepName);
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        for (ParamDef d : ParamSchema.all()) {
            Object v = params.get(d.name());
            if (!d.type().isInstance(v)) {
                throw new IllegalArgumentException("run " + runId + ": parameter " + d.name() + " = " + v
                        + " is not a " + d.type().getSimpleName());
            }
        }
    }

    /** The typed form of this run's parameters: what the trainer, the network builder and the data pipeline read. */
    public RunConfig config() {
        return RunConfig.of(params);
    }

    // Raw reads by name, for code that addresses parameters generically (claims select runs by any
    // parameter named in a claim file). Code that uses a parameter's meaning reads config() instead.

    public long longParam(String name) {
        return (Long) params.get(name);
    }

    public int intParam(String name) {
        return Math.toIntExact(longParam(name));
    }

    public double doubleParam(String name) {
        return (Double) params.get(name);
    }

    public String stringParam(String name) {
        return (String) params.get(name);
    }

    /** JSON for shipping to a task; {@link #fromJson(String)} restores an equal record. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("run_id", runId);
        o.addProperty("tag", tag);
        o.addProperty("sweep", sweepName);
        o.addProperty("index", index);
        o.add("params", GSON.toJsonTree(params));
        o.add("origins", GSON.toJsonTree(origins));
        return GSON.toJson(o);
    }

    public static RunSpec fromJson(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        SortedMap<String, Object> params = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("params").entrySet()) {
            ParamDef d = ParamSchema.require(e.getKey());
            JsonElement v = e.getValue();
            Object raw = v.getAsJsonPrimitive().isNumber() ? (Object) v.getAsNumber().toString() : v.getAsString();
            if (d.type() == Boolean.class) raw = v.getAsBoolean();
            params.put(e.getKey(), d.canonical(raw));
        }
        Map<String, String> origins = new LinkedHashMap<>();
        o.getAsJsonObject("origins").entrySet().forEach(e -> origins.put(e.getKey(), e.getValue().getAsString()));
        // A parameter added after the run was recorded took its default then too (a new parameter's
        // default reproduces the old behaviour, and ids hash only non-default values), so results
        // committed by an older version stay readable and keep their ids.
        for (ParamDef d : ParamSchema.all()) {
            if (!params.containsKey(d.name())) {
                params.put(d.name(), d.defaultValue());
                origins.put(d.name(), "default (parameter added after this run was recorded)");
            }
        }
        RunSpec spec = new RunSpec(o.get("run_id").getAsString(), o.get("tag").getAsString(),
                o.get("sweep").getAsString(), o.get("index").getAsInt(), params, origins);
        String expected = RunIds.of(params);
        if (!expected.equals(spec.runId())) {
            throw new IllegalArgumentException("run spec " + spec.runId() + " does not hash to its id (" + expected + ")");
        }
        return spec;
    }
}
