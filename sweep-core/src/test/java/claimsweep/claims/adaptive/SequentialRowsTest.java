package claimsweep.claims.adaptive;

import claimsweep.claims.ClaimEvaluator;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.Experiment;
import claimsweep.expand.Expander;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepSpec;
import claimsweep.stats.Holm;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The claims-table rows of an adaptive sweep: paired claims carry the sequential reading at the look
 * their runs reached (kind, repeated interval, seeds used, repeated p, a reason naming the design),
 * Holm reads those p-values, other rules stay fixed-n and say so, and a sweep without seeds is untouched.
 */
class SequentialRowsTest {
    private static final Provenance PROV = new Provenance("t", "t", "17", "t", "t", 1, "t", 0L);
    private static final String CLAIM = "{ id = A1a, text = t, metric = test_acc, treatment { lr = 0.05 }, control { lr = 0.0001 },"
            + " direction = greater, margin = 0.01, primary = true }";

    private static Experiment experiment(String seeds, String claims) {
        return Experiment.parse(claimsweep.spec.hocon.HoconFile.of("t.conf", """
                name = t
                model = mlp
                budget { steps = 10 }
                axes { lr = [0.0001, 0.05] }
                %s
                claims = [%s]
                """.formatted(seeds, claims), "", (o, k, f, e) -> { throw new AssertionError(o + " " + k + " " + f + " " + e); }),
                List.of());
    }

    /** Seeds 1..d.length committed: control accuracy 0.5, treatment 0.5 + d[seed - 1]. */
    private static List<RunResult> runs(Experiment e, double... d) {
        SweepSpec s = e.sweep();
        List<RunSpec> specs = Expander.expand(s.atSeedCap());
        List<RunResult> out = new ArrayList<>();
        for (RunSpec r : specs) {
            long seed = SeedPlanner.seed(r.params());
            if (seed < 1 || seed > d.length) continue;
            double acc = 0.5 + (r.doubleParam("lr") == 0.05 ? d[(int) seed - 1] : 0);
            out.add(new RunResult(r, RunStatus.OK, "", 0.5, acc, acc, 10L, acc, 0.5, 10, 1, PROV, List.of()));
        }
        return out;
    }

    private static List<ClaimResult> rows(Experiment e, List<RunResult> runs) {
        return SequentialRows.evaluateAll(e.claims(), e.settings(), Optional.of(e.sweep()), runs, Map.of());
    }

    /**
     * Six seeds of +3 pp (sd 0.5 pp) against a 1 pp margin: a fixed-n t interval on them clears the margin,
     * but at the second look of 4, 6, ..., 24 the O'Brien-Fleming boundary is 16.5, so the repeated
     * interval still reaches below the margin; seeds 7 and 8 are not committed yet: open, inconclusive.
     */
    @Test
    void whatAFixedNTestWouldCallSupportedIsNotSupportedAtAnEarlyLook() {
        Experiment e = experiment("seeds { start = 4, step = 2, max = 24 }", CLAIM);
        List<RunResult> runs = runs(e, 0.035, 0.025, 0.030, 0.034, 0.026, 0.030);
        ClaimResult fixed = ClaimEvaluator.evaluateAll(e.claims(), runs).get(0);
        assertEquals(Verdict.Kind.SUPPORTED, fixed.verdict().kind(), "the fixed-n reading: " + fixed.verdict().reason());
        ClaimResult r = rows(e, runs).get(0);
        System.out.println("sequential row: " + r.verdict().kind().label() + ": " + r.verdict().reason());
        assertNotEquals(Verdict.Kind.SUPPORTED, r.verdict().kind());
        assertEquals(Verdict.Kind.INCONCLUSIVE, r.verdict().kind());
        assertEquals(6, r.nSeeds());
        assertTrue(r.ciLow() < 0.01 && r.ciHigh() > 0.03, "the repeated interval straddles the margin: [" + r.ciLow() + ", "
                + r.ciHigh() + "]");
        assertTrue(fixed.ciLow() > 0.01, "the fixed-n interval clears the margin: " + fixed.ciLow());
        assertEquals(fixed.effect(), r.effect(), 1e-12, "the same seeds, the same mean");
        assertTrue(r.p() > 100 * fixed.p(), "repeated p " + r.p() + " vs fixed-n " + fixed.p());
        assertEquals(r.ciLow() > 0, r.p() <= 0.05, "the p agrees with the interval about zero");
        assertTrue(r.verdict().reason().startsWith("group-sequential, look 2 of 11, O'Brien-Fleming; stopped: open (runs missing)"),
                r.verdict().reason());
        assertTrue(r.verdict().reason().contains("the fixed-n t reading of the same seeds, which ignores the looks: supported"));
    }

