package claimsweep.store;

import claimsweep.io.AtomicFiles;

import claimsweep.result.ResultCodec;
import claimsweep.result.RunResult;
import claimsweep.spec.SweepSpec;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The durable record of finished runs: one JSON file per run under {@code <out>/_runs/}, written
 * to a temporary name and renamed, so a crash loses at most the runs in flight and never leaves a
 * half-written result. The Parquet tables are rebuilt from here; rerunning a sweep reads here to
 * skip what is done. Keyed by run id, so a run delivered twice is stored once.
 */
public final class ResultStore {
    public static final String RUNS_DIR = "_runs";
    public static final String SWEEP_FILE = "sweep.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final Path out;
    private final Path runs;

    public ResultStore(Path out) {
        this.out = out;
        this.runs = out.resolve(RUNS_DIR);
    }

    public Path dir() {
        return out;
    }

    /**
     * Creates the output folder for {@code spec}, or checks that an existing one holds the same
     * sweep (by name). Throws {@link IllegalStateException} with the fix when it holds another.
     */
    public void open(SweepSpec spec, boolean force) {
        Path marker = out.resolve(SWEEP_FILE);
        try {
            if (Files.isRegularFile(marker)) {
                JsonObject o = JsonParser.parseString(Files.readString(marker)).getAsJsonObject();
                String other = o.get("name").getAsString();
                if (!other.equals(spec.name()) && !force) {
                    throw new claimsweep.spec.InputError(out + " holds results of sweep '" + other + "', not '" + spec.name()
                            + "'; choose another --out, or pass --force to add this sweep's runs to it");
                }
            } else if (Files.exists(out) && !isEmptyDir(out) && !force) {
                throw new claimsweep.spec.InputError(out + " exists and is not a claimsweep output folder (no " + SWEEP_FILE
                        + "); choose another --out, or pass --force to use it anyway");
            }
            Files.createDirectories(runs);
            JsonObject o = new JsonObject();
            o.addProperty("name", spec.name());
            o.addProperty("source", spec.source());
            o.addProperty("source_sha256", spec.sourceHash());
            o.addProperty("profile", spec.profile());
            o.add("overrides", GSON.toJsonTree(spec.overrides()));
            AtomicFiles.writeString(marker, GSON.toJson(o));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to output folder " + out + " (" + e.getMessage()
                    + "); choose a writable --out", e);
        }
    }

    /** Commits one finished run; a second delivery of the same run id replaces the first. */
    public void commit(RunResult r) {
        Path target = runs.resolve(r.runId() + ".json");
        try {
            AtomicFiles.writeString(target, ResultCodec.toJson(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit run " + r.runId() + " to " + target, e);
        }
    }

    /** Every stored run by id. Unreadable files (should never exist, given atomic writes) are reported and skipped. */
    public Map<String, RunResult> load() {
        Map<String, RunResult> out = new LinkedHashMap<>();
        if (!Files.isDirectory(runs)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, "*.json")) {
            for (Path p : ds) {
                try {
                    RunResult r = ResultCodec.fromJson(Files.readString(p, StandardCharsets.UTF_8));
                    out.put(r.runId(), r);
                } catch (RuntimeException e) {
                    System.err.println("warning: skipping unreadable result " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
        return out;
    }


    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            return !ds.iterator().hasNext();
        }
    }
}
