package claimsweep.store;

import claimsweep.io.AtomicFiles;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunColumns;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.ParamDef;
import claimsweep.spec.ParamSchema;
import claimsweep.spec.RunIds;
import claimsweep.spec.RunSpec;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.GroupType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The committed, compact form of a sweep's results: {@code <data>/<sweep>/} holds one zstd Parquet
 * file per table ({@code runs}, {@code curves}, {@code curve_classes}, {@code curve_layers}) and
 * the sweep's {@code sweep.json} marker, enough to rebuild claims, report and plots without
 * training and to resume the sweep on another machine. Left out, on purpose: the per-run JSON files
 * (their gradient histograms feed only TensorBoard) and each parameter's origin (only
 * {@code --dry-run} prints it). A sweep's folder is replaced whole, so a reader or a later
 * {@code git add} finds the previous complete set or the new one, never a mix.
 */
public final class EvidenceData {
    /** The tables of a sweep's data folder, in write order. */
    public static final List<String> TABLES = List.of(ParquetTables.RUNS, ParquetTables.CURVES,
            ParquetTables.CURVE_CLASSES, ParquetTables.CURVE_LAYERS);
    /** zstd: about a third smaller than snappy on these tables, and every Parquet reader (DuckDB, pandas, Spark) reads it. */
    private static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;
    private static final boolean BSS = true;

    private EvidenceData() {}

    /** The folder of sweep {@code sweep} under data directory {@code data}. */
    public static Path folder(Path data, String sweep) {
        return data.resolve(sweep);
    }

    /**
     * Replaces {@code <data>/<sweep>/} with tables of {@code runs} (failed runs included: they are
     * rows of the report too; {@link #done} leaves them out) and a copy of {@code sweepMarker}.
     */
    public static void write(Path data, String sweep, Collection<RunResult> runs, Path sweepMarker) {
        List<RunResult> ordered = ParquetTables.ordered(runs);
        Path target = folder(data, sweep);
        try {
            Files.createDirectories(data);
            AtomicFiles.replaceDirectory(target, tmp -> {
                ParquetTables.writeFile(tmp.resolve(file(ParquetTables.RUNS)), ParquetTables.runsSchema(), CODEC, BSS,
                        w -> ParquetTables.writeRuns(w, ordered));
                ParquetTables.writeFile(tmp.resolve(file(ParquetTables.CURVES)), ParquetTables.curvesSchema(), CODEC, BSS,
                        w -> ParquetTables.writeCurves(w, ordered));
                ParquetTables.writeFile(tmp.resolve(file(ParquetTables.CURVE_CLASSES)), ParquetTables.curveClassesSchema(),
                        CODEC, BSS, w -> ParquetTables.writeCurveClasses(w, ordered));
                ParquetTables.writeFile(tmp.resolve(file(ParquetTables.CURVE_LAYERS)), ParquetTables.curveLayersSchema(),
                        CODEC, BSS, w -> ParquetTables.writeCurveLayers(w, ordered));
                if (sweepMarker != null && Files.isRegularFile(sweepMarker)) {
                    Files.copy(sweepMarker, tmp.resolve(ResultStore.SWEEP_FILE));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence data " + target + ": " + e.getMessage()
                    + "; the previous tables there are unchanged", e);
        }
    }

    /**
     * Copies the done runs of {@code <data>/<sweep>/} into {@code store} (opened) so the sweep skips
     * them: a run already stored there wins unless it failed. Returns how many were copied.
     */
    public static int resume(ResultStore store, Path data, String sweep) {
        Map<String, RunResult> stored = store.load();
        int n = 0;
        for (RunResult r : done(folder(data, sweep)).values()) {
            RunResult prev = stored.get(r.runId());
            if (prev == null || prev.status() == RunStatus.FAILED) {
                store.commit(r);
                n++;
            }
        }
        return n;
    }

    /**
     * Writes {@code <data>/<sweep>/} anew from {@code store}'s runs merged with those already in the
     * data folder (committed runs are never lost; a stored failure does not replace a committed success).
     * Returns the number of runs written.
     */
    public static int save(ResultStore store, Path data, String sweep) {
        Map<String, RunResult> merged = new LinkedHashMap<>(read(folder(data, sweep)));
        store.load().forEach((id, r) -> {
            RunResult prev = merged.get(id);
            if (prev == null || r.status() != RunStatus.FAILED || prev.status() == RunStatus.FAILED) merged.put(id, r);
        });
        write(data, sweep, merged.values(), store.dir().resolve(ResultStore.SWEEP_FILE));
        return merged.size();
    }

    /** Bytes of the Parquet files of {@code <data>/<sweep>/}, table name -> size, for the size report. */
    public static Map<String, Long> sizes(Path data, String sweep) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : TABLES) {
            try {
                out.put(t, Files.size(folder(data, sweep).resolve(file(t))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read size of " + folder(data, sweep).resolve(file(t)), e);
            }
        }
        return out;
    }

    static String file(String table) {
        return table + ".parquet";
    }

    /** Whether {@code folder} holds a sweep's evidence data (its runs table). */
    public static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(file(ParquetTables.RUNS)));
    }

    /** The runs that count as done when resuming: everything but failed runs (a crash or a time limit is retried). */
    public static Map<String, RunResult> done(Path folder) {
        Map<String, RunResult> out = new LinkedHashMap<>();
        read(folder).forEach((id, r) -> {
            if (r.status() != RunStatus.FAILED) out.put(id, r);
        });
        return out;
    }

