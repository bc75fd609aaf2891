package claimsweep.cli;

import claimsweep.report.Reports;
import claimsweep.spec.InputError;
import claimsweep.store.EvidenceData;
import claimsweep.store.ResultStore;
import claimsweep.claims.Experiment;
import claimsweep.expand.Expander;
import claimsweep.result.RunResult;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepSpec;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The sweeps of a committed evidence data directory, each with the experiment file that declares its claims. */
final class DataSweeps {
    private DataSweeps() {}

    /**
     * Every {@code <data>/<sweep>/} holding a runs table; its experiment file is the one its
     * {@code sweep.json} recorded, looked up by file name in {@code confDir} when given.
     */
    static List<Reports.Sweep> load(Path data, Path confDir, PrintStream log) {
        return load(data, confDir, null, log);
    }

    /**
     * As {@link #load(Path, Path, PrintStream)}, plus every file of {@code confDir} matching {@code expected}
     * (a glob, e.g. "[AB]*.conf"; null for none) that declares claims but has no folder in the data yet: a
     * sweep without runs, whose parts the report shows as "not run yet" (the evidence is built up over
     * several sessions, and a missing run must never read as a verdict). Its design is the one the
     * evidence runs, the profile {@value #EVIDENCE_PROFILE} (scripts/evidence's default).
     */
    static List<Reports.Sweep> load(Path data, Path confDir, String expected, PrintStream log) {
        if (!Files.isDirectory(data)) {
            throw new InputError(data + " is not a folder; --data expects the evidence data directory scripts/evidence "
                    + "writes, e.g. reports/evidence-v2/data");
        }
        List<Reports.Sweep> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(data)) {
            for (Path folder : s.sorted().toList()) {
                if (!EvidenceData.exists(folder)) continue;
                Path source = source(folder, confDir);
                var runs = EvidenceData.read(folder);
                // The data keeps every run ever committed (no computed result is lost), but a report reads
                // only the runs the experiment file defines today: after a design change (a grid point
                // dropped, a budget changed), the old runs have other ids and must not enter a claim.
                SweepSpec spec = Experiment.parse(source, Reports.recordedArgs(folder)).sweep();
                List<RunSpec> design = design(spec);
                Set<String> ids = new HashSet<>();
                design.forEach(r -> ids.add(r.runId()));
                List<RunResult> current = runs.values().stream().filter(r -> ids.contains(r.runId())).toList();
                log.printf("evidence data: %s, %d runs, claims from %s%s%n", folder.getFileName(), current.size(), source,
                        current.size() == runs.size() ? ""
                                : " (" + (runs.size() - current.size()) + " more runs in the data are not in its current design: left out)");
                out.add(new Reports.Sweep(folder.getFileName().toString(), source, new ArrayList<>(current), null, spec, design));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + data + ": " + e.getMessage(), e);
        }
        if (confDir != null && expected != null && !out.isEmpty()) out.addAll(notRun(confDir, expected, out, log));
        if (out.isEmpty()) {
            throw new InputError(data + " holds no sweep's evidence data (no <sweep>/runs.parquet); run scripts/evidence "
                    + "--data " + data + " first");
        }
        return out;
    }

    /** The profile of a file the data has no folder for: the one scripts/evidence runs by default. */
    static final String EVIDENCE_PROFILE = "standard";

    /** The files of {@code confDir} matching {@code glob} that declare claims and are none of {@code have}'s sources. */
    private static List<Reports.Sweep> notRun(Path confDir, String glob, List<Reports.Sweep> have, PrintStream log) {
        Set<Path> present = new HashSet<>();
        have.forEach(sw -> present.add(sw.source().getFileName()));
        List<Reports.Sweep> out = new ArrayList<>();
        try (var files = Files.newDirectoryStream(confDir, glob)) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path f : sorted) {
                if (present.contains(f.getFileName()) || !Files.isRegularFile(f)) continue;
                Experiment e = Experiment.parse(f, List.of("profile=" + EVIDENCE_PROFILE));
                if (e.claims().isEmpty()) continue;
                log.printf("evidence data: %s not run yet (no folder in the data); its claims are listed as not run yet%n",
                        e.sweep().name());
                out.add(new Reports.Sweep(e.sweep().name(), f, List.of(), null, e.sweep(), design(e.sweep())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + confDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Every run the sweep defines, adaptive seeds up to their cap included. */
    static List<RunSpec> design(SweepSpec spec) {
        return Expander.expand(spec.atSeedCap());
    }

    private static Path source(Path folder, Path confDir) {
        Path marker = folder.resolve(ResultStore.SWEEP_FILE);
        if (!Files.isRegularFile(marker)) {
            throw new InputError(folder + " has no " + ResultStore.SWEEP_FILE + " naming its experiment file; "
                    + "rewrite it with scripts/evidence --data " + folder.getParent());
        }
        try {
            Path recorded = Path.of(JsonParser.parseString(Files.readString(marker)).getAsJsonObject().get("source").getAsString());
            Path source = confDir != null ? confDir.resolve(recorded.getFileName()) : recorded;
            if (!Files.isRegularFile(source)) {
                throw new InputError(marker + ": experiment file " + source + " not found; pass --conf-dir experiments "
                        + "(the folder holding " + recorded.getFileName() + ")");
            }
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
        }
    }
}
