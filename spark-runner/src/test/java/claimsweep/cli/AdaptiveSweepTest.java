package claimsweep.cli;

import claimsweep.claims.Experiment;
import claimsweep.expand.Expander;
import claimsweep.spark.SweepJobTest;
import claimsweep.spec.RunSpec;
import claimsweep.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An adaptive sweep end to end on real data in Spark local mode: a claim with a large effect (SGD at
 * lr 0.05 against 1e-4 after 100 steps) stops at the first look, so only round 1 trains; rerunning the
 * same command trains nothing and gives the same verdicts. A claim near its margin
 * ({@code adaptive/near-margin.conf}, whose comment gives the measured numbers) takes more rounds,
 * and only its own runs get the new seeds.
 */
class AdaptiveSweepTest {
    @TempDir
    Path tmp;

    static final String CONF = """
            name = adaptive
            dataset = fashion-mnist
            model = mlp
            budget { steps = 100 }
            eval_every = 50
            fixed { depth = 1, width = 16, train_size = 1000, val_size = 500, batch_size = 50, optimizer = sgd }
            axes { lr = [0.0001, 0.05] }
            seeds { start = 4, step = 2, max = 8 }
            claims = [{ id = Big, text = "lr 0.05 beats 1e-4 after 100 steps", metric = test_acc,
                        treatment { lr = 0.05 }, control { lr = 0.0001 }, direction = greater, margin = 0.01 }]
            """;

    private record Run(int code, String out) {}

