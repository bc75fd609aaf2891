package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.SpecException;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The verdict kinds end to end, from claim text to verdict, on synthetic runs with known answers:
 * each direction, the degenerate arms, premises, selection on validation and one unit per seed.
 */
class VerdictKindsTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);
    private static final double[] JITTER = {0.0012, -0.0021, 0.0004, 0.0017, -0.0009, -0.0003};

    private static RunResult run(RunStatus status, double val, double test, String... params) {
        boolean ok = status != RunStatus.DIVERGED;
        return new RunResult(Runs.small(params), status, ok ? "" : "loss NaN", ok ? 0.5 : null, ok ? val : null, ok ? val : null,
                80L, ok ? test : null, 0.5, 80, 10, P, List.of());
    }

    /** Six seeds of norm=batch vs norm=none whose test accuracies differ by {@code gap} (plus seed jitter). */
    private static List<RunResult> arms(double control, double gap) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            double j = JITTER[s - 1];
            out.add(run(RunStatus.OK, control + gap + j, control + gap + j, "norm=batch", "seed=" + s));
            out.add(run(RunStatus.OK, control + 0.3 * j, control + 0.3 * j, "norm=none", "seed=" + s));
        }
        return out;
    }

    private static ClaimSpec claim(String body) {
        return ClaimParser.parse("t.conf", "claims = [{ id = X1, text = \"t\", metric = test_acc, "
                + "treatment { norm = batch }, control { norm = none }, " + body + " }]").get(0);
    }

    private static Verdict.Kind kind(String body, List<RunResult> runs) {
        ClaimResult r = ClaimEvaluator.evaluate(claim(body), runs);
        return r.verdict().kind();
    }

    @Test
    void everyKindOfASuperiorityClaim() {
        assertEquals(Verdict.Kind.SUPPORTED, kind("direction = greater", arms(0.80, 0.03)));
        assertEquals(Verdict.Kind.WEAKER, kind("direction = greater, margin = 0.05", arms(0.80, 0.03)));
        assertEquals(Verdict.Kind.OPPOSITE, kind("direction = less", arms(0.80, 0.03)));
        assertEquals(Verdict.Kind.NO_EFFECT, kind("direction = greater", arms(0.80, 0.0)));
        assertEquals(Verdict.Kind.INCONCLUSIVE, kind("direction = greater, margin = 0.001", arms(0.80, 0.0005)));
    }

    @Test
    void equivalenceAndNonInferiorityClaims() {
        assertEquals(Verdict.Kind.SUPPORTED, kind("direction = equivalent", arms(0.80, 0.001)));
        assertEquals(Verdict.Kind.OPPOSITE, kind("direction = equivalent", arms(0.80, 0.05)));
        assertEquals(Verdict.Kind.SUPPORTED, kind("direction = noninferior", arms(0.80, -0.002)));
        assertEquals(Verdict.Kind.OPPOSITE, kind("direction = noninferior", arms(0.80, -0.05)));
    }

    @Test
    void degenerateArmsAreNotTestable() {
        // both arms at chance in every seed (B6b's clipped, collapsed runs)
        List<RunResult> chance = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            chance.add(run(RunStatus.COLLAPSED, 0.1, 0.1 + 0.001 * s, "norm=batch", "seed=" + s));
            chance.add(run(RunStatus.OK, 0.1, 0.1, "norm=none", "seed=" + s));
        }
        ClaimResult r = ClaimEvaluator.evaluate(claim("direction = greater"), chance);
        assertEquals(Verdict.Kind.NOT_TESTABLE, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.verdict().reason().contains("at chance"), r.verdict().reason());
        // every run diverged or collapsed
        List<RunResult> dead = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            dead.add(run(RunStatus.DIVERGED, 0, 0, "norm=batch", "seed=" + s));
            dead.add(run(RunStatus.COLLAPSED, 0.1, 0.12, "norm=none", "seed=" + s));
        }
        ClaimResult d = ClaimEvaluator.evaluate(claim("direction = greater, metric = gap, margin = 0.1"), dead);
        assertEquals(Verdict.Kind.NOT_TESTABLE, d.verdict().kind(), d.verdict().reason());
        // nothing varies: every run of both arms gives the same value
        List<RunResult> flat = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            flat.add(run(RunStatus.OK, 0.85, 0.85, "norm=batch", "seed=" + s));
            flat.add(run(RunStatus.OK, 0.85, 0.85, "norm=none", "seed=" + s));
        }
        ClaimResult z = ClaimEvaluator.evaluate(claim("direction = greater"), flat);
        assertEquals(Verdict.Kind.NOT_TESTABLE, z.verdict().kind(), z.verdict().reason());
        assertTrue(z.verdict().reason().contains("zero variance"), z.verdict().reason());
    }

    @Test
    void aFailedPremiseIsPremiseNotMetNeverRefuted() {
        String premise = "requires = [{ metric = test_acc, treatment { norm = batch }, control { norm = none }, "
                + "direction = greater, margin = 0.02 }]";
        // the premise (batch beats none by 2 pp) holds: the claim is judged
        assertEquals(Verdict.Kind.SUPPORTED, kind("direction = greater, " + premise, arms(0.80, 0.03)));
        // it does not hold (no difference): premise not met, whatever the claim's own data say
        ClaimResult r = ClaimEvaluator.evaluate(claim("direction = equivalent, " + premise), arms(0.80, 0.0));
        assertEquals(Verdict.Kind.PREMISE_NOT_MET, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.verdict().reason().startsWith("premise 1 (premise of X1) is no effect"), r.verdict().reason());
        assertTrue(Double.isNaN(r.p()), "no p: the claim was not tested");
    }

    @Test
    void bestOverSelectsOnValidationAndNeverOnTheTestSet() {
        // lr 0.1 is best on validation, lr 0.3 best on test: the arm must take lr 0.1 and read its test accuracy
        List<RunResult> runs = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            double j = JITTER[s - 1];
            runs.add(run(RunStatus.OK, 0.85 + j, 0.80 + j, "norm=batch", "lr=0.1", "seed=" + s));
            runs.add(run(RunStatus.OK, 0.82 + j, 0.90 + j, "norm=batch", "lr=0.3", "seed=" + s));
            runs.add(run(RunStatus.OK, 0.80, 0.78 + 0.5 * j, "norm=none", "lr=0.1", "seed=" + s));
        }
        ClaimResult r = ClaimEvaluator.evaluate(ClaimParser.parse("t.conf", "claims = [{ id = X, text = t, metric = test_acc, "
                + "treatment { norm = batch }, control { norm = none, lr = 0.1 }, direction = greater, best_over = [lr] }]").get(0), runs);
        assertTrue(r.chosen().startsWith("by final_val_acc: treatment {lr=0.1}"), r.chosen());
        assertEquals(0.02, r.effect(), 0.002);
        SpecException e = assertThrows(SpecException.class, () -> ClaimParser.parse("t.conf", "claims = [{ id = X, text = t, "
                + "metric = test_acc, treatment { norm = batch }, control { norm = none }, direction = greater, best_over = [lr],\n"
                + "select_by = test_acc }]"));
        assertTrue(e.getMessage().contains("t.conf:2: claims[0].select_by: found \"test_acc\", expected a validation metric"),
                e.getMessage());
    }

    @Test
    void runsThatDifferOnlyInAParameterNoArmFixesAreOneSeedNotTwo() {
        // A8's pseudo-replication: a norm axis the claim does not compare doubled its "seeds"
        List<RunResult> runs = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            for (String norm : new String[] {"none", "batch"}) {
                runs.add(run(RunStatus.OK, 0.83, 0.83 + 0.001 * s, "optimizer=adam", "norm=" + norm, "seed=" + s));
                runs.add(run(RunStatus.OK, 0.80, 0.80, "optimizer=sgd", "norm=" + norm, "seed=" + s));
            }
        }
        ClaimResult r = ClaimEvaluator.evaluate(ClaimParser.parse("t.conf", "claims = [{ id = X, text = t, metric = test_acc, "
                + "treatment { optimizer = adam }, control { optimizer = sgd }, direction = greater }]").get(0), runs);
        assertEquals(3, r.nSeeds(), "three seeds, whatever the norm axis");
        assertEquals(12, r.runIds().size(), "every run still counts toward its seed's mean");
    }

    @Test
    void onePrimaryPartPerArticleClaimAndDeltaIsRenamed() {
        SpecException e = assertThrows(SpecException.class, () -> ClaimParser.parse("t.conf", """
                claims = [
                  { id = A1a, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none }, direction = greater, primary = true }
                  { id = A1b, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none }, direction = less, primary = true }
                  { id = A2, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none }, direction = less, delta = 0.01 }
                ]
                """));
        assertTrue(e.getMessage().contains("t.conf:3: claims.A1b.primary: found a second primary part of claim A1"), e.getMessage());
        assertTrue(e.getMessage().contains("claims[2].delta: found the old key delta, expected margin"), e.getMessage());
    }
}