    /** +30 pp on every seed (sd 1 pp), cap 8: decided at the first look, supported both ways. */
    @Test
    void aClearEffectIsDecidedAtTheFirstLookAndSupportedBothWays() {
        Experiment e = experiment("seeds { start = 4, step = 2, max = 8 }", CLAIM);
        List<RunResult> runs = runs(e, 0.31, 0.29, 0.30, 0.30);
        ClaimResult fixed = ClaimEvaluator.evaluateAll(e.claims(), runs).get(0);
        ClaimResult r = rows(e, runs).get(0);
        System.out.println("clear effect: " + r.verdict().reason());
        assertEquals(Verdict.Kind.SUPPORTED, fixed.verdict().kind());
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind());
        assertEquals(4, r.nSeeds());
        assertTrue(r.verdict().reason().startsWith("group-sequential, look 1 of 3, O'Brien-Fleming; stopped: decided"), r.verdict().reason());
        assertTrue(r.ciLow() >= 0.01 && r.ciLow() < fixed.ciLow(), "the repeated interval is wider: " + r.ciLow() + " vs " + fixed.ciLow());
        assertTrue(r.p() <= 0.05 && r.p() > 0, "repeated p " + r.p());
        assertEquals(95, r.outcome().ciLevel());
    }

    /**
     * sequential = betting: +30 pp on 8 seeds is far too few for an interval valid for any differences in
     * [-1, 1] (README: 27 seeds at +20 pp): after the first look it is futile (it could not be decided by the
     * cap of 8), inconclusive, with the conservative p 1.
     */
    @Test
    void aBettingClaimNamesItsSequenceAndGetsTheConservativeP() {
        Experiment e = experiment("seeds { start = 4, step = 2, max = 8 }", CLAIM.replace("primary = true", "sequential = betting"));
        List<RunResult> runs = runs(e, 0.31, 0.29, 0.30, 0.30, 0.32, 0.28, 0.30, 0.31);
        ClaimResult r = rows(e, runs).get(0);
        System.out.println("betting: " + r.verdict().reason());
        assertEquals(Verdict.Kind.INCONCLUSIVE, r.verdict().kind());
        assertTrue(r.verdict().reason().startsWith("betting confidence sequence on [-1, 1], 4 of up to 8 seeds; stopped: futile"),
                r.verdict().reason());
        assertTrue(r.ciLow() <= 0, "the sequence still covers 0: " + r.ciLow());
        assertEquals(1.0, r.p());
        assertEquals(4, r.nSeeds());
    }

    /**
     * Differences around -0.5 pp against a claimed +1 pp: the repeated interval still covers 0 (inconclusive),
     * but its claimed-side end is below the margin, and the reason says the claimed size is ruled out.
     */
    @Test
    void anInconclusiveRowSaysWhenTheClaimedSizeIsExcluded() {
        Experiment e = experiment("seeds { start = 4, step = 2, max = 4 }", CLAIM); // one look: read at 4 seeds
        ClaimResult r = rows(e, runs(e, -0.012, 0.002, -0.010, 0.0)).get(0);
        assertEquals(Verdict.Kind.INCONCLUSIVE, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.ciLow() < 0 && r.ciHigh() > 0 && r.ciHigh() < 0.01, "[" + r.ciLow() + ", " + r.ciHigh() + "]");
        assertTrue(r.verdict().reason().contains("so an effect as large as claimed is excluded"), r.verdict().reason());
        // the same seeds shifted up by 0.8 pp: the interval reaches the margin, nothing is excluded
        ClaimResult open = rows(e, runs(e, -0.004, 0.010, -0.002, 0.008)).get(0);
        assertFalse(open.verdict().reason().contains("excluded"), open.verdict().reason());
    }

    /** Fewer seeds committed than the first look needs (a grid that grew, a file half run): no reading yet, "not run yet". */
    @Test
    void withNoLookCompleteYetThePartIsNotRunYet() {
        Experiment e = experiment("seeds { start = 4, step = 2, max = 8 }", CLAIM);
        ClaimResult r = rows(e, runs(e, 0.03, 0.031)).get(0);
        assertEquals(Verdict.Kind.NOT_RUN, r.verdict().kind(), r.verdict().reason());
        assertTrue(r.verdict().reason().contains("no look complete yet (the first needs 4 seeds)"), r.verdict().reason());
        assertTrue(Double.isNaN(r.p()));
    }

    /** Holm runs over the sequential rows' repeated p-values, not over the fixed-n ones. */
    @Test
    void holmIsAppliedToTheSequentialPValues() {
        String two = CLAIM + ", " + CLAIM.replace("A1a", "A2a").replace("margin = 0.01", "margin = 0.2");
        Experiment e = experiment("seeds { start = 4, step = 2, max = 8 }", two);
        List<RunResult> runs = runs(e, 0.31, 0.29, 0.30, 0.30, 0.32, 0.28, 0.30, 0.31);
        List<ClaimResult> rs = rows(e, runs);
        List<ClaimResult> fixed = ClaimEvaluator.evaluateAll(e.claims(), runs);
        double[] p = rs.stream().mapToDouble(ClaimResult::p).toArray();
        double[] adj = Holm.adjust(p);
        for (int i = 0; i < rs.size(); i++) {
            System.out.printf("%s: %s, p %.3g (fixed-n %.3g), Holm %.3g%n", rs.get(i).claimId(), rs.get(i).verdict().kind().label(),
                    p[i], fixed.get(i).p(), rs.get(i).pHolm());
            assertTrue(rs.get(i).verdict().reason().startsWith("group-sequential"), rs.get(i).verdict().reason());
            assertNotEquals(fixed.get(i).p(), p[i], "the row's p is the repeated one");
            assertEquals(adj[i], rs.get(i).pHolm(), 1e-15);
        }
        assertTrue(adj[0] > p[0] || adj[1] > p[1], "two primaries: Holm raised at least one p");
    }

    /** A level rule in an adaptive sweep stays fixed-n, says so, and keeps its fixed-n numbers. */
    @Test
    void otherRulesStayFixedNAndSaySo() {
        String level = "{ id = L, text = t, rule = level, metric = test_acc, treatment { lr = 0.05 }, direction = greater, margin = 0.6 }";
        Experiment e = experiment("seeds { start = 4, step = 2, max = 8 }", level);
        List<RunResult> runs = runs(e, 0.31, 0.29, 0.30, 0.30, 0.32, 0.28, 0.30, 0.31);
        ClaimResult fixed = ClaimEvaluator.evaluateAll(e.claims(), runs).get(0);
        ClaimResult r = rows(e, runs).get(0);
        assertTrue(r.verdict().reason().startsWith("fixed-n (rule level is not read sequentially"), r.verdict().reason());
        assertEquals(fixed.verdict().kind(), r.verdict().kind());
        assertEquals(fixed.ciLow(), r.ciLow());
        assertEquals(8, r.nSeeds());
    }

    /** Without seeds { } the rows are ClaimEvaluator's, unchanged. */
    @Test
    void aSweepWithoutSeedsIsUntouched() {
        Experiment e = experiment("axes { seed = [1, 2, 3, 4, 5, 6] }", CLAIM);
        List<RunResult> runs = runs(e, 0.035, 0.025, 0.030, 0.034, 0.026, 0.030);
        assertEquals(ClaimEvaluator.evaluateAll(e.claims(), e.settings(), runs, Map.of()), rows(e, runs));
    }
}
