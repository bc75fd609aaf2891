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
                List<RunSpec> runs = Expander.expand(SweepParser.parse(f, profile));
                for (ClaimSpec c : specs) {
                    claims++;
                    for (Map<String, Object> arm : List.of(c.treatment(), c.control())) {
                        long n = runs.stream().filter(r -> arm.entrySet().stream()
                                .allMatch(e -> e.getValue().equals(r.params().get(e.getKey())))).count();
                        assertTrue(n >= 6, f.getFileName() + " claim " + c.id() + ": arm " + arm + " selects " + n
                                + " runs; expected at least 6 (one per seed)");
                    }
                }
            }
        }
        assertTrue(claims >= 10, "claims declared: " + claims);
    }
}
