package claimsweep.report;

import claimsweep.store.ParquetTables;
import claimsweep.store.ResultStore;

import claimsweep.claims.Calibration;
import claimsweep.claims.ClaimEvaluator;
import claimsweep.claims.ClaimParser;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.adaptive.SequentialRows;
import claimsweep.spec.SweepSpec;
import claimsweep.result.RunResult;
import claimsweep.spec.RunSpec;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Evaluates the claims declared in sweep files against output folders' committed runs and writes the reports. */
public final class Reports {
    private Reports() {}

    /** The sweep file recorded in {@code out/sweep.json}. */
    static Path sourceOf(Path out) {
        Path marker = out.resolve(ResultStore.SWEEP_FILE);
        if (!Files.isRegularFile(marker)) {
            throw new claimsweep.spec.InputError(out + " is not a claimsweep output folder (no " + ResultStore.SWEEP_FILE
                    + "); give the folder a sweep wrote, e.g. results/quickstart");
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(marker)).getAsJsonObject();
            return Path.of(o.get("source").getAsString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
        }
    }

    /** The sweep file of {@code out}: the one it recorded, or the file of that name in {@code confDir} when given. */
    public static Path sourceOf(Path out, Path confDir) {
        return confDir != null ? confDir.resolve(sourceOf(out).getFileName()) : sourceOf(out);
    }

    /**
     * One output folder's claims evaluated with the given A/A noise floors (model family -> sigma;
     * the folder's own calibration, if its file declares one, is added): its claims table written,
     * its section returned (null when it declares no claims).
     */
    static ClaimsReport.Section evaluate(Sweep sweep, Map<String, Calibration.Noise> sigmas, String gitCommit,
                                         PrintStream log) {
        return evaluate(sweep, ClaimParser.parse(sweep.source()), ClaimParser.settings(sweep.source()),
                ClaimParser.calibration(sweep.source()), sigmas, gitCommit, log);
    }

    /**
     * One sweep's runs and the file declaring its claims, from an output folder or an evidence data folder.
     *
     * @param name      the sweep's section name (its folder's name)
     * @param source    the experiment file with the claims
     * @param runs      its runs, sorted by id
     * @param claimsOut folder that gets the sweep's claims table; null writes none (a report built from committed data)
     * @param sweep     the sweep as it ran (its file with the profile and overrides it recorded, {@link #recordedArgs}):
     *                  with {@code seeds { }} its paired claims are read sequentially ({@link SequentialRows})
     * @param design    every run the experiment file defines today, or null when unknown: known, a claim part
     *                  (or setting) the design plans but the runs lack reads "not run yet", never a verdict
     */
    public record Sweep(String name, Path source, List<RunResult> runs, Path claimsOut, SweepSpec sweep, List<RunSpec> design) {
        public Sweep {
            runs = runs.stream().sorted(Comparator.comparing(RunResult::runId)).toList();
            java.util.Objects.requireNonNull(sweep, "sweep: the parsed sweep is needed to tell an adaptive sweep from a fixed one");
            design = design == null ? null : List.copyOf(design);
        }

        /** A sweep whose design is not known (an output folder: its runs are all it has). */
        public Sweep(String name, Path source, List<RunResult> runs, Path claimsOut, SweepSpec sweep) {
            this(name, source, runs, claimsOut, sweep, null);
        }

        /** An output folder's committed runs; its claims table goes into the folder. */
        static Sweep ofFolder(Path out, Path source) {
            return new Sweep(out.getFileName().toString(), source, new ArrayList<>(new ResultStore(out).load().values()), out,
                    claimsweep.claims.Experiment.parse(source, recordedArgs(out)).sweep());
        }
    }

