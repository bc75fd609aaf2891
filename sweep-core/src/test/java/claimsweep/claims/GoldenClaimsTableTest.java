package claimsweep.claims;

import claimsweep.Golden;
import claimsweep.TestData;
import claimsweep.expand.Expander;
import claimsweep.spec.RunSpec;
import claimsweep.result.RunResult;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import claimsweep.claims.adaptive.SequentialRows;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Golden claims table: every experiment file that declares claims is expanded (standard profile),
 * each run gets a deterministic synthetic result ({@link SyntheticRuns}), and the claims are
 * evaluated the way the reports do: "file" rows as one sweep's claims table (its own A/A calibration,
 * {@link SequentialRows#evaluateAll} over runs in run-id order, Holm over the file's primaries; an adaptive
 * file at its seed cap, its paired claims read sequentially), "combined"
 * rows as the combined report (files in claim order, every file's calibration, Holm across all primaries),
 * then "rollup" rows ({@link Rollup} of the combined rows). Every field of every row
 * is compared with {@code sweep-core/src/test/resources/golden/claims-table.tsv}; a refactor of the
 * claims engine must leave it unchanged.
 *
 * <p>To accept an intended change, rerun with {@code -Dgolden.update=true}, e.g.
 * {@code mvn -B -q -o -pl sweep-core test -Dtest=GoldenClaimsTableTest -Dgolden.update=true},
 * and commit the rewritten file with the reason.
 */
class GoldenClaimsTableTest {
    private static final String HEADER = String.join("\t", "table", "file", "part", "rule", "metric", "target", "direction",
            "margin", "claim", "role", "n", "agree", "effect", "ci_low", "ci_high", "ci_level", "p", "p_holm", "verdict", "chosen",
            "aa_noise", "runs", "reason");

    @Test
    void claimsTableMatchesTheGoldenFile() throws IOException {
        // Files in claim order (A1, A2, ..., A10, B1, ...), as the combined report sorts its sections.
        Map<Path, List<RunResult>> runsByFile = new TreeMap<>(Comparator.comparing(GoldenClaimsTableTest::claimKey));
        Map<Path, SweepSpec> specs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(TestData.repoRoot().resolve("experiments"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
                if (ClaimParser.parse(f).isEmpty()) continue;
                // the evidence files (those with a standard profile); the quickstart's claims are a demo
                if (!com.typesafe.config.ConfigFactory.parseFile(f.toFile()).hasPath("profiles.standard")) continue;
                List<RunResult> runs = new ArrayList<>();
                // an adaptive file (seeds { }) at its seed cap, every seed committed, as a finished adaptive sweep
                SweepSpec spec = SweepParser.parse(f, List.of("profile=standard"));
                specs.put(f, spec);
                for (RunSpec s : Expander.expand(spec.atSeedCap())) {
                    runs.add(SyntheticRuns.of(s));
                }
                runs.sort(Comparator.comparing(RunResult::runId)); // the order Reports loads a folder's results in
                runsByFile.put(f, runs);
            }
        }
        // The A/A noise floors of every calibration any file declares (the combined report's first pass).
        Map<String, Calibration.Noise> allSigmas = new LinkedHashMap<>();
        runsByFile.forEach((f, runs) -> ClaimParser.calibration(f).ifPresent(c -> c.measure(runs).forEach(allSigmas::putIfAbsent)));
        assertFalse(allSigmas.isEmpty(), "some file should declare an A/A calibration that the synthetic runs satisfy");

        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        List<ClaimResult> combined = new ArrayList<>();
        Set<String> rules = new java.util.TreeSet<>();
        Map<Path, Integer> rowsPerFile = new LinkedHashMap<>(); // end of each file's rows in combined (settings give several per claim)
        for (var e : runsByFile.entrySet()) {
            Path f = e.getKey();
            List<ClaimSpec> claims = ClaimParser.parse(f);
            List<String> settings = ClaimParser.settings(f);
            claims.forEach(c -> {
                rules.add(c.rule().name());
                c.requires().forEach(p -> rules.add(p.rule().name()));
            });
            // One sweep's own claims table: its own calibration only, Holm within the file.
            Map<String, Calibration.Noise> own = new LinkedHashMap<>();
            ClaimParser.calibration(f).ifPresent(c -> own.putAll(c.measure(e.getValue())));
            // (paired claims of an adaptive file carry their sequential reading, SequentialRows)
            Optional<SweepSpec> spec = Optional.of(specs.get(f));
            addRows(lines, "file", f, claims, SequentialRows.evaluateAll(claims, settings, spec, e.getValue(), own));
            // The same sweep in the combined report: every calibration, Holm across all files below.
            combined.addAll(SequentialRows.evaluateAll(claims, settings, spec, e.getValue(), allSigmas));
            rowsPerFile.put(f, combined.size());
        }
        combined = ClaimEvaluator.withHolm(combined);
        int i = 0;
        for (var e : runsByFile.entrySet()) {
            List<ClaimSpec> claims = ClaimParser.parse(e.getKey());
            int end = rowsPerFile.get(e.getKey());
            addRows(lines, "combined", e.getKey(), claims, combined.subList(i, end));
            i = end;
        }
        lines.add(String.join("\t", "rollup", "claim", "verdict", "parts", "reason"));
        for (Rollup.Entry e : Rollup.of(combined)) {
            lines.add(String.join("\t", "rollup", e.claim(), e.verdict().label(), String.valueOf(e.parts().size()), e.reason()));
        }

        // The fixture must exercise the engine, or the golden file pins little.
        Set<Verdict.Kind> kinds = EnumSet.noneOf(Verdict.Kind.class);
        combined.forEach(r -> kinds.add(r.verdict().kind()));
        assertTrue(kinds.containsAll(List.of(Verdict.Kind.SUPPORTED, Verdict.Kind.INCONCLUSIVE, Verdict.Kind.WEAKER)),
                "synthetic runs should give several verdict kinds; got " + kinds);
        Set<String> expected = new java.util.TreeSet<>(Rules.names());
        assertEquals(expected, rules, "every rule should appear in some experiment file (claims or premises)");
        assertTrue(combined.stream().anyMatch(r -> !r.noise().isEmpty()), "some claim should show its A/A noise");
        // Calibration origins name the experiment file by absolute path; the golden file must not
        // depend on where the checkout lives.
        String root = TestData.repoRoot().toAbsolutePath() + "/";
        lines.replaceAll(l -> l.replace(root, ""));
        Golden.check("claims-table.tsv", lines);
    }

    private static void addRows(List<String> lines, String table, Path f, List<ClaimSpec> claims, List<ClaimResult> results) {
        // without settings one row per claim, in claim order; with settings one per claim and setting it applies to
        Map<String, ClaimSpec> byId = new LinkedHashMap<>();
        claims.forEach(c -> byId.put(c.id(), c));
        if (results.stream().allMatch(r -> r.setting().isEmpty())) {
            assertEquals(claims.size(), results.size(), f.getFileName() + ": one result per claim");
            for (int i = 0; i < claims.size(); i++) assertEquals(claims.get(i).id(), results.get(i).claimId(), "results in claim order");
        }
        for (ClaimResult r : results) lines.add(table + "\t" + row(f.getFileName().toString(), byId.get(r.claimId()), r));
    }

    /** "A10-x" -> "A010-x", so that file names sort in claim order (as Reports.claimKey does). */
    private static String claimKey(Path p) {
        Matcher m = Pattern.compile("^([A-Za-z]+)(\\d+)(.*)$").matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) + String.format("%03d", Integer.parseInt(m.group(2))) + m.group(3) : p.getFileName().toString();
    }

    private static String row(String file, ClaimSpec c, ClaimResult r) {
        assertEquals(c.id(), r.claimId(), file + ": results in claim order");
        String part = r.setting().isEmpty() ? r.claimId() : r.claimId() + " @ " + r.setting();
        return String.join("\t", file, part, c.rule().name(), r.metric(), num(c.target()), c.direction().label(),
                num(r.margin()), r.claim(), r.primary() ? "primary" : "exploratory", String.valueOf(r.nSeeds()),
                String.valueOf(r.kAgree()), num(r.effect()), num(r.ciLow()), num(r.ciHigh()), String.valueOf(r.outcome().ciLevel()),
                num(r.p()), num(r.pHolm()), r.verdict().kind().label(), r.chosen(), r.noise(),
                r.runIds().size() + ":" + digest(String.join(",", r.runIds())), r.verdict().reason());
    }

    /** Nine significant digits: enough for a changed computation to show, few enough to be readable. */
    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
