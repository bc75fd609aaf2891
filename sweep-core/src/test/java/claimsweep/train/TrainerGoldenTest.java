package claimsweep.train;

import claimsweep.Golden;
import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.spec.RunSpec;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Golden trainer metrics: three small fixed runs on the real Fashion-MNIST data (an MLP without and
 * with BatchNorm, a CNN with BatchNorm) are trained and every curve point and final metric is
 * compared with {@code sweep-core/src/test/resources/golden/trainer-metrics.tsv}, one value a line.
 * Accuracies are counts over fixed sets and must match exactly; losses, learning rates and gradient
 * norms must match to {@link #REL_TOL}. Each run is also trained twice in this JVM and the two must be
 * bit-identical, which pins determinism on any machine.
 *
 * <p>To accept an intended change, rerun with {@code -Dgolden.update=true}, e.g.
 * {@code mvn -B -q -o -pl sweep-core test -Dtest=TrainerGoldenTest -Dgolden.update=true},
 * and commit the rewritten file with the reason.
 */
class TrainerGoldenTest {
    /**
     * Relative tolerance of the real-valued metrics across machines. OpenBLAS and oneDNN pick their
     * kernels per CPU (AVX2, AVX-512, ...), which changes the order of float sums and so the last bits
     * of every loss; over 60 steps such round-off stays orders of magnitude below 1e-5 (float32 eps is
     * 1.2e-7), while any change of behaviour (an init, a data order, a learning rate, a normalization)
     * moves the losses by 1e-3 or more. Within one JVM the check is exact (see the test).
     */
    static final double REL_TOL = 1e-5;
    private static final String FILE = "trainer-metrics.tsv";
    private static final Trainer.Context CTX = new Trainer.Context("golden", "golden", "golden");
    /** The pinned runs: name -> command-line overrides of {@link Runs#small}. */
    private static final Map<String, String[]> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("mlp-none", new String[] {"train_size=1000", "steps=60", "depth=2", "width=64", "optimizer=momentum",
                "lr=0.05"});
        RUNS.put("mlp-batch", new String[] {"train_size=1000", "steps=60", "depth=2", "width=64", "optimizer=momentum",
                "lr=0.05", "norm=batch"});
        RUNS.put("cnn-batch", new String[] {"model=cnn", "train_size=1000", "steps=20", "eval_every=10", "batch_size=32",
                "optimizer=momentum", "lr=0.05", "norm=batch"});
    }

    private static Dataset data;

    @BeforeAll
    static void load() {
        data = TestData.load("fashion-mnist");
    }

    @Test
    void trainerMetricsMatchTheGoldenFileAndRepeatBitIdentically() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", "run", "at", "field", "match", "value"));
        for (var e : RUNS.entrySet()) {
            RunSpec spec = Runs.small(e.getValue());
            RunResult a = new Trainer().train(spec, data, CTX);
            assertEquals(RunStatus.OK, a.status(), e.getKey() + ": " + a.reason());
            List<String> first = render(e.getKey(), a);
            List<String> second = render(e.getKey(), new Trainer().train(spec, data, CTX));
            // Double.toString round-trips, so equal text is equal doubles: bit-identical reruns.
            String diff = Golden.firstDifference(first, second);
            assertNull(diff, e.getKey() + ": a second training of the same spec in the same JVM differs: " + diff);
            lines.addAll(first);
        }
        if (Golden.updating()) {
            Golden.check(FILE, lines);
            return;
        }
        List<String> expected = Files.readAllLines(Golden.file(FILE), StandardCharsets.UTF_8);
        String diff = firstMismatch(expected, lines);
        assertNull(diff, Golden.file(FILE) + " no longer matches: " + diff + "\nIf the change is intended, rerun with -D"
                + Golden.UPDATE + "=true and commit the file.");
    }

    /** One line per value: run, curve step (or "final"), field, exact|rel, value (Double.toString). */
    static List<String> render(String name, RunResult r) {
        List<String> out = new ArrayList<>();
        for (CurvePoint p : r.curve()) {
            String at = "step " + p.step();
            out.add(line(name, at, "epoch", true, p.epoch()));
            out.add(line(name, at, "train_loss", false, p.trainLoss()));
            out.add(line(name, at, "val_loss", false, p.valLoss()));
            out.add(line(name, at, "val_acc", true, p.valAcc()));
            out.add(line(name, at, "lr", false, p.lr()));
            for (int c = 0; c < p.classAcc().size(); c++) out.add(line(name, at, "class_acc " + c, true, p.classAcc().get(c)));
            for (CurvePoint.LayerGradient g : p.gradients()) {
                out.add(line(name, at, "grad_norm " + g.layer() + " " + g.type(), false, g.norm()));
            }
        }
        out.add(String.join("\t", name, "final", "status", "exact", r.status().label()));
        out.add(String.join("\t", name, "final", "steps", "exact", String.valueOf(r.steps())));
        out.add(String.join("\t", name, "final", "best_val_step", "exact", String.valueOf(r.bestValStep())));
        out.add(line(name, "final", "final_val_acc", true, r.finalValAcc()));
        out.add(line(name, "final", "best_val_acc", true, r.bestValAcc()));
        out.add(line(name, "final", "test_acc", true, r.testAcc()));
        out.add(line(name, "final", "final_val_loss", false, r.finalValLoss()));
        out.add(line(name, "final", "test_loss", false, r.testLoss()));
        return out;
    }

    private static String line(String name, String at, String field, boolean exact, double v) {
        return String.join("\t", name, at, field, exact ? "exact" : "rel", Double.toString(v));
    }

    /** The first line where {@code actual} departs from {@code expected} (rel lines within REL_TOL), or null. */
    static String firstMismatch(List<String> expected, List<String> actual) {
        if (expected.size() != actual.size()) {
            String d = Golden.firstDifference(expected, actual);
            return "expected " + expected.size() + " lines, got " + actual.size() + (d == null ? "" : "; first difference " + d);
        }
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            String a = actual.get(i);
            if (e.equals(a)) continue;
            String[] ef = e.split("\t");
            String[] af = a.split("\t");
            boolean sameKey = ef.length == 5 && af.length == 5 && ef[0].equals(af[0]) && ef[1].equals(af[1])
                    && ef[2].equals(af[2]) && ef[3].equals(af[3]);
            if (sameKey && ef[3].equals("rel")) {
                double x = Double.parseDouble(ef[4]);
                double y = Double.parseDouble(af[4]);
                if (Math.abs(x - y) <= REL_TOL * Math.abs(x)) continue;
            }
            return "line " + (i + 1) + "\n  expected: " + e + "\n  actual:   " + a
                    + (sameKey && ef[3].equals("rel") ? "\n  (beyond the relative tolerance " + REL_TOL + ")" : "");
        }
        return null;
    }
}