    private static Run sweep(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            return new Run(SweepMain.execute(args), b.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) m.put(p.getFileName().toString(), Files.readString(p));
        }
        return m;
    }

    @Test
    void aLargeEffectStopsAtTheFirstRoundAndARerunTrainsNothing() throws Exception {
        Path conf = Files.writeString(tmp.resolve("adaptive.conf"), CONF);
        Path out = tmp.resolve("out");
        String[] args = {conf.toString(), "--out", out.toString(), "--data-dir", SweepJobTest.repoRoot().resolve("data").toString(),
                "--master", "local[2]", "--no-tensorboard"};

        Run dry = sweep(conf.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.out());
        assertTrue(dry.out().contains("looks at [4, 6, 8] seeds; cap 8 seeds (16 runs"), dry.out());
        assertTrue(dry.out().contains("round 1: the 8 runs listed above"), dry.out());

        Run first = sweep(args);
        System.out.println(first.out());
        assertEquals(0, first.code(), first.out());
        assertTrue(first.out().contains("round 1: 8 runs (seeds up to 4)"), first.out());
        assertTrue(!first.out().contains("round 2"), "decided at the first look: " + first.out());
        assertEquals(8, Files.list(out.resolve(ResultStore.RUNS_DIR)).count());
        String adaptive = Files.readString(out.resolve("report/ADAPTIVE.md"));
        assertTrue(adaptive.contains("| Big | group | 4 of 8 | decided | **supported** | 8 | 4 |"), adaptive);
        assertTrue(Files.size(out.resolve("report/adaptive-Big.png")) > 1000);
        assertTrue(Files.readString(out.resolve("report/REPORT.md")).contains("| Big | group | 4 of 8 | decided |"));

        Map<String, String> runsBefore = snapshot(out.resolve(ResultStore.RUNS_DIR));
        Run again = sweep(args);
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("done: 0 runs trained in 0 round(s) (8 already done)"), again.out());
        assertEquals(runsBefore, snapshot(out.resolve(ResultStore.RUNS_DIR)), "no run trained or rewritten");
        assertEquals(adaptive, Files.readString(out.resolve("report/ADAPTIVE.md")), "the same verdicts");

        // scripts/report DIR re-plans from the committed runs and writes the same section
        Files.delete(out.resolve("report/ADAPTIVE.md"));
        assertEquals(0, ReportMain.execute(out.toString(), "--no-tensorboard"));
        assertEquals(adaptive, Files.readString(out.resolve("report/ADAPTIVE.md")));
        assertTrue(Files.readString(out.resolve("report/REPORT.md")).contains("| Big | group | 4 of 8 | decided |"));
    }

    /** The seeding line of adaptive/near-margin.conf; the fixed-axis twin replaces it. */
    static final String SEEDS = "seeds { start = 4, step = 2, max = 8 }";

    @Test
    void aClaimNearItsMarginTakesMoreRoundsAndOnlyItsRunsGetNewSeeds() throws Exception {
        String text = Files.readString(Path.of(getClass().getResource("/adaptive/near-margin.conf").toURI()));
        Path conf = Files.writeString(tmp.resolve("near-margin.conf"), text);
        Path out = tmp.resolve("out");
        Run run = sweep(conf.toString(), "--out", out.toString(), "--data-dir", SweepJobTest.repoRoot().resolve("data").toString(),
                "--master", "local[2]", "--no-tensorboard");
        System.out.println(run.out());
        assertEquals(0, run.code(), run.out());

        // round 1 is the whole grid at seeds 1..4; Big is decided there, Near is open (the file's comment
        // says why), so round 2 is Near's two configurations at seeds 5 and 6 and nothing else
        assertTrue(run.out().contains("round 1: 16 runs (seeds up to 4)"), run.out());
        assertTrue(run.out().contains("round 2: 4 runs (seeds up to 6)"), run.out());
        Matcher done = Pattern.compile("done: (\\d+) runs trained in (\\d+) round\\(s\\) \\(0 already done\\), 0 failed")
                .matcher(run.out());
        assertTrue(done.find(), run.out());
        int rounds = Integer.parseInt(done.group(2));
        assertTrue(rounds >= 2, "the near-margin claim needs more than one round: " + run.out());

        String adaptive = Files.readString(out.resolve("report/ADAPTIVE.md"));
        assertTrue(adaptive.contains("| Big | group | 4 of 8 | decided | **supported** |"), adaptive);
        Matcher near = Pattern.compile("\\| Near \\| group \\| (\\d+) of 8 \\| ([a-z ]+) \\| \\*\\*([a-z ]+)\\*\\* \\|").matcher(adaptive);
        assertTrue(near.find(), adaptive);
        int nearSeeds = Integer.parseInt(near.group(1));
        assertTrue(nearSeeds > 4, "the near-margin claim used more seeds than start: " + adaptive);
        assertEquals(rounds, 1 + (nearSeeds - 4) / 2, "one round per look after the first: " + run.out());
        // a measured effect of about 2.3 pp (sd 1.5 pp) against a 5 pp margin: "supported" needs the repeated
        // interval's lower bound at 5 pp, so a mean near 6.3 pp even at the cap, 2.7 sd above the measured one
        assertNotEquals("supported", near.group(3), adaptive);

        // the committed runs are exactly Big's arms at seeds 1..4 and Near's at 1..nearSeeds, with the
        // ids a fixed seed = [1..8] axis gives (parsed from the same file with the axis in place of seeds { })
        String fixedText = text.replace(SEEDS, "axes.seed = [1, 2, 3, 4, 5, 6, 7, 8]");
        assertNotEquals(text, fixedText, "adaptive/near-margin.conf must contain the line " + SEEDS);
        Path fixedConf = Files.writeString(tmp.resolve("near-margin-fixed.conf"), fixedText);
        List<RunSpec> fixedGrid = Expander.expand(Experiment.parse(fixedConf, List.of()).sweep());
        assertEquals(32, fixedGrid.size());
        Set<String> expected = new TreeSet<>();
        for (RunSpec r : fixedGrid) {
            double lr = (Double) r.params().get("lr");
            long seed = (Long) r.params().get("seed");
            boolean nearArm = lr == 0.05 || lr == 0.03;
            if (seed <= (nearArm ? nearSeeds : 4)) expected.add(r.runId());
        }
        Set<String> committed = new TreeSet<>();
        try (Stream<Path> s = Files.list(out.resolve(ResultStore.RUNS_DIR))) {
            s.forEach(p -> committed.add(p.getFileName().toString().replace(".json", "")));
        }
        assertEquals(expected, committed, "runs committed by the adaptive sweep");
        assertEquals(committed.size(), Integer.parseInt(done.group(1)));
    }
}
