package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.SpecException;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** rule = level: one arm's mean against a threshold, one seed one unit, alone and as a premise. */
class LevelRuleTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);

    /** 6 seeds of norm = none with test_acc ~ mean (sd 0.004); norm = batch runs at 0.9 beside them. */
    private static List<RunResult> runs(double mean) {
        Random rnd = new Random(11);
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            double acc = mean + 0.004 * rnd.nextGaussian();
            out.add(new RunResult(Runs.small("norm=none", "seed=" + s), RunStatus.OK, "", 0.5, acc, acc, 80L, acc, 0.5, 80, 10, P, List.of()));
            out.add(new RunResult(Runs.small("norm=batch", "seed=" + s), RunStatus.OK, "", 0.5, 0.9, 0.9, 80L, 0.9, 0.5, 80, 10, P,
                    List.of()));
        }
        return out;
    }

    private static ClaimSpec level(String direction) {
        return ClaimParser.parse("t.conf", "claims = [{ id = L, text = t, rule = level, metric = test_acc, treatment { norm = none }, "
                + "direction = " + direction + ", margin = 0.80 }]").get(0);
    }

    @Test
    void aMeanClearlyBeyondTheThresholdIsSupportedAndClearlyShortOfItOpposite() {
        ClaimResult above = ClaimEvaluator.evaluate(level("greater"), runs(0.83));
        assertEquals(Verdict.Kind.SUPPORTED, above.verdict().kind(), above.verdict().reason());
        assertTrue(above.ciLow() > 0.80, "the whole 95% CI above the threshold: " + above.ciLow());
        assertEquals(6, above.nSeeds());
        assertTrue(above.p() < 0.05);
        ClaimResult below = ClaimEvaluator.evaluate(level("greater"), runs(0.77));
        assertEquals(Verdict.Kind.OPPOSITE, below.verdict().kind(), below.verdict().reason());
        // the same data read as "less": the direction flips the verdict
        assertEquals(Verdict.Kind.SUPPORTED, ClaimEvaluator.evaluate(level("less"), runs(0.77)).verdict().kind());
    }

    @Test
    void aMeanAtTheThresholdIsInconclusive() {
        ClaimResult r = ClaimEvaluator.evaluate(level("greater"), runs(0.80));
        assertEquals(Verdict.Kind.INCONCLUSIVE, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.ciLow() < 0.80 && r.ciHigh() > 0.80);
    }

    @Test
    void aConstantArmIsNotTestable() {
        List<RunResult> flat = new ArrayList<>();
        for (int s = 1; s <= 4; s++) {
            flat.add(new RunResult(Runs.small("norm=none", "seed=" + s), RunStatus.OK, "", 0.5, 0.85, 0.85, 80L, 0.85, 0.5, 80, 10, P,
                    List.of()));
        }
        assertEquals(Verdict.Kind.NOT_TESTABLE, ClaimEvaluator.evaluate(level("greater"), flat).verdict().kind());
    }

    @Test
    void asAPremiseItGatesThePairedClaim() {
        String claim = "claims = [{ id = C, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none }, "
                + "direction = greater, margin = 0.01, requires = [{ rule = level, metric = test_acc, treatment { norm = none }, "
                + "direction = greater, margin = 0.80 }] }]";
        ClaimSpec c = ClaimParser.parse("t.conf", claim).get(0);
        assertEquals(Verdict.Kind.SUPPORTED, ClaimEvaluator.evaluate(c, runs(0.83)).verdict().kind());
        ClaimResult unmet = ClaimEvaluator.evaluate(c, runs(0.77));
        assertEquals(Verdict.Kind.PREMISE_NOT_MET, unmet.verdict().kind(), unmet.verdict().reason());
    }

    @Test
    void itNeedsADeclaredThresholdAndAOneSidedDirection() {
        String noMargin = "claims = [{ id = L, text = t, rule = level, metric = final_train_loss, treatment { norm = none }, direction = less }]";
        assertTrue(assertThrows(SpecException.class, () -> ClaimParser.parse("t.conf", noMargin)).getMessage().contains("threshold"));
        String equiv = "claims = [{ id = L, text = t, rule = level, metric = test_acc, treatment { norm = none }, "
                + "direction = equivalent, margin = 0.8 }]";
        assertTrue(assertThrows(SpecException.class, () -> ClaimParser.parse("t.conf", equiv)).getMessage().contains("greater or less"));
    }

    /** Per seed, validation loss falls to 0.40 at step 40 and ends at 0.40 + rise[s] (val_loss_rise = rise[s]). */
    private static List<RunResult> risingLoss(String norm, double[] rise) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= rise.length; s++) {
            List<CurvePoint> curve = List.of(new CurvePoint(20, 0.5, 0.6, 0.55, 0.8, 0.1, 200),
                    new CurvePoint(40, 1.0, 0.4, 0.40, 0.85, 0.1, 400), new CurvePoint(80, 2.0, 0.2, 0.40 + rise[s - 1], 0.85, 0.1, 800));
            out.add(new RunResult(Runs.small("norm=" + norm, "seed=" + s), RunStatus.OK, "", 0.40 + rise[s - 1], 0.85, 0.85, 40L,
                    0.85, 0.2, 80, 800, P, curve));
        }
        return out;
    }

    private static final String TURNED_UP = "rule = level, metric = val_loss_rise, treatment { norm = none }, direction = greater, margin = 0";

    @Test
    void aThresholdOfZeroReadsAsTheLossTurnedUp() {
        ClaimSpec c = ClaimParser.parse("t.conf", "claims = [{ id = L, text = t, " + TURNED_UP + " }]").get(0);
        assertEquals(0.0, c.margin());
        ClaimResult rose = ClaimEvaluator.evaluate(c, risingLoss("none", new double[] {0.09, 0.11, 0.10, 0.12, 0.08, 0.10}));
        assertEquals(Verdict.Kind.SUPPORTED, rose.verdict().kind(), rose.verdict().reason());
        assertEquals(0.10, rose.effect(), 1e-9);
        assertEquals(0.0, rose.margin());
        assertTrue(rose.verdict().reason().contains("threshold > 0"), rose.verdict().reason());
        // two seeds turned up a little, four never did: the CI reaches 0, so the premise is not shown
        ClaimResult flat = ClaimEvaluator.evaluate(c, risingLoss("none", new double[] {0, 0.03, 0, 0, 0.001, 0}));
        assertEquals(Verdict.Kind.INCONCLUSIVE, flat.verdict().kind(), flat.verdict().reason());
    }

    @Test
    void aZeroThresholdPremiseGatesItsClaim() {
        String claim = "claims = [{ id = C, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none }, "
                + "direction = greater, margin = 0.01, requires = [{ " + TURNED_UP + " }] }]";
        ClaimSpec c = ClaimParser.parse("t.conf", claim).get(0);
        List<RunResult> rose = new ArrayList<>(risingLoss("none", new double[] {0.09, 0.11, 0.10, 0.12, 0.08, 0.10}));
        List<RunResult> flat = new ArrayList<>(risingLoss("none", new double[] {0, 0.03, 0, 0, 0.001, 0}));
        for (List<RunResult> runs : List.of(rose, flat)) {
            for (RunResult r : runs(0.8)) if (r.spec().params().get("norm").equals("batch")) runs.add(r);
        }
        // the runs at norm = none all score 0.85, the batch runs 0.9: the claim itself holds whenever it is judged
        assertEquals(Verdict.Kind.SUPPORTED, ClaimEvaluator.evaluate(c, rose).verdict().kind());
        ClaimResult unmet = ClaimEvaluator.evaluate(c, flat);
        assertEquals(Verdict.Kind.PREMISE_NOT_MET, unmet.verdict().kind(), unmet.verdict().reason());
    }

    @Test
    void onlyTheLevelRuleTakesAThresholdOfZeroOrBelow() {
        String below = "claims = [{ id = L, text = t, rule = level, metric = gap, treatment { norm = none }, direction = less, margin = -0.02 }]";
        assertEquals(-0.02, ClaimParser.parse("t.conf", below).get(0).margin());
        String paired = "claims = [{ id = C, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none }, "
                + "direction = greater, margin = 0 }]";
        var e = assertThrows(SpecException.class, () -> ClaimParser.parse("t.conf", paired));
        assertTrue(e.getMessage().contains("claims[0].margin") && e.getMessage().contains("a number > 0"), e.getMessage());
    }
}
