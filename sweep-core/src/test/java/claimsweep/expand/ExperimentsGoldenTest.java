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
            Map.entry("A1-bn-convergence.conf quick", "16 runs, ids a17dcb64df72bbdc"),
            Map.entry("A1-bn-convergence.conf standard", "144 runs, ids ccd2eb55dfa491e6"),
            Map.entry("A10-augmentation-small-batch.conf quick", "8 runs, ids a08dd9590d05cd7f"),
            Map.entry("A10-augmentation-small-batch.conf standard", "24 runs, ids 1e9cce5ed105888f"),
            Map.entry("A2-bn-higher-lr.conf quick", "16 runs, ids afd6365f3164b215"),
            Map.entry("A2-bn-higher-lr.conf standard", "192 runs, ids 059a12357046b19a"),
            Map.entry("A3-bn-init.conf quick", "8 runs, ids 22051177070b6915"),
            Map.entry("A3-bn-init.conf standard", "72 runs, ids 58aa787b94fcbfff"),
            Map.entry("A4-bn-regularizes.conf quick", "16 runs, ids 298956d93dbf6b6f"),
            Map.entry("A4-bn-regularizes.conf standard", "48 runs, ids 2b8473a574016541"),
            Map.entry("A5-bn-small-batch.conf quick", "16 runs, ids 680e8dfbbbce66a5"),
            Map.entry("A5-bn-small-batch.conf standard", "120 runs, ids bd293b1272888acb"),
            Map.entry("A6-bn-rnn.conf quick", "12 runs, ids 17346fe69f4afad2"),
            Map.entry("A6-bn-rnn.conf standard", "36 runs, ids 052017dbec1a127b"),
            Map.entry("A7-bn-cost.conf quick", "16 runs, ids 4ebe86ddac53ef77"),
            Map.entry("A7-bn-cost.conf standard", "48 runs, ids a6f0454ae9d9f1a8"),
            Map.entry("A8-adaptive-lr-band.conf quick", "40 runs, ids 466cae96150735b9"),
            Map.entry("A8-adaptive-lr-band.conf standard", "576 runs, ids 2f3192e3c65ce945"),
            Map.entry("A9-bn-transfer.conf quick", "14 runs, ids 289c9458f278ee5f"),
            Map.entry("A9-bn-transfer.conf standard", "84 runs, ids 57c2fc729a32ff51"),
            Map.entry("AA-calibration.conf quick", "60 runs, ids 9348257ea4ab0de2"),
            Map.entry("AA-calibration.conf standard", "72 runs, ids 300f03f605f64cfc"),
            Map.entry("B1-lr-extremes.conf quick", "18 runs, ids 5d7e8c8c2053e288"),
            Map.entry("B1-lr-extremes.conf standard", "216 runs, ids e1d22c2ddc314dd8"),
            Map.entry("B10-lr-schedules.conf quick", "32 runs, ids c53ea854d4aaf6d2"),
            Map.entry("B10-lr-schedules.conf standard", "144 runs, ids 70d0f8524f4a7b67"),
            Map.entry("B11-early-stopping.conf quick", "4 runs, ids 94ffc042227c883f"),
            Map.entry("B11-early-stopping.conf standard", "12 runs, ids e7bcabf7dd0277b4"),
            Map.entry("B2-input-scaling.conf quick", "48 runs, ids 68cf576372bb2b95"),
            Map.entry("B2-input-scaling.conf standard", "288 runs, ids 2413907397d25476"),
            Map.entry("B3-noise-imbalance.conf quick", "14 runs, ids 1d3b95134c69b8ce"),
            Map.entry("B3-noise-imbalance.conf standard", "42 runs, ids 16dc3a11fc95a7b6"),
            Map.entry("B4-capacity.conf quick", "12 runs, ids 1142082ad09af6bd"),
            Map.entry("B4-capacity.conf standard", "132 runs, ids f38d9e2b70e29cc8"),
            Map.entry("B5-mse-loss.conf quick", "12 runs, ids 5d172cd7a314ca96"),
            Map.entry("B5-mse-loss.conf standard", "90 runs, ids 666c407af7639596"),
            Map.entry("B6-deep-gradients.conf quick", "24 runs, ids 92f5f98cb9ddf917"),
            Map.entry("B6-deep-gradients.conf standard", "210 runs, ids 36b06930174edf69"),
            Map.entry("B7-batch-and-order.conf quick", "22 runs, ids 4d3e4bc3ad246806"),
            Map.entry("B7-batch-and-order.conf standard", "180 runs, ids c63696e366d1c805"),
            Map.entry("B8-training-loop-bugs.conf quick", "20 runs, ids 36d0ef084b717200"),
            Map.entry("B8-training-loop-bugs.conf standard", "60 runs, ids ad86ccdb056afcb7"),
            Map.entry("B9-seed-variance.conf quick", "80 runs, ids f03b78d990d6d252"),
            Map.entry("B9-seed-variance.conf standard", "80 runs, ids 56381cd864e70acd"),
            // quickstart changed on purpose (issue 17): norm x lr 0.01/0.1 x 6 seeds, one epoch, eval_every 25,
            // so that its two claims have six paired seeds; it was "24 runs, ids 981d939dc8e23f83"
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
