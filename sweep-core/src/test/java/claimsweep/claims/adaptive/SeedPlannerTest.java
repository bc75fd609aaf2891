package claimsweep.claims.adaptive;

import claimsweep.claims.Experiment;
import claimsweep.expand.Expander;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adaptive-seeding planner on synthetic results: which claims stop when, and which runs each round needs. */
class SeedPlannerTest {
    private static final Provenance PROV = new Provenance("t", "t", "17", "t", "t", 1, "t", 0L);

    /** A sweep over norm x lr with adaptive seeds, and the given claims. */
    private static Experiment experiment(String seeds, String claims) {
        return Experiment.parse(claimsweep.spec.hocon.HoconFile.of("t.conf", """
                name = t
                model = mlp
                budget { steps = 10 }
                axes { norm = [none, batch, layer], lr = [0.0001, 0.05] }
                seeds { %s }
                claims = [%s]
                """.formatted(seeds, claims), "", (o, k, f, e) -> { throw new AssertionError(o + " " + k + " " + f + " " + e); }),
                List.of());
    }

    private static List<RunSpec> grid(Experiment e) {
        SweepSpec s = e.sweep();
        return Expander.expand(s.atSeedCap());
    }

    /** test accuracy = a deterministic function of the run's configuration plus seeded noise of sd {@code sd}. */
    private static RunResult result(RunSpec s, ToDoubleFunction<RunSpec> mean, double sd) {
        Random rnd = new Random(Long.parseLong(s.runId().substring(0, 15), 16));
        double acc = mean.applyAsDouble(s) + sd * rnd.nextGaussian();
        return new RunResult(s, RunStatus.OK, "", 0.5, acc, acc, 10L, acc, 0.5, 10, 1, PROV, List.of());
    }

    /** Rounds until the plan is done; every scheduled run is "trained" (its synthetic result committed). */
    private record Run(List<SeedPlanner.Plan> plans, List<List<RunSpec>> rounds) {}

