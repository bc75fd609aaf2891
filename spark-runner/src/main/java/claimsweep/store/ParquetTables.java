package claimsweep.store;

import claimsweep.result.RunColumns;

import claimsweep.io.AtomicFiles;

import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.spec.ParamDef;
import claimsweep.spec.ParamSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the {@code runs/} and {@code curves/} Parquet tables on the driver with Parquet's own
 * writer. The tables are small (a row per run, a row per evaluation point), so writing them from
 * the driver needs no shared file system between executors, and each table is replaced whole:
 * written into a temporary folder, then renamed over the old one.
 */
public final class ParquetTables {
    public static final String RUNS = "runs";
    public static final String CURVES = "curves";
    /** Per-class validation accuracy at each evaluation point (long format: one row per class). */
    public static final String CURVE_CLASSES = "curve_classes";
    /** Per-layer gradient norm at each evaluation point (long format: one row per layer with parameters). */
    public static final String CURVE_LAYERS = "curve_layers";
    static final String FILE = "part-00000.parquet";

    private ParquetTables() {}

    /** Schema of {@code runs/}: ids, one typed column per parameter, outcome, metrics, provenance. */
    public static MessageType runsSchema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunColumns.RUN_ID);
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunColumns.TAG);
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunColumns.SWEEP);
        b.required(PrimitiveTypeName.INT32).named(RunColumns.RUN_INDEX);
        for (ParamDef d : ParamSchema.all()) {
            if (d.type() == Long.class) b.required(PrimitiveTypeName.INT64).named(d.name());
            else if (d.type() == Double.class) b.required(PrimitiveTypeName.DOUBLE).named(d.name());
            else if (d.type() == Boolean.class) b.required(PrimitiveTypeName.BOOLEAN).named(d.name());
            else b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(d.name());
        }
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunColumns.STATUS);
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunColumns.REASON);
        for (RunColumns.Column c : RunColumns.METRICS) {
            b.optional(c.type() == Long.class ? PrimitiveTypeName.INT64 : PrimitiveTypeName.DOUBLE).named(c.name());
        }
        b.required(PrimitiveTypeName.INT64).named(RunColumns.STEPS_DONE);
        b.required(PrimitiveTypeName.INT64).named(RunColumns.WALL_MS);
        for (RunColumns.Column c : RunColumns.PROVENANCE) {
            if (c.name().equals(RunColumns.START_TIME)) {
                b.required(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(c.name());
            } else if (c.type() == Integer.class) {
                b.required(PrimitiveTypeName.INT32).named(c.name());
            } else {
                b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return b.named("runs");
    }

    public static MessageType curvesSchema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
                .required(PrimitiveTypeName.INT64).named("step")
                .required(PrimitiveTypeName.DOUBLE).named("epoch")
                .required(PrimitiveTypeName.DOUBLE).named("train_loss")
                .required(PrimitiveTypeName.DOUBLE).named("val_loss")
                .required(PrimitiveTypeName.DOUBLE).named("val_acc")
                .required(PrimitiveTypeName.DOUBLE).named("lr")
                .required(PrimitiveTypeName.INT64).named("elapsed_ms")
                // optional, and last: results from before training accuracy was recorded have none, and
                // readers that merge schemas by name (Spark mergeSchema, DuckDB union_by_name) read
                // tables written without the column as null
                .optional(PrimitiveTypeName.DOUBLE).named("train_acc")
                .named("curves");
    }

    /** The claims table's folder under an output folder. */
    public static final String CLAIMS = "claims";

    public static MessageType claimsSchema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("claim_id")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("text")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("verdict")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("metric")
                .optional(PrimitiveTypeName.DOUBLE).named("effect")
                .optional(PrimitiveTypeName.DOUBLE).named("ci_low")
                .optional(PrimitiveTypeName.DOUBLE).named("ci_high")
                .optional(PrimitiveTypeName.DOUBLE).named("p")
                .optional(PrimitiveTypeName.DOUBLE).named("p_holm")
                .required(PrimitiveTypeName.INT32).named("n_seeds")
                .required(PrimitiveTypeName.INT32).named("k_agree")
                .required(PrimitiveTypeName.DOUBLE).named("margin")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("claim")
                .required(PrimitiveTypeName.BOOLEAN).named("primary")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("aa_noise")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("reason")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("chosen")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_ids")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sweep_hash")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("git_commit")
                // last and optional: tables written before settings existed lack it and read as "" (ClaimsTable)
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("setting")
                .named("claims");
    }

    /** The claims table: one row per declared claim and setting ({@code setting} "" when the file declares none). */
    public static void writeClaims(Path out, List<claimsweep.claims.ClaimResult> results, String sweepHash, String gitCommit) {
        MessageType schema = claimsSchema();
        replace(out.resolve(CLAIMS), schema, w -> {
            SimpleGroupFactory f = new SimpleGroupFactory(schema);
            for (claimsweep.claims.ClaimResult r : results) {
                Group g = f.newGroup().append("claim_id", r.claimId()).append("text", r.text())
                        .append("verdict", r.verdict().kind().label()).append("metric", r.metric());
                for (String[] kv : new String[][] {{"effect"}, {"ci_low"}, {"ci_high"}, {"p"}, {"p_holm"}}) {
                    double v = switch (kv[0]) {
                        case "effect" -> r.effect();
                        case "ci_low" -> r.ciLow();
                        case "ci_high" -> r.ciHigh();
                        case "p" -> r.p();
                        default -> r.pHolm();
                    };
                    if (!Double.isNaN(v)) g.append(kv[0], v);
                }
                g.append("n_seeds", r.nSeeds()).append("k_agree", r.kAgree()).append("margin", r.margin()).append("claim", r.claim())
                        .append("primary", r.primary()).append("aa_noise", r.noise())
                        .append("reason", r.verdict().reason()).append("chosen", r.chosen())
                        .append("run_ids", String.join(",", r.runIds())).append("sweep_hash", sweepHash)
                        .append("git_commit", gitCommit).append("setting", r.setting());
                w.write(g);
            }
        });
    }

    public static MessageType curveClassesSchema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
                .required(PrimitiveTypeName.INT64).named("step")
                .required(PrimitiveTypeName.INT32).named("class")
                .required(PrimitiveTypeName.DOUBLE).named("val_acc")
                .named("curve_classes");
    }

    public static MessageType curveLayersSchema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
                .required(PrimitiveTypeName.INT64).named("step")
                .required(PrimitiveTypeName.INT32).named("layer")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("layer_type")
                .required(PrimitiveTypeName.DOUBLE).named("grad_norm")
                .named("curve_layers");
    }

    /** Replaces {@code <out>/runs}, {@code curves}, {@code curve_classes} and {@code curve_layers} with tables of {@code results} (in run order). */
    public static void write(Path out, Collection<RunResult> results) {
        List<RunResult> ordered = ordered(results);
        replace(out.resolve(RUNS), runsSchema(), w -> writeRuns(w, ordered));
        replace(out.resolve(CURVES), curvesSchema(), w -> writeCurves(w, ordered));
        replace(out.resolve(CURVE_CLASSES), curveClassesSchema(), w -> writeCurveClasses(w, ordered));
        replace(out.resolve(CURVE_LAYERS), curveLayersSchema(), w -> writeCurveLayers(w, ordered));
    }

    /** Results in run order (expansion index, then id), the row order of every table. */
    static List<RunResult> ordered(Collection<RunResult> results) {
        return results.stream()
                .sorted(Comparator.comparingInt((RunResult r) -> r.spec().index()).thenComparing(RunResult::runId))
                .toList();
    }

    static void writeRuns(ParquetWriter<Group> w, List<RunResult> ordered) throws IOException {
        SimpleGroupFactory f = new SimpleGroupFactory(runsSchema());
        for (RunResult r : ordered) w.write(runRow(f, r));
    }

    static void writeCurves(ParquetWriter<Group> w, List<RunResult> ordered) throws IOException {
        SimpleGroupFactory f = new SimpleGroupFactory(curvesSchema());
        for (RunResult r : ordered) {
            for (CurvePoint p : r.curve()) {
                Group g = f.newGroup().append("run_id", r.runId()).append("step", p.step()).append("epoch", p.epoch())
                        .append("train_loss", p.trainLoss()).append("val_loss", p.valLoss())
                        .append("val_acc", p.valAcc()).append("lr", p.lr()).append("elapsed_ms", p.elapsedMs());
                if (p.trainAcc() != null) g.append("train_acc", p.trainAcc());
                w.write(g);
            }
        }
    }

    static void writeCurveClasses(ParquetWriter<Group> w, List<RunResult> ordered) throws IOException {
        SimpleGroupFactory f = new SimpleGroupFactory(curveClassesSchema());
        for (RunResult r : ordered) {
            for (CurvePoint p : r.curve()) {
                for (int c = 0; c < p.classAcc().size(); c++) {
                    w.write(f.newGroup().append("run_id", r.runId()).append("step", p.step()).append("class", c)
                            .append("val_acc", p.classAcc().get(c)));
                }
            }
        }
    }

    static void writeCurveLayers(ParquetWriter<Group> w, List<RunResult> ordered) throws IOException {
        SimpleGroupFactory f = new SimpleGroupFactory(curveLayersSchema());
        for (RunResult r : ordered) {
            for (CurvePoint p : r.curve()) {
                for (CurvePoint.LayerGradient g : p.gradients()) {
                    w.write(f.newGroup().append("run_id", r.runId()).append("step", p.step()).append("layer", g.layer())
                            .append("layer_type", g.type()).append("grad_norm", g.norm()));
                }
            }
        }
    }

    private static Group runRow(SimpleGroupFactory f, RunResult r) {
        Group g = f.newGroup().append(RunColumns.RUN_ID, r.runId()).append(RunColumns.TAG, r.spec().tag())
                .append(RunColumns.SWEEP, r.spec().sweepName()).append(RunColumns.RUN_INDEX, r.spec().index());
        for (ParamDef d : ParamSchema.all()) {
            Object v = r.spec().params().get(d.name());
            if (v instanceof Long l) g.append(d.name(), l);
            else if (v instanceof Double x) g.append(d.name(), x);
            else if (v instanceof Boolean x) g.append(d.name(), x);
            else g.append(d.name(), (String) v);
        }
        g.append(RunColumns.STATUS, r.status().label()).append(RunColumns.REASON, r.reason());
        for (RunColumns.Column c : RunColumns.METRICS) append(g, c.name(), c.value().apply(r));
        g.append(RunColumns.STEPS_DONE, r.steps()).append(RunColumns.WALL_MS, r.wallMs());
        for (RunColumns.Column c : RunColumns.PROVENANCE) append(g, c.name(), c.value().apply(r));
        return g;
    }

    /** Appends a value of a runs-table column; a null (a metric the run did not reach) leaves the optional column empty. */
    private static void append(Group g, String field, Object v) {
        if (v == null) return;
        if (v instanceof Double d) g.append(field, d);
        else if (v instanceof Long l) g.append(field, l);
        else if (v instanceof Integer i) g.append(field, i);
        else g.append(field, (String) v);
    }

    interface Rows {
        void writeAll(ParquetWriter<Group> w) throws IOException;
    }

    private static void replace(Path table, MessageType schema, Rows rows) {
        try {
            AtomicFiles.replaceDirectory(table, tmp -> writeFile(tmp.resolve(FILE), schema, CompressionCodecName.SNAPPY, rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Writes one Parquet file (into a folder that only the caller sees until it is renamed). */
    static void writeFile(Path file, MessageType schema, CompressionCodecName codec, Rows rows) throws IOException {
        writeFile(file, schema, codec, false, rows);
    }

    /**
     * As above; {@code byteStreamSplit} stores floating-point columns byte plane by byte plane, which
     * the compressor then packs better (sign and exponent bytes repeat) at no loss.
     */
    static void writeFile(Path file, MessageType schema, CompressionCodecName codec, boolean byteStreamSplit, Rows rows)
            throws IOException {
        try (ParquetWriter<Group> w = ExampleParquetWriter
                .builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(hadoopConf()).withType(schema).withCompressionCodec(codec)
                .withByteStreamSplitEncoding(byteStreamSplit)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            rows.writeAll(w);
        }
        // Hadoop's local file system leaves .crc side files; other readers do not need them.
        try (Stream<Path> s = Files.list(file.getParent())) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".crc")).toList()) Files.delete(p);
        }
    }

    /** A Hadoop configuration for the local file system only (no cluster settings are read). */
    static Configuration hadoopConf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        return conf;
    }

    /** Type of a column, for tests and docs. */
    static Type column(MessageType schema, String name) {
        return schema.getType(name);
    }
}
