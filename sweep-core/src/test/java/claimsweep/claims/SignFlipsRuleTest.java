package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.SpecException;
import claimsweep.stats.Direction;
import claimsweep.stats.Rates;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** rule = sign_flips (B9's second half): the share of seed pairs whose difference has the other sign than the mean's. */
class SignFlipsRuleTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);

    private static RunResult run(double acc, String... params) {
        return new RunResult(Runs.small(params), RunStatus.OK, "", 0.5, acc, acc, 80L, acc, 0.5, 80, 10, P, List.of());
    }

    /** Seed s: control test_acc 0.80 + 0.001 s, treatment the control plus diff[s - 1]. */
    private static List<RunResult> runs(double... diff) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= diff.length; s++) {
            double base = 0.80 + 0.001 * s;
            out.add(run(base + diff[s - 1], "schedule=cosine", "seed=" + s));
            out.add(run(base, "schedule=constant", "seed=" + s));
        }
        return out;
    }

    /** n differences: {@code neg} of -0.002, {@code zero} of 0, the rest +0.003. */
    private static double[] diffs(int n, int neg, int zero) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i < neg ? -0.002 : i < neg + zero ? 0 : 0.003;
        return d;
    }

    private static final String B9E = "id = B9e, text = \"a small contrast flips sign\", rule = sign_flips, metric = test_acc, "
            + "treatment { schedule = cosine }, control { schedule = constant }, margin = 0.10";

    private static ClaimSpec claim(String body) {
        return ClaimParser.parse("t.conf", "claims = [{ " + body + " }]").get(0);
    }

    @Test
    void manyFlipsAreSupportedWithTheWilsonIntervalOfTheShare() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(B9E), runs(diffs(20, 8, 0))); // mean +0.001, 8 of 20 negative
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(0.40, r.effect(), 1e-12);
        assertArrayEquals(Rates.wilson(8, 20), new double[] {r.ciLow(), r.ciHigh()}, 1e-12);
        assertEquals(20, r.nSeeds());
        assertTrue(r.p() < 0.05, "the interval excludes 0.10: " + r.p());
        assertEquals("test_acc_sign_flips", r.metric());
    }

    @Test
    void noFlipInEnoughSeedsIsOppositeAndFewSeedsAreInconclusive() {
        // 0 of 40: the Wilson upper end 3.84 / 43.84 = 0.088 is below 0.10
        ClaimResult none = ClaimEvaluator.evaluate(claim(B9E), runs(diffs(40, 0, 0)));
        assertEquals(Verdict.Kind.OPPOSITE, none.verdict().kind(), none.verdict().reason());
        assertEquals(0.0, none.effect());
        // 0 of 20: the upper end is 0.16, so 20 seeds cannot show the share is below 10%
        ClaimResult few = ClaimEvaluator.evaluate(claim(B9E), runs(diffs(20, 0, 0)));
        assertEquals(Verdict.Kind.INCONCLUSIVE, few.verdict().kind(), few.verdict().reason());
        // 1 of 10 is exactly the margin: inconclusive
        assertEquals(Verdict.Kind.INCONCLUSIVE, ClaimEvaluator.evaluate(claim(B9E), runs(diffs(10, 1, 0))).verdict().kind());
    }

    @Test
    void theDirectionIsTheMeansSignAndAZeroDifferenceIsHalfAFlip() {
        // mostly negative: the positives flip; swapping the arms gives the same share
        double[] d = diffs(10, 7, 0); // 7 x -0.002, 3 x +0.003: mean -0.0005
        ClaimResult r = ClaimEvaluator.evaluate(claim(B9E), runs(d));
        assertEquals(0.30, r.effect(), 1e-12);
        ClaimSpec swapped = claim(B9E.replace("treatment { schedule = cosine }, control { schedule = constant }",
                "treatment { schedule = constant }, control { schedule = cosine }"));
        assertEquals(0.30, ClaimEvaluator.evaluate(swapped, runs(d)).effect(), 1e-12);
        // 2 flips and 2 ties in 10 seeds: share (2 + 1) / 10; the 2 whole flips are the seeds agreeing with the claim
        ClaimResult ties = ClaimEvaluator.evaluate(claim(B9E), runs(diffs(10, 2, 2)));
        assertEquals(0.30, ties.effect(), 1e-12);
        assertEquals(2, ties.kAgree());
        assertArrayEquals(Rates.wilson(3.0, 10), new double[] {ties.ciLow(), ties.ciHigh()}, 1e-12);
        assertTrue(ties.verdict().reason().contains("2 exactly 0 (half a flip each)"), ties.verdict().reason());
    }

    @Test
    void seedsPairExactlyAsInThePairedRule() {
        List<RunResult> runs = new ArrayList<>(runs(diffs(10, 3, 0)));
        runs.add(run(0.7, "schedule=cosine", "seed=99")); // no control partner: left out
        // the same seed at a second width neither arm fixes: averaged into its seed, never an extra unit
        runs.add(run(0.802 - 0.002, "schedule=cosine", "seed=2", "width=64"));
        runs.add(run(0.802, "schedule=constant", "seed=2", "width=64"));
        ClaimResult r = ClaimEvaluator.evaluate(claim(B9E), runs);
        assertEquals(10, r.nSeeds());
        assertEquals(0.30, r.effect(), 1e-12);
    }

    @Test
    void aSmallContrastInSeedNoiseFlipsInAboutTheShareTheNormalModelGives() {
        // per-seed difference 0.002 + N(0, 0.004): P(d < 0) = Phi(-0.5) = 0.31 in the model, fixed seed
        Random rnd = new Random(20261202L);
        double[] d = new double[40];
        for (int i = 0; i < d.length; i++) d[i] = 0.002 + 0.004 * rnd.nextGaussian();
        ClaimResult r = ClaimEvaluator.evaluate(claim(B9E), runs(d));
        double mean = java.util.Arrays.stream(d).average().orElseThrow();
        long opposite = java.util.Arrays.stream(d).filter(x -> Math.signum(x) != Math.signum(mean)).count();
        assertEquals((double) opposite / d.length, r.effect(), 1e-12);
        assertEquals(0.31, r.effect(), 0.15, "within sampling error of the model's share");
        assertEquals(r.ciLow() >= 0.10 ? Verdict.Kind.SUPPORTED : Verdict.Kind.INCONCLUSIVE, r.verdict().kind());
    }

    @Test
    void degenerateContrastsAreNotTestable() {
        ClaimResult one = ClaimEvaluator.evaluate(claim(B9E), runs(0.003));
        assertEquals(Verdict.Kind.NOT_TESTABLE, one.verdict().kind());
        assertTrue(one.verdict().reason().contains("a flip needs at least 2"), one.verdict().reason());
        ClaimResult zero = ClaimEvaluator.evaluate(claim(B9E), runs(0, 0, 0, 0));
        assertEquals(Verdict.Kind.NOT_TESTABLE, zero.verdict().kind());
        assertTrue(zero.verdict().reason().contains("no sign"), zero.verdict().reason());
        ClaimResult balanced = ClaimEvaluator.evaluate(claim(B9E), runs(0.002, -0.002, 0.001, -0.001));
        assertEquals(Verdict.Kind.NOT_TESTABLE, balanced.verdict().kind(), balanced.verdict().reason());
    }

    @Test
    void theClaimMayLeaveOutItsDirectionButNotSayAnotherAndNeedsAShareAsMargin() {
        assertEquals(Direction.GREATER, claim(B9E).direction());
        assertEquals(Direction.GREATER, claim(B9E + ", direction = greater").direction());
        var less = assertThrows(SpecException.class, () -> claim(B9E + ", direction = less"));
        assertTrue(less.getMessage().contains("claims[0].direction") && less.getMessage().contains("greater or no direction key"),
                less.getMessage());
        var big = assertThrows(SpecException.class, () -> claim(B9E.replace("margin = 0.10", "margin = 10")));
        assertTrue(big.getMessage().contains("claims[0].margin") && big.getMessage().contains("between 0 and 1"), big.getMessage());
        var none = assertThrows(SpecException.class, () -> claim(B9E.replace(", margin = 0.10", "")));
        assertTrue(none.getMessage().contains("a share of seed pairs"), none.getMessage());
        // other rules still need a direction
        var paired = assertThrows(SpecException.class, () -> claim("id = X, text = t, metric = test_acc, "
                + "treatment { schedule = cosine }, control { schedule = constant }"));
        assertTrue(paired.getMessage().contains("claims[0].direction"), paired.getMessage());
    }
}