    private static Run runToEnd(Experiment e, ToDoubleFunction<RunSpec> mean, double sd) {
        SeedPlanner planner = new SeedPlanner(e.sweep().seeds().orElseThrow());
        List<RunSpec> grid = grid(e);
        List<RunResult> committed = new ArrayList<>();
        List<SeedPlanner.Plan> plans = new ArrayList<>();
        List<List<RunSpec>> rounds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SeedPlanner.Plan p = planner.plan(e.claims(), committed, grid);
            plans.add(p);
            if (p.done()) return new Run(plans, rounds);
            rounds.add(p.next());
            for (RunSpec r : p.next()) committed.add(result(r, mean, sd));
        }
        throw new AssertionError("no end after 20 rounds");
    }

    private static final String BIG = "{ id = Big, text = t, metric = test_acc, treatment { lr = 0.05 }, control { lr = 0.0001 },"
            + " direction = greater, margin = 0.01 }";

    @Test
    void aLargeEffectStopsAfterTheFirstRound() {
        // cap 8: the first look's t boundary is 8.84 (with cap 24 it is 302: O'Brien-Fleming spends almost nothing at 4 of 24)
        Experiment e = experiment("start = 4, step = 2, max = 8", BIG);
        Run run = runToEnd(e, s -> s.doubleParam("lr") == 0.05 ? 0.85 : 0.55, 0.01);
        assertEquals(1, run.rounds().size(), "one round of training");
        assertEquals(3 * 2 * 4, run.rounds().get(0).size(), "round 1 = the whole grid at seeds 1..4");
        ClaimProgress p = run.plans().get(1).claims().get(0);
        System.out.println("large effect: " + p.explanation());
        assertEquals(ClaimProgress.Stop.DECIDED, p.stop());
        assertEquals("supported", p.verdict());
        assertEquals(4, p.seedsUsed());
        assertTrue(p.fixedSeeds() > 4, "a fixed design with the same guarantee needs more than 4 seeds: " + p.fixedSeeds());
    }

    @Test
    void aNearMarginClaimTakesMoreRoundsAndNoRunIsScheduledTwice() {
        // 1.5 pp against a 1 pp margin, 0.4 pp seed noise per run: the first look (4 seeds) cannot place it above the margin
        String near = "{ id = Near, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none },"
                + " direction = greater, margin = 0.01 }";
        Experiment e = experiment("start = 4, step = 2, max = 24", near);
        Run run = runToEnd(e, s -> s.stringParam("norm").equals("batch") ? 0.815 : 0.80, 0.004);
        ClaimProgress p = run.plans().get(run.plans().size() - 1).claims().get(0);
        System.out.println("near margin: " + run.rounds().size() + " rounds; " + p.stop().label() + ": " + p.explanation());
        assertTrue(run.rounds().size() > 1, "more than one round");
        assertTrue(p.seedsUsed() > 4);
        assertTrue(p.stop() != ClaimProgress.Stop.OPEN);
        Set<String> seen = new HashSet<>();
        for (List<RunSpec> round : run.rounds()) for (RunSpec r : round) assertTrue(seen.add(r.runId()), "scheduled twice: " + r.tag());
        // later rounds only hold the claim's arms (norm = none or batch), never the unclaimed layer norm
        for (int i = 1; i < run.rounds().size(); i++) {
            for (RunSpec r : run.rounds().get(i)) assertFalse(r.stringParam("norm").equals("layer"), r.tag());
        }
        // the path has one repeated interval per look read, each narrower than the one before
        for (int i = 1; i < p.path().size(); i++) assertTrue(p.path().get(i).halfWidth() < p.path().get(i - 1).halfWidth());
    }

    @Test
    void bestOverLevelsAndPremiseArmsAreScheduledPairedForAnOpenClaim() {
        String claim = "{ id = Open, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none },"
                + " direction = greater, margin = 0.01, best_over = [lr],"
                + " requires = [{ metric = test_acc, treatment { norm = layer, lr = 0.05 }, control { norm = none, lr = 0.05 }, direction = greater }] }";
        Experiment e = experiment("start = 4, step = 2, max = 24", claim);
        SeedPlanner planner = new SeedPlanner(e.sweep().seeds().orElseThrow());
        List<RunSpec> grid = grid(e);
        List<RunResult> committed = new ArrayList<>();
        // 1.5 pp against a 1 pp margin: open after 4 seeds, decidable later
        ToDoubleFunction<RunSpec> mean = s -> s.stringParam("norm").equals("batch") ? 0.815 : 0.80;
        for (RunSpec r : planner.plan(e.claims(), committed, grid).next()) committed.add(result(r, mean, 0.004));
        SeedPlanner.Plan second = planner.plan(e.claims(), committed, grid);
        assertEquals(ClaimProgress.Stop.OPEN, second.claims().get(0).stop(), "a near-margin effect is open after 4 seeds");
        Set<String> got = new HashSet<>();
        for (RunSpec r : second.next()) got.add(r.stringParam("norm") + "/" + r.doubleParam("lr") + "/" + r.longParam("seed"));
        Set<String> want = new HashSet<>();
        for (long seed = 5; seed <= 6; seed++) {
            for (double lr : new double[]{0.0001, 0.05}) {
                want.add("batch/" + lr + "/" + seed);   // treatment at every best_over level
                want.add("none/" + lr + "/" + seed);    // control at every best_over level
            }
            want.add("layer/0.05/" + seed);             // the premise's treatment arm
        }
        assertEquals(want, got);
    }

    @Test
    void anInterruptedRoundIsReplannedToExactlyTheRunsStillMissing() {
        String near = "{ id = Near, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none },"
                + " direction = greater, margin = 0.01 }";
        Experiment e = experiment("start = 4, step = 2, max = 24", near);
        SeedPlanner planner = new SeedPlanner(e.sweep().seeds().orElseThrow());
        List<RunSpec> grid = grid(e);
        ToDoubleFunction<RunSpec> mean = s -> s.stringParam("norm").equals("batch") ? 0.815 : 0.80;
        List<RunResult> committed = new ArrayList<>();
        for (RunSpec r : planner.plan(e.claims(), committed, grid).next()) committed.add(result(r, mean, 0.004));
        List<RunSpec> round2 = planner.plan(e.claims(), committed, grid).next();
        assertEquals(2 * 2 * 2, round2.size(), "seeds 5 and 6 of both arms at both lr levels");
        // the driver dies after committing half of round 2
        for (RunSpec r : round2.subList(0, 4)) committed.add(result(r, mean, 0.004));
        List<RunSpec> resumed = planner.plan(e.claims(), committed, grid).next();
        assertEquals(round2.subList(4, 8).stream().map(RunSpec::runId).toList(), resumed.stream().map(RunSpec::runId).toList());
    }

    @Test
    void nonPairedRulesStayFixedNAndGetEverySeedToTheCap() {
        String rate = "{ id = R, text = t, rule = rate, metric = diverged, treatment { lr = 0.05 }, control { lr = 0.0001 },"
                + " direction = greater, margin = 0.2 }";
        Experiment e = experiment("start = 2, step = 1, max = 3", rate);
        Run run = runToEnd(e, s -> 0.8, 0.01);
        ClaimProgress p = run.plans().get(run.plans().size() - 1).claims().get(0);
        assertEquals(ClaimProgress.Stop.FIXED_N, p.stop());
        assertEquals("fixed-n", p.design());
        assertEquals(3, p.seedsUsed());
        assertEquals(1, run.rounds().size(), "the fixed-n claim's seeds up to the cap all go into round 1");
        assertEquals(3 * 2 * 3, run.rounds().get(0).size());
        assertTrue(run.rounds().get(0).stream().allMatch(r -> Map.of().isEmpty() && r.longParam("seed") <= 3));
    }

    @Test
    void aClaimNoCapCanDecideIsGivenUpAsFutileAndGetsNoMoreSeeds() {
        // the true effect sits on the margin with 3 pp seed noise: even at 24 seeds the interval would straddle the margin
        String hopeless = "{ id = H, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none },"
                + " direction = greater, margin = 0.01 }";
        Experiment e = experiment("start = 4, step = 2, max = 24", hopeless);
        Run run = runToEnd(e, s -> s.stringParam("norm").equals("batch") ? 0.81 : 0.80, 0.03);
        ClaimProgress p = run.plans().get(run.plans().size() - 1).claims().get(0);
        System.out.println("hopeless: " + run.rounds().size() + " rounds; " + p.stop().label() + ": " + p.explanation());
        assertEquals(ClaimProgress.Stop.FUTILE, p.stop());
        assertEquals("inconclusive", p.verdict());
        assertTrue(p.seedsUsed() < 24, "given up before the cap: " + p.seedsUsed());
        assertEquals(p.seedsUsed(), run.rounds().stream().flatMap(List::stream).mapToLong(r -> r.longParam("seed")).max().orElseThrow(),
                "no seed beyond the look it was given up at");
    }

    @Test
    void bettingOnMinusOneToOneCannotDecideAFewPointsAndSaysSoAfterRoundOne() {
        String bet = "{ id = B, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none },"
                + " direction = greater, margin = 0.01, sequential = betting }";
        Experiment e = experiment("start = 4, step = 2, max = 24", bet);
        Run run = runToEnd(e, s -> s.stringParam("norm").equals("batch") ? 0.85 : 0.80, 0.005);
        ClaimProgress p = run.plans().get(run.plans().size() - 1).claims().get(0);
        System.out.println("betting: " + p.stop().label() + ": " + p.explanation());
        assertEquals("betting", p.design());
        assertEquals(ClaimProgress.Stop.FUTILE, p.stop(), "5 pp within [-1, 1] bounds is out of reach by 24 seeds (README)");
        assertEquals(1, run.rounds().size());
        assertEquals(4, p.path().size(), "the betting sequence after each of the 4 seeds");
        assertTrue(p.fixedSeeds() > 0);
    }
    @Test
    void aClaimDecidedInOneSettingGetsSeedsOnlyWhereItIsStillOpen() {
        Experiment e = Experiment.parse(claimsweep.spec.hocon.HoconFile.of("t.conf", """
                name = t
                model = mlp
                budget { steps = 10 }
                axes { dataset = [mnist, fashion-mnist], lr = [0.0001, 0.05] }
                seeds { start = 4, step = 2, max = 8 }
                settings = [dataset]
                claims = [%s]
                """.formatted(BIG), "", (o, k, f, x) -> { throw new AssertionError(o + " " + k + " " + f + " " + x); }), List.of());
        SeedPlanner planner = new SeedPlanner(e.sweep().seeds().orElseThrow());
        List<RunSpec> grid = grid(e);
        // MNIST: 30 pp, decided at the first look; Fashion-MNIST: 1.5 pp against a 1 pp margin, open after 4 seeds
        ToDoubleFunction<RunSpec> mean = s -> s.doubleParam("lr") == 0.05
                ? (s.stringParam("dataset").equals("mnist") ? 0.85 : 0.815) : (s.stringParam("dataset").equals("mnist") ? 0.55 : 0.80);
        List<RunResult> committed = new ArrayList<>();
        for (RunSpec r : planner.plan(e.claims(), e.settings(), committed, grid).next()) committed.add(result(r, mean, 0.004));
        SeedPlanner.Plan second = planner.plan(e.claims(), e.settings(), committed, grid);
        assertEquals(List.of("Big @ dataset=fashion-mnist", "Big @ dataset=mnist"), second.claims().stream().map(ClaimProgress::label).toList());
        assertEquals(ClaimProgress.Stop.OPEN, second.claims().get(0).stop());
        assertEquals(ClaimProgress.Stop.DECIDED, second.claims().get(1).stop());
        assertEquals("supported", second.claims().get(1).verdict());
        Set<String> got = new HashSet<>();
        for (RunSpec r : second.next()) got.add(r.stringParam("dataset") + "/" + r.doubleParam("lr") + "/" + r.longParam("seed"));
        assertEquals(Set.of("fashion-mnist/1.0E-4/5", "fashion-mnist/0.05/5", "fashion-mnist/1.0E-4/6", "fashion-mnist/0.05/6"), got,
                "seeds 5 and 6 for the open setting's arms only");
        // without settings the same claim is read over both datasets at once: one plan row
        assertEquals(1, planner.plan(e.claims(), committed, grid).claims().size());
    }
}
