package claimsweep.expand;

import claimsweep.spec.RunSpec;

import claimsweep.TestData;
import claimsweep.spec.SweepParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Golden: the number of runs and the run ids (as one digest of the ordered id list) of every
 * experiment file and profile. An accidental change to a sweep, a default or the id hashing shows up
 * here; an intended one updates the line, visibly in review.
 */
class ExperimentsGoldenTest {
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("A1-bn-convergence.conf quick", "8 runs, ids c42f49e073a2fe38"),
            Map.entry("A1-bn-convergence.conf standard", "64 runs, ids e525f3c079a90e0a"),
            Map.entry("A10-augmentation-small-batch.conf quick", "4 runs, ids 91b70f2825af6738"),
            Map.entry("A10-augmentation-small-batch.conf standard", "24 runs, ids cbf4ec3f6ace25b5"),
            Map.entry("A2-bn-higher-lr.conf quick", "16 runs, ids 857675b10de0144f"),
            Map.entry("A2-bn-higher-lr.conf standard", "384 runs, ids d6769b2851068c4d"),
            Map.entry("A3-bn-init.conf quick", "8 runs, ids 1e94c720f54764fe"),
            Map.entry("A3-bn-init.conf standard", "144 runs, ids 721f99b0d3e40e04"),
            Map.entry("A4-bn-regularizes.conf quick", "5 runs, ids 70d66eb18ee87ca3"),
            Map.entry("A4-bn-regularizes.conf standard", "30 runs, ids 5d8308cdb20788bb"),
            Map.entry("A5-bn-small-batch.conf quick", "4 runs, ids 145544bb834b4cce"),
            Map.entry("A5-bn-small-batch.conf standard", "181 runs, ids c3dc7bb48268f7e0"),
            Map.entry("A6-bn-rnn.conf quick", "6 runs, ids 3a2ea9047d47a86c"),
            Map.entry("A6-bn-rnn.conf standard", "36 runs, ids 4a5665cf3226c36c"),
            Map.entry("A7-bn-cost.conf quick", "16 runs, ids 4ebe86ddac53ef77"),
            Map.entry("A7-bn-cost.conf standard", "96 runs, ids 893e137166318460"),
            Map.entry("A8-adaptive-lr-band.conf quick", "40 runs, ids 6ddee3dc334b7b87"),
            Map.entry("A8-adaptive-lr-band.conf standard", "576 runs, ids 35cf6737f5b258a7"),
            Map.entry("A9-bn-transfer.conf quick", "8 runs, ids 63d612c4526e56b4"),
            Map.entry("A9-bn-transfer.conf standard", "32 runs, ids e7ace0d3b4c793c0"),
            Map.entry("AA-calibration.conf quick", "60 runs, ids 9348257ea4ab0de2"),
            Map.entry("AA-calibration.conf standard", "72 runs, ids 300f03f605f64cfc"),
            Map.entry("B1-lr-extremes.conf quick", "15 runs, ids 65ce735de2d2bc56"),
            Map.entry("B1-lr-extremes.conf standard", "88 runs, ids c02d3fe1d6fa7a32"),
            Map.entry("B10-lr-schedules.conf quick", "8 runs, ids 3944e0fdbc09671e"),
            Map.entry("B10-lr-schedules.conf standard", "64 runs, ids 1424c3ab8868c60e"),
            Map.entry("B11-early-stopping.conf quick", "4 runs, ids cbd2d004be791ef4"),
            Map.entry("B11-early-stopping.conf standard", "8 runs, ids 3e36e5d7e7019a33"),
            Map.entry("B2-input-scaling.conf quick", "17 runs, ids c3159ce57fe4edc6"),
            Map.entry("B2-input-scaling.conf standard", "104 runs, ids b657ce627feb8495"),
            Map.entry("B3-noise-imbalance.conf quick", "13 runs, ids 947da27e31147563"),
            Map.entry("B3-noise-imbalance.conf standard", "66 runs, ids cf87057b0143e7f5"),
            Map.entry("B4-capacity.conf quick", "5 runs, ids 6da366d5b8432224"),
            Map.entry("B4-capacity.conf standard", "18 runs, ids 00cf3af602320dc7"),
            Map.entry("B5-mse-loss.conf quick", "6 runs, ids 7e2265e40eb09d85"),
            Map.entry("B5-mse-loss.conf standard", "30 runs, ids ededec3a6a7d4056"),
            Map.entry("B6-deep-gradients.conf quick", "18 runs, ids 001cc127944a4370"),
            Map.entry("B6-deep-gradients.conf standard", "38 runs, ids 14132b208285a8f2"),
            Map.entry("B7-batch-and-order.conf quick", "9 runs, ids e253e88e727acb47"),
            Map.entry("B7-batch-and-order.conf standard", "62 runs, ids ea27cdf7bb419f4e"),
            Map.entry("B8-training-loop-bugs.conf quick", "22 runs, ids 18c839937b760848"),
            Map.entry("B8-training-loop-bugs.conf standard", "44 runs, ids 4afadf5bc53101a5"),
            Map.entry("B9-seed-variance.conf quick", "10 runs, ids 1ddc28e59cf3e791"),
            Map.entry("B9-seed-variance.conf standard", "200 runs, ids 2028d3a19259bd34"),
            Map.entry("quickstart.conf", "48 runs, ids d64c609391d62722")));

    @Test
    void everyExperimentFileExpandsAsPinned() throws IOException {
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(TestData.repoRoot().resolve("experiments"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                String text = Files.readString(f);
                List<String> profiles = text.contains("profiles") ? List.of("quick", "standard") : List.of("");
                for (String profile : profiles) {
                    List<String> args = profile.isEmpty() ? List.of() : List.of("profile=" + profile);
                    List<RunSpec> runs = Expander.expand(SweepParser.parse(f, args));
                    actual.put(f.getFileName() + (profile.isEmpty() ? "" : " " + profile),
                            runs.size() + " runs, ids " + digest(runs.stream().map(RunSpec::runId).collect(Collectors.joining(","))));
                }
            }
        }
        String dump = actual.entrySet().stream().map(e -> "            Map.entry(\"" + e.getKey() + "\", \"" + e.getValue() + "\"),")
                .collect(Collectors.joining("\n"));
        assertEquals(EXPECTED, actual, "expansions changed; if intended, replace EXPECTED with:\n" + dump);
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
