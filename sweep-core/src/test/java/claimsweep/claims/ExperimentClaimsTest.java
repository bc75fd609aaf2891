package claimsweep.claims;

import claimsweep.TestData;
import claimsweep.expand.Expander;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every declared claim parses and both its arms select runs of its file's standard sweep (no typo'd filter). */
class ExperimentClaimsTest {
    @Test
    void everyClaimsArmsMatchRunsOfItsSweep() throws IOException {
        int claims = 0;
        try (Stream<Path> files = Files.list(TestData.repoRoot().resolve("experiments"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                List<ClaimSpec> specs = ClaimParser.parse(f);
                if (specs.isEmpty()) continue;
                // the claim files' standard profile; the quickstart has no profiles, its sweep as written is its test
                List<String> profile = com.typesafe.config.ConfigFactory.parseFile(f.toFile()).hasPath("profiles.standard")
                        ? List.of("profile=standard") : List.of();
                // an adaptive file ({@code seeds { ... }}) is checked at its cap: every seed it may run
                var spec = SweepParser.parse(f, profile);
                List<RunSpec> runs = Expander.expand(spec.atSeedCap());
                List<ClaimSpec> all = new java.util.ArrayList<>(specs);
                specs.forEach(c -> all.addAll(c.requires()));  // premises select runs of the same sweep too
                for (ClaimSpec c : all) {
                    claims++;
                    for (Map<String, Object> arm : c.rule().oneArm() ? List.of(c.treatment()) : List.of(c.treatment(), c.control())) {
                        long n = runs.stream().filter(r -> arm.entrySet().stream()
                                .allMatch(e -> e.getValue().equals(r.params().get(e.getKey()))))
                                .map(r -> r.params().get("seed")).distinct().count();
                        assertTrue(n >= 6, f.getFileName() + " claim " + c.id() + ": arm " + arm + " selects runs of " + n
                                + " seeds; expected at least 6");
                    }
                }
            }
        }
        assertTrue(claims >= 10, "claims declared: " + claims);
    }

    /** Issue 15: one primary part per article claim, and the texts that are not superiority claims coded as what they say. */
    @Test
    void everyArticleClaimHasOnePrimaryPartAndEquivalenceTextsAreCodedAsSuch() throws IOException {
        Map<String, Integer> primaries = new java.util.TreeMap<>();
        Map<String, ClaimSpec> byId = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(TestData.repoRoot().resolve("experiments"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                for (ClaimSpec c : ClaimParser.parse(f)) {
                    primaries.merge(c.claim(), c.primary() ? 1 : 0, Integer::sum);
                    byId.put(c.id(), c);
                    for (Map<String, Object> arm : List.of(c.treatment(), c.control())) assertFalse(arm.isEmpty() && !c.rule().oneArm());
                }
            }
        }
        primaries.forEach((claim, n) -> assertEquals(1, n, "primary parts of " + claim));
        assertEquals(claimsweep.stats.Direction.EQUIVALENT, byId.get("B2b").direction());
        assertEquals(1, byId.get("B2b").requires().size(), "B2b presupposes the penalty of raw inputs without BN");
        assertEquals(claimsweep.stats.Direction.NONINFERIOR, byId.get("A5b").direction());
        byId.values().forEach(c -> assertFalse(c.selectBy().isTest(), c.id() + " selects on the test set"));
    }
}