    /** The profile and overrides a sweep ran with, as {@code folder/sweep.json} recorded them ("profile=quick", "key=value"...). */
    public static List<String> recordedArgs(Path folder) {
        Path marker = folder.resolve(ResultStore.SWEEP_FILE);
        List<String> args = new ArrayList<>();
        try {
            JsonObject o = JsonParser.parseString(Files.readString(marker)).getAsJsonObject();
            if (o.has("profile") && !o.get("profile").getAsString().isEmpty()) args.add("profile=" + o.get("profile").getAsString());
            if (o.has("overrides")) o.getAsJsonArray("overrides").forEach(v -> args.add(v.getAsString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + " (the profile and overrides the sweep ran with): "
                    + e.getMessage(), e);
        }
        return args;
    }

    private static ClaimsReport.Section evaluate(Sweep sweep, List<ClaimSpec> claims, List<String> settings,
                                                 java.util.Optional<Calibration> calibration,
                                                 Map<String, Calibration.Noise> sigmas, String gitCommit, PrintStream log) {
        Path source = sweep.source();
        if (claims.isEmpty()) {
            log.println("no claims declared in " + source + "; nothing to report");
            return null;
        }
        List<RunResult> runs = sweep.runs();
        Map<String, Calibration.Noise> all = new LinkedHashMap<>(sigmas);
        calibration.ifPresent(c -> c.measure(runs).forEach(all::putIfAbsent));
        List<ClaimResult> results = SequentialRows.evaluateAll(claims, settings, java.util.Optional.of(sweep.sweep()), runs, all,
                sweep.design());
        String hash = runs.isEmpty() ? "" : runs.get(0).provenance().sweepHash();
        if (sweep.claimsOut() != null) ParquetTables.writeClaims(sweep.claimsOut(), results, hash, gitCommit);
        return new ClaimsReport.Section(sweep.name(), source.toString(), claims, results, runs);
    }

    /** Builds claims/ and report/ (REPORT.md, index.html, plots) for one folder; returns the results. */
    public static List<ClaimResult> build(Path out, Path source, String gitCommit, PrintStream log) {
        return build(out, source, ClaimParser.parse(source), ClaimParser.settings(source), ClaimParser.calibration(source), gitCommit,
                log, "");
    }

    /** As {@link #build(Path, Path, String, PrintStream)} with the claims the sweep parsed before it ran (no second parse). */
    public static List<ClaimResult> build(Path out, claimsweep.claims.Experiment e, Path source, String gitCommit,
                                          PrintStream log) {
        return build(out, source, e.claims(), e.settings(), e.calibration(), gitCommit, log, "");
    }

    /** As above, with a Markdown block after the preamble (an adaptive sweep's summary, {@link AdaptiveReport}). */
    public static List<ClaimResult> build(Path out, claimsweep.claims.Experiment e, Path source, String gitCommit,
                                          PrintStream log, String extra) {
        return build(out, source, e.claims(), e.settings(), e.calibration(), gitCommit, log, extra);
    }

    private static List<ClaimResult> build(Path out, Path source, List<ClaimSpec> claims, List<String> settings,
                                           java.util.Optional<Calibration> cal, String gitCommit, PrintStream log, String extra) {
        ClaimsReport.Section s = evaluate(Sweep.ofFolder(out, source), claims, settings, cal, Map.of(), gitCommit, log);
        if (s == null) return List.of();
        ClaimsReport.write(out.resolve("report"), "Claims report: " + s.sweep(), "Git commit `" + gitCommit + "`."
                + (extra.isEmpty() ? "" : "\n\n" + extra), List.of(s));
        log.printf("claims: %s/%s, report: %s/report/REPORT.md%n", out, ParquetTables.CLAIMS, out);
        VerdictTable.print(s.results(), s.specs(), out.resolve("report").resolve("index.html"), log);
        return s.results();
    }

    /** "A10-x" -> "A010-x": letters, then the number zero-padded, so names sort in claim order. */
    static String claimKey(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z]+)(\\d+)(.*)$").matcher(name);
        return m.matches() ? m.group(1) + String.format("%03d", Integer.parseInt(m.group(2))) + m.group(3) : name;
    }

    /**
     * The sections of a combined report over several sweeps' folders: Holm's correction runs across
     * every claim of the report (each folder's own claims table keeps its per-sweep Holm).
     */
    public static List<ClaimsReport.Section> combine(List<Path> folders, Path confDir, String gitCommit, PrintStream log) {
        // sections in claim order (A1, A2, ..., A10, B1, ...), whatever order the folders came in
        List<Sweep> sweeps = new ArrayList<>();
        for (Path out : folders) sweeps.add(Sweep.ofFolder(out, sourceOf(out, confDir)));
        return combineSweeps(sweeps, gitCommit, log);
    }

    /** As {@link #combine}, over sweeps' runs however they were loaded (e.g. from committed evidence data). */
    public static List<ClaimsReport.Section> combineSweeps(List<Sweep> given, String gitCommit, PrintStream log) {
        List<Sweep> sweeps = new ArrayList<>(given);
        sweeps.sort(Comparator.comparing((Sweep s) -> claimKey(s.name())));
        // first pass: the noise floors of every calibration any of the sweeps declares
        Map<String, Calibration.Noise> sigmas = new LinkedHashMap<>();
        for (Sweep sw : sweeps) {
            var cal = ClaimParser.calibration(sw.source());
            if (cal.isEmpty()) continue;
            cal.get().measure(sw.runs()).forEach(sigmas::putIfAbsent);
        }
        sigmas.values().forEach(s -> log.println("A/A calibration: " + s.describe()));
        List<ClaimsReport.Section> sections = new ArrayList<>();
        for (Sweep sw : sweeps) {
            ClaimsReport.Section s = evaluate(sw, sigmas, gitCommit, log);
            if (s != null) sections.add(s);
        }
        List<ClaimResult> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.results()));
        List<ClaimResult> adj = ClaimEvaluator.withHolm(all);
        List<ClaimsReport.Section> adjusted = new ArrayList<>();
        int i = 0;
        for (ClaimsReport.Section s : sections) {
            List<ClaimResult> rs = new ArrayList<>();
            for (ClaimResult r : s.results()) {
                rs.add(adj.get(i));
                i++;
            }
            adjusted.add(new ClaimsReport.Section(s.sweep(), s.source(), s.specs(), rs, s.runs()));
        }
        for (ClaimsReport.Section s : adjusted) {
            for (ClaimResult r : s.results()) {
                log.printf(Locale.ROOT, "%-7s %-13s %s%n", r.claimId() + (r.setting().isEmpty() ? "" : " @ " + r.setting()),
                        r.verdict().kind().label(), r.verdict().reason());
            }
        }
        return adjusted;
    }
}
