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
                Set<String> design = designIds(spec);
                List<RunResult> current = runs.values().stream().filter(r -> design.contains(r.runId())).toList();
                log.printf("evidence data: %s, %d runs, claims from %s%s%n", folder.getFileName(), current.size(), source,
                        current.size() == runs.size() ? ""
                                : " (" + (runs.size() - current.size()) + " more runs in the data are not in its current design: left out)");
                out.add(new Reports.Sweep(folder.getFileName().toString(), source, new ArrayList<>(current), null, spec));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + data + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new InputError(data + " holds no sweep's evidence data (no <sweep>/runs.parquet); run scripts/evidence "
                    + "--data " + data + " first");
        }
        return out;
    }

    /** The ids of every run the sweep (parsed with the profile and overrides its data was run with) defines, adaptive seeds up to their cap included. */
    static Set<String> designIds(SweepSpec spec) {
        SweepSpec full = spec.seeds().map(q -> spec.withSeedAxis(q.allSeeds())).orElse(spec);
        Set<String> ids = new HashSet<>();
        for (RunSpec r : Expander.expand(full)) ids.add(r.runId());
        return ids;
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