    /** Every run of {@code folder} by id, in table order, with its curve (no gradient histograms); empty when absent. */
    public static Map<String, RunResult> read(Path folder) {
        Map<String, RunResult> out = new LinkedHashMap<>();
        if (!exists(folder)) return out;
        Map<String, TreeMap<Long, List<Double>>> classes = new HashMap<>();
        rows(folder, ParquetTables.CURVE_CLASSES, g -> classes.computeIfAbsent(g.getString("run_id", 0), k -> new TreeMap<>())
                .computeIfAbsent(g.getLong("step", 0), k -> new ArrayList<>()).add(g.getDouble("val_acc", 0)));
        Map<String, TreeMap<Long, List<CurvePoint.LayerGradient>>> layers = new HashMap<>();
        rows(folder, ParquetTables.CURVE_LAYERS, g -> layers.computeIfAbsent(g.getString("run_id", 0), k -> new TreeMap<>())
                .computeIfAbsent(g.getLong("step", 0), k -> new ArrayList<>())
                .add(new CurvePoint.LayerGradient(g.getInteger("layer", 0), g.getString("layer_type", 0),
                        g.getDouble("grad_norm", 0))));
        Map<String, List<CurvePoint>> curves = new HashMap<>();
        rows(folder, ParquetTables.CURVES, g -> {
            String id = g.getString("run_id", 0);
            long step = g.getLong("step", 0);
            curves.computeIfAbsent(id, k -> new ArrayList<>()).add(new CurvePoint(step, g.getDouble("epoch", 0),
                    g.getDouble("train_loss", 0), g.getDouble("val_loss", 0), g.getDouble("val_acc", 0), g.getDouble("lr", 0),
                    g.getLong("elapsed_ms", 0), classes.getOrDefault(id, new TreeMap<>()).get(step),
                    layers.getOrDefault(id, new TreeMap<>()).get(step), optionalDouble(g, "train_acc")));
        });
        Path runs = folder.resolve(file(ParquetTables.RUNS));
        rows(folder, ParquetTables.RUNS, g -> {
            RunResult r = run(runs, g, curves.getOrDefault(g.getString(RunColumns.RUN_ID, 0), List.of()));
            out.put(r.runId(), r);
        });
        return out;
    }

    private static RunResult run(Path file, Group g, List<CurvePoint> curve) {
        GroupType t = g.getType();
        TreeMap<String, Object> params = new TreeMap<>();
        for (ParamDef d : ParamSchema.all()) {
            // a parameter added after the data was written took its default then (defaults keep ids)
            if (!t.containsField(d.name())) params.put(d.name(), d.defaultValue());
            else if (d.type() == Long.class) params.put(d.name(), g.getLong(d.name(), 0));
            else if (d.type() == Double.class) params.put(d.name(), g.getDouble(d.name(), 0));
            else if (d.type() == Boolean.class) params.put(d.name(), g.getBoolean(d.name(), 0));
            else params.put(d.name(), d.canonical(g.getString(d.name(), 0)));
        }
        String id = g.getString(RunColumns.RUN_ID, 0);
        String expected = RunIds.of(params);
        if (!expected.equals(id)) {
            throw new IllegalStateException(file + ": run_id " + id + " does not match its parameters (expected " + expected
                    + "); the file was edited or written by an incompatible version; restore it from git");
        }
        RunSpec spec = new RunSpec(id, g.getString(RunColumns.TAG, 0), g.getString(RunColumns.SWEEP, 0),
                g.getInteger(RunColumns.RUN_INDEX, 0), params, Map.of());
        Object[] m = new Object[RunColumns.METRICS.size()];
        for (int i = 0; i < m.length; i++) {
            RunColumns.Column c = RunColumns.METRICS.get(i);
            if (!g.getType().containsField(c.name()) || g.getFieldRepetitionCount(c.name()) == 0) m[i] = null;
            else if (c.type() == Long.class) m[i] = g.getLong(c.name(), 0);
            else m[i] = g.getDouble(c.name(), 0);
        }
        Provenance p = new Provenance(g.getString(RunColumns.SWEEP_HASH, 0), g.getString(RunColumns.GIT_COMMIT, 0),
                g.getString("java_version", 0), g.getString("os_arch", 0), g.getString("nd4j_backend", 0),
                g.getInteger("threads", 0), g.getString("host", 0), g.getLong(RunColumns.START_TIME, 0),
                g.getString("device", 0));
        return new RunResult(spec, RunStatus.fromLabel(g.getString(RunColumns.STATUS, 0)), g.getString(RunColumns.REASON, 0),
                (Double) m[0], (Double) m[1], (Double) m[2], (Long) m[3], (Double) m[4], (Double) m[5],
                g.getLong(RunColumns.STEPS_DONE, 0), g.getLong(RunColumns.WALL_MS, 0), p, curve, (Double) m[6]);
    }

    /** A nullable column's value, null where the row has none or the table predates the column. */
    private static Double optionalDouble(Group g, String column) {
        return g.getType().containsField(column) && g.getFieldRepetitionCount(column) > 0 ? g.getDouble(column, 0) : null;
    }

    private static void rows(Path folder, String table, Consumer<Group> each) {
        Path f = folder.resolve(file(table));
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(f.toUri())).withConf(ParquetTables.hadoopConf()).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) each.accept(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence table " + f + " (expected a Parquet file written by "
                    + "scripts/evidence): " + e.getMessage(), e);
        } catch (RuntimeException e) { // Parquet reports a torn or foreign file as a RuntimeException
            throw new IllegalStateException("cannot read evidence table " + f + " (expected a complete Parquet file "
                    + "written by scripts/evidence; restore it with git checkout): " + e.getMessage(), e);
        }
    }
}
