package claimsweep.spark;

import claimsweep.claims.ClaimEvaluator;
import claimsweep.claims.ClaimParser;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;
import claimsweep.result.RunResult;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Evaluates the claims declared in a sweep file against an output folder's committed runs. */
final class Reports {
    private Reports() {}

    /** The sweep file recorded in {@code out/sweep.json}. */
    static Path sourceOf(Path out) {
        Path marker = out.resolve(ResultStore.SWEEP_FILE);
        if (!Files.isRegularFile(marker)) {
            throw new IllegalStateException(out + " is not a claimsweep output folder (no " + ResultStore.SWEEP_FILE
                    + "); give the folder a sweep wrote, e.g. results/quickstart");
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(marker)).getAsJsonObject();
            return Path.of(o.get("source").getAsString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
        }
    }

    /** Builds claims/ and report/REPORT.md; returns the results (empty when the file declares no claims). */
    static List<ClaimResult> build(Path out, Path source, String gitCommit, PrintStream log) {
        List<ClaimSpec> claims = ClaimParser.parse(source);
        if (claims.isEmpty()) {
            log.println("no claims declared in " + source + "; nothing to report");
            return List.of();
        }
        List<RunResult> runs = new ArrayList<>(new ResultStore(out).load().values());
        List<ClaimResult> results = ClaimEvaluator.evaluateAll(claims, runs);
        String hash = runs.isEmpty() ? "" : runs.get(0).provenance().sweepHash();
        ParquetTables.writeClaims(out, results, hash, gitCommit);
        String name = out.getFileName().toString();
        ClaimsReport.write(out, name, source.toString(), gitCommit, claims, results, runs.size());
        for (ClaimResult r : results) {
            log.printf(Locale.ROOT, "%-6s %-13s %s%n", r.claimId(), r.verdict().kind().label(), r.verdict().reason());
        }
        log.printf("claims: %s/%s, report: %s/report/REPORT.md%n", out, ParquetTables.CLAIMS, out);
        return results;
    }
}
