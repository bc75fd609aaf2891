package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.spec.RunSpec;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.SpecException;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Claims evaluated on synthetic run results with known answers. */
class ClaimEvaluatorTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);

    private static RunResult result(String norm, double lr, long seed, RunStatus status, Double acc, List<CurvePoint> curve) {
        RunSpec spec = Runs.small("norm=" + norm, "lr=" + lr, "seed=" + seed);
        return new RunResult(spec, status, "", acc, acc, acc, 80L, acc, 0.5, 80, 1000, P, curve);
    }

    /** BN at its best LR (0.3) is 2 pp above none at its best LR (0.03); other LRs are worse. */
    private static List<RunResult> grid() {
        List<RunResult> runs = new ArrayList<>();
        double[] noise = {0.001, -0.002, 0.0015, 0.0, -0.001, 0.002};
        for (int s = 1; s <= 6; s++) {
            double n = noise[s - 1];
            runs.add(result("none", 0.03, s, RunStatus.OK, 0.80 + n, List.of()));
            runs.add(result("none", 0.3, s, RunStatus.DIVERGED, null, List.of()));
            runs.add(result("batch", 0.03, s, RunStatus.OK, 0.81 + n, List.of()));
            runs.add(result("batch", 0.3, s, RunStatus.OK, 0.82 + n + 0.0001 * s, List.of())); // distinct: no tied ranks
        }
        return runs;
    }

    private static List<ClaimSpec> claims(String body) {
        return ClaimParser.parse("t.conf", "claims = [" + body + "]");
    }

    @Test
    void eachArmAtItsBestLrAndPairedBySeed() {
        ClaimSpec c = claims("{ id = X1, text = \"BN is better\", metric = best_val_acc, treatment { norm = batch },"
                + " control { norm = none }, direction = greater, best_over = [lr] }").get(0);
        ClaimResult r = ClaimEvaluator.evaluate(c, grid());
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(6, r.nSeeds());
        assertEquals(0.02 + 0.00035, r.effect(), 1e-9);
        assertEquals("by final_val_acc: treatment {lr=0.3}; control {lr=0.03}", r.chosen());
        assertEquals(12, r.runIds().size());
    }

    @Test
    void atASharedLrDivergenceCountsAsChanceAccuracy() {
        ClaimSpec c = claims("{ id = X2, text = \"BN is better at lr 0.3\", metric = best_val_acc,"
                + " treatment { norm = batch, lr = 0.3 }, control { norm = none, lr = 0.3 }, direction = greater }").get(0);
        ClaimResult r = ClaimEvaluator.evaluate(c, grid());
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind());
        assertEquals(0.82 - 0.1 + 0.00035, r.effect(), 1e-3);
    }

    @Test
    void stepsToTargetCensorsRunsThatNeverGetThere() {
        List<RunResult> runs = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            List<CurvePoint> fast = List.of(new CurvePoint(20, 0.5, 1, 1, 0.6, 0.1, 1), new CurvePoint(40, 1, 1, 1, 0.81, 0.1, 2));
            List<CurvePoint> slow = List.of(new CurvePoint(20, 0.5, 1, 1, 0.5, 0.1, 1), new CurvePoint(80, 2, 1, 1, 0.7, 0.1, 2));
            runs.add(result("batch", 0.1, s, RunStatus.OK, 0.81, fast));
            runs.add(result("none", 0.1, s, RunStatus.OK, 0.70, slow));
        }
        ClaimSpec c = claims("{ id = X3, text = \"BN reaches 80% sooner\", metric = steps_to_target, target = 0.8,"
                + " treatment { norm = batch }, control { norm = none }, direction = less, margin = 10 }").get(0);
        ClaimResult r = ClaimEvaluator.evaluate(c, runs);
        // Runs.small has a budget of 80 steps, eval every 20: never reaching 0.8 counts as 80 + 20
        assertEquals(40 - 100, r.effect(), 1e-12);
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
    }

    @Test
    void tooFewPairsIsInconclusiveWithTheReason() {
        ClaimSpec c = claims("{ id = X4, text = \"t\", metric = test_acc, treatment { norm = layer }, control { norm = none },"
                + " direction = greater }").get(0);
        ClaimResult r = ClaimEvaluator.evaluate(c, grid());
        assertEquals(Verdict.Kind.INCONCLUSIVE, r.verdict().kind());
        assertTrue(r.verdict().reason().contains("0 paired seeds"), r.verdict().reason());
    }

    @Test
    void holmRunsOverThePrimaryPartsOnly() {
        List<ClaimSpec> cs = claims("{ id = X1a, text = \"a\", metric = best_val_acc, treatment { norm = batch },"
                + " control { norm = none }, direction = greater, best_over = [lr], primary = true },"
                + "{ id = X1b, text = \"b\", metric = best_val_acc, treatment { norm = batch, lr = 0.3 },"
                + " control { norm = none, lr = 0.3 }, direction = greater },"
                + "{ id = X2, text = \"c\", metric = best_val_acc, treatment { norm = batch, lr = 0.03 },"
                + " control { norm = none, lr = 0.03 }, direction = greater, primary = true }");
        List<ClaimResult> rs = ClaimEvaluator.evaluateAll(cs, grid());
        double[] adj = claimsweep.stats.Holm.adjust(new double[] {rs.get(0).p(), rs.get(2).p()});
        assertEquals(adj[0], rs.get(0).pHolm(), 1e-15);
        assertEquals(adj[1], rs.get(2).pHolm(), 1e-15);
        assertTrue(Double.isNaN(rs.get(1).pHolm()), "an exploratory part gets no Holm p");
        assertTrue(rs.get(0).p() < 0.001, "a t test on six consistent seeds can clear Holm's bar: p = " + rs.get(0).p());
    }

    @Test
    void badClaimBlocksNameFileLineAndKey() {
        SpecException e = assertThrows(SpecException.class, () -> ClaimParser.parse("t.conf", """
                claims = [{
                  id = X, text = "t", metric = best_val_ac, treatmnt { norm = batch }
                  control { norm = none }, direction = up
                }]
                """));
        String m = e.getMessage();
        assertTrue(m.contains("t.conf:2: claims[0].metric"), m);
        assertTrue(m.contains("did you mean \"best_val_acc\""), m);
        assertTrue(m.contains("claims[0].treatmnt") && m.contains("did you mean \"treatment\""), m);
        assertTrue(m.contains("claims[0].direction"), m);
    }
}
