package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The band, rate and trend rules on synthetic runs with known answers. */
class NewRulesTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);

    private static RunResult run(boolean ok, double acc, String... params) {
        return new RunResult(Runs.small(params), ok ? RunStatus.OK : RunStatus.DIVERGED, ok ? "" : "loss NaN",
                ok ? acc : null, ok ? acc : null, ok ? acc : null, 80L, ok ? acc : null, 0.5, 80, 10, P, List.of());
    }

    private static ClaimSpec claim(String body) {
        return ClaimParser.parse("t.conf", "claims = [{ id = X, text = \"t\", " + body + " }]").get(0);
    }

    // --- band: count of stable grid levels per seed

    private static final double[] GRID = {0.0001, 0.001, 0.01, 0.1, 1.0};

    /** adam stable on levels [adamLo, adamHi], sgd on [sgdLo, sgdHi]; diverged elsewhere. */
    private static List<RunResult> bandRuns(int adamLo, int adamHi, int sgdLo, int sgdHi) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            for (int i = 0; i < GRID.length; i++) {
                out.add(run(i >= adamLo && i <= adamHi, 0.8, "optimizer=adam", "lr=" + GRID[i], "seed=" + s));
                out.add(run(i >= sgdLo && i <= sgdHi, 0.8, "optimizer=sgd", "lr=" + GRID[i], "seed=" + s));
            }
        }
        return out;
    }

    private static final String BAND = "metric = best_val_acc, rule = band, over = lr, treatment { optimizer = adam }, "
            + "control { optimizer = sgd }, direction = greater, margin = 1";

    @Test
    void aWiderStableBandInEverySeedIsSupported() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(BAND), bandRuns(0, 3, 2, 3)); // 4 levels vs 2
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(2.0, r.effect(), 1e-12);
        assertTrue(r.metric().startsWith("band_width_lr"), r.metric());
    }

    @Test
    void theSameBandWidthShiftedIsNotSupported() {
        // same width (2 levels), at different places: max_stable would see a gain, band must not; every seed's
        // difference is exactly 0: no effect
        ClaimResult r = ClaimEvaluator.evaluate(claim(BAND), bandRuns(3, 4, 1, 2));
        assertEquals(Verdict.Kind.NO_EFFECT, r.verdict().kind(), r.verdict().reason());
        assertEquals(0.0, r.effect(), 1e-12);
    }

    // --- rate: divergence share per arm

    /** k of 12 treatment runs and j of 12 control runs diverge. */
    private static List<RunResult> rateRuns(int k, int j) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 12; s++) {
            out.add(run(s > k, 0.7, "clip=none", "seed=" + s));
            out.add(run(s > j, 0.7, "clip=norm", "seed=" + s));
        }
        return out;
    }

    private static final String RATE = "metric = diverged, rule = rate, treatment { clip = none }, control { clip = norm }, "
            + "direction = greater, margin = 0.2";

    @Test
    void moreDivergenceWithoutClippingIsSupportedWithFishersP() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(RATE), rateRuns(10, 1));
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(9.0 / 12, r.effect(), 1e-12);
        // Fisher exact two-sided for [[10, 2], [1, 11]]: the sum of the hypergeometric
        // probabilities (24 runs, 11 diverged, 12 drawn) no larger than that of the observed table,
        // computed independently with Python's math.comb: 0.00064419
        assertEquals(6.4419e-4, r.p(), 1e-8);
        assertTrue(r.ciLow() > 0 && r.ciHigh() <= 1, r.ciLow() + ".." + r.ciHigh());
    }

    @Test
    void equalRatesAreNoEffectAndAFewDivergencesAreInconclusive() {
        assertEquals(Verdict.Kind.NO_EFFECT, ClaimEvaluator.evaluate(claim(RATE.replace("margin = 0.2", "margin = 0.35")),
                rateRuns(0, 0)).verdict().kind());
        assertEquals(Verdict.Kind.INCONCLUSIVE, ClaimEvaluator.evaluate(claim(RATE), rateRuns(3, 1)).verdict().kind());
    }

    @Test
    void newcombeIntervalMatchesThePublishedExample() {
        // Newcombe (1998), example (a) of Table II, 56/70 vs 48/80: difference 0.2000,
        // method 10 (hybrid score) interval 0.0524 to 0.3339
        double[] d = claimsweep.claims.rules.RateRule.difference(56, 70, 48, 80);
        assertEquals(0.2000, d[0], 1e-12);
        assertEquals(0.0524, d[1], 1e-3);
        assertEquals(0.3339, d[2], 1e-3);
    }

    @Test
    void rateNeedsA01Metric() {
        var e = assertThrows(claimsweep.spec.SpecException.class, () -> claim(RATE.replace("metric = diverged", "metric = test_acc")));
        assertTrue(e.getMessage().contains("claims[0].metric"), e.getMessage());
    }

    // --- trend: Spearman rho per seed

    private static List<RunResult> trendRuns(double slope, double noise) {
        List<RunResult> out = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        double[] levels = {0.0, 0.1, 0.2, 0.4};
        for (int s = 1; s <= 6; s++) {
            for (double p : levels) {
                out.add(run(true, 0.85 + slope * p + noise * rnd.nextGaussian(), "label_noise=" + p, "seed=" + s));
            }
        }
        return out;
    }

    private static final String TREND = "metric = test_acc, rule = trend, over = label_noise, treatment { model = mlp }, "
            + "direction = less, margin = 0.5";

    @Test
    void accuracyFallingWithNoiseInEverySeedIsSupported() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(TREND), trendRuns(-0.3, 0.001));
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(-1.0, r.effect(), 1e-12);
    }

    @Test
    void pureNoiseIsNotSupported() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(TREND), trendRuns(0, 0.01));
        assertNotEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
    }

    @Test
    void spearmanUsesAverageRanksForTies() {
        assertEquals(1.0, claimsweep.claims.rules.TrendRule.spearman(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 1e-12);
        assertEquals(-1.0, claimsweep.claims.rules.TrendRule.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        // x ranks 1,2,3,4; y = 1,1,2,3 -> ranks 1.5,1.5,3,4: rho = 0.9487 (by hand)
        assertEquals(0.9487, claimsweep.claims.rules.TrendRule.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 1, 2, 3}), 1e-4);
        assertTrue(Double.isNaN(claimsweep.claims.rules.TrendRule.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
    }

    // --- range and the A/A calibration

    /** 20 runs of one configuration whose test accuracy is spread evenly over [0.80, 0.80 + width]. */
    private static List<RunResult> aa(double width) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 20; s++) out.add(run(true, 0.80 + width * (s - 1) / 19.0, "seed=" + s));
        return out;
    }

    private static final String RANGE = "metric = test_acc, rule = range, treatment { model = mlp }, direction = greater, margin = 0.01";

    @Test
    void aRangeWiderThanDeltaWithoutItsExtremeRunIsSupported() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(RANGE), aa(0.03));
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(0.03, r.effect(), 1e-12);
        assertEquals(Verdict.Kind.NO_EFFECT, ClaimEvaluator.evaluate(claim(RANGE), aa(0.005)).verdict().kind());
        // one outlier alone carries the range: inconclusive
        List<RunResult> outlier = new ArrayList<>(aa(0.002));
        outlier.set(0, run(true, 0.78, "seed=1"));
        assertEquals(Verdict.Kind.INCONCLUSIVE, ClaimEvaluator.evaluate(claim(RANGE), outlier).verdict().kind());
    }

    @Test
    void calibrationMeasuresPairedDifferenceNoisePerFamilyAndMetricBesideTheDeclaredMargin() {
        Calibration cal = ClaimParser.calibration("t.conf", "calibration { metrics = [test_acc, best_val_acc], runs { model = mlp } }")
                .orElseThrow();
        List<RunResult> aa = aa(0.019); // evenly spaced: seed sd = 0.019 / 19 * sqrt(20 * 21 / 12) = 0.00592
        Calibration.Noise noise = cal.measure(aa).get(Calibration.key("mlp on fashion-mnist", Metric.TEST_ACC));
        assertEquals(20, noise.runs());
        assertEquals(0.019 / 19 * Math.sqrt(20 * 21 / 12.0), noise.seedSd(), 1e-9);
        assertEquals(Math.sqrt(2) * noise.seedSd(), noise.pairedSd(), 1e-12, "the sd of a difference of two runs");
        assertNotNull(cal.measure(aa).get(Calibration.key("mlp on fashion-mnist", Metric.BEST_VAL_ACC)), "one noise per metric");
        // the same runs on another data set are another family: pooling them would measure the data sets' gap
        List<RunResult> twoSets = new ArrayList<>(aa);
        for (RunResult r : aa(0.019)) twoSets.add(run(true, r.testAcc() + 0.13, "dataset=mnist", "seed=" + r.spec().params().get("seed")));
        var both = cal.measure(twoSets);
        assertEquals(noise.seedSd(), both.get(Calibration.key("mlp on fashion-mnist", Metric.TEST_ACC)).seedSd(), 1e-12);
        assertEquals(noise.seedSd(), both.get(Calibration.key("mlp on mnist", Metric.TEST_ACC)).seedSd(), 1e-12);

        // a 1 pp paired gain with the default 1 pp margin; the calibration is shown beside it, not used as the margin
        List<RunResult> arms = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            arms.add(run(true, 0.8105 + 0.0001 * s, "norm=batch", "seed=" + s));
            arms.add(run(true, 0.80 + 0.0001 * s, "norm=none", "seed=" + s));
        }
        ClaimSpec defaulted = claim("metric = test_acc, treatment { norm = batch }, control { norm = none }, direction = greater");
        assertFalse(defaulted.marginDeclared());
        assertEquals(0.01, defaulted.margin(), 0);
        List<ClaimResult> rs = ClaimEvaluator.evaluateAll(List.of(defaulted), arms, cal.measure(aa));
        assertEquals(Verdict.Kind.SUPPORTED, rs.get(0).verdict().kind(), rs.get(0).verdict().reason());
        assertEquals(0.01, rs.get(0).margin(), 0);
        assertTrue(rs.get(0).noise().startsWith("A/A paired-difference sd 0.008"), rs.get(0).noise());
        assertFalse(rs.get(0).noise().contains("below it"), rs.get(0).noise());
        // noisier A/A runs (paired sd 0.0132 > the 1 pp margin): the report flags a margin one pair's noise could reach
        String noisy = ClaimEvaluator.evaluateAll(List.of(defaulted), arms, cal.measure(aa(0.03))).get(0).noise();
        assertTrue(noisy.contains("the margin 0.01 is below it"), noisy);
        assertEquals("", ClaimEvaluator.evaluateAll(List.of(defaulted), arms, Map.of()).get(0).noise());
    }

    @Test
    void tooFewCalibrationRunsGiveNoSigma() {
        Calibration cal = ClaimParser.calibration("t.conf", "calibration { metric = test_acc, runs { model = mlp } }").orElseThrow();
        assertTrue(cal.measure(aa(0.01).subList(0, 9)).isEmpty());
        var e = assertThrows(claimsweep.spec.SpecException.class,
                () -> ClaimParser.calibration("t.conf", "calibration { metric = test_accuracy, runs { modle = mlp } }"));
        assertTrue(e.getMessage().contains("calibration.metric") && e.getMessage().contains("calibration.runs.modle"), e.getMessage());
    }

    // --- interaction: the gap between two levels, treatment vs control

    /**
     * Per seed: accuracy at batch 50 and 2, without augmentation gap noAugGap, with it augGap; the LR
     * is zipped with the batch (as in A10), so runs must pair by seed alone.
     */
    private static List<RunResult> interactionRuns(double noAugGap, double augGap) {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            double jitter = 0.001 * s;
            out.add(run(true, 0.85 + jitter, "augment=none", "batch_size=50", "lr=0.2", "seed=" + s));
            out.add(run(true, 0.85 - noAugGap + 0.0003 * s, "augment=none", "batch_size=2", "lr=0.008", "seed=" + s));
            out.add(run(true, 0.86 + jitter, "augment=shift", "batch_size=50", "lr=0.2", "seed=" + s));
            out.add(run(true, 0.86 - augGap + 0.0002 * s, "augment=shift", "batch_size=2", "lr=0.008", "seed=" + s));
        }
        return out;
    }

    private static final String INTERACTION = "metric = test_acc, rule = interaction, over = batch_size, "
            + "treatment { augment = shift }, control { augment = none }, direction = less, margin = 0.5";

    @Test
    void aGapThatShrinksByMoreThanHalfIsSupported() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(INTERACTION), interactionRuns(0.06, 0.01));
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(-0.05, r.effect(), 0.002);
        // the margin is half the control arm's mean gap (0.06 + seed jitter)
        assertEquals(0.5 * 0.06, r.margin(), 0.002);
        assertTrue(r.chosen().startsWith("control gap 0.06"), r.chosen());
    }

    @Test
    void aGapThatShrinksByATenthIsNotSupported() {
        ClaimResult r = ClaimEvaluator.evaluate(claim(INTERACTION), interactionRuns(0.06, 0.054));
        assertNotEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
    }

    @Test
    void manyLevelsAreReadAtTheExtremesEachAtItsOwnBestLevelOfBestOver() {
        // A5: six batch sizes and three LRs per batch; the claim is about batch 2 vs the largest batch
        List<RunResult> runs = new ArrayList<>(interactionRuns(0.06, 0.01));
        for (int s = 1; s <= 6; s++) {
            for (String aug : List.of("none", "shift")) {
                // a worse LR at each extreme (lower validation accuracy: never chosen) and a middle batch (ignored)
                runs.add(run(true, 0.5 + 0.001 * s, "augment=" + aug, "batch_size=50", "lr=0.6", "seed=" + s));
                runs.add(run(true, 0.4 + 0.001 * s, "augment=" + aug, "batch_size=2", "lr=0.024", "seed=" + s));
                runs.add(run(true, 0.3, "augment=" + aug, "batch_size=8", "lr=0.03", "seed=" + s));
            }
        }
        ClaimResult r = ClaimEvaluator.evaluate(claim(INTERACTION + ", best_over = [lr], select_by = final_val_acc"), runs);
        assertEquals(Verdict.Kind.SUPPORTED, r.verdict().kind(), r.verdict().reason());
        assertEquals(-0.05, r.effect(), 0.002);
        assertEquals(6, r.nSeeds());
        // without best_over the arm holds two runs per seed and level: ambiguous, nothing pairs
        ClaimResult ambiguous = ClaimEvaluator.evaluate(claim(INTERACTION), runs);
        assertEquals(0, ambiguous.nSeeds(), ambiguous.verdict().reason());
        assertEquals(Verdict.Kind.INCONCLUSIVE, ambiguous.verdict().kind());
    }

    // --- interaction with margin_scale = absolute (A5c: the control's gap is about 0)

    /** Treatment augment = none (gap bnGap), control augment = shift (gap ~0.001-0.005): "the treatment loses more". */
    private static final String LOSES_MORE = "metric = test_acc, rule = interaction, over = batch_size, "
            + "treatment { augment = none }, control { augment = shift }, direction = greater";

    @Test
    void anAbsoluteMarginIsInTheMetricsUnit() {
        // gaps differ by ~0.0056 per seed: far above half the control's ~0.003 gap, below 1 pp
        List<RunResult> small = interactionRuns(0.006, 0);
        ClaimResult relative = ClaimEvaluator.evaluate(claim(LOSES_MORE + ", margin = 0.5"), small);
        assertEquals(Verdict.Kind.SUPPORTED, relative.verdict().kind(), relative.verdict().reason());
        ClaimResult absolute = ClaimEvaluator.evaluate(claim(LOSES_MORE + ", margin = 0.01, margin_scale = absolute"), small);
        assertEquals(Verdict.Kind.WEAKER, absolute.verdict().kind(), absolute.verdict().reason());
        assertEquals(0.01, absolute.margin(), 1e-12);
        assertTrue(absolute.chosen().contains("margin 0.0100 in the unit of test_acc (margin_scale = absolute)"), absolute.chosen());
        ClaimResult large = ClaimEvaluator.evaluate(claim(LOSES_MORE + ", margin = 0.01, margin_scale = absolute"),
                interactionRuns(0.025, 0));
        assertEquals(Verdict.Kind.SUPPORTED, large.verdict().kind(), large.verdict().reason());
        assertEquals(0.0247, large.effect(), 0.001);
    }

    @Test
    void relativeIsTheDefaultAndReadsAsBefore() {
        List<RunResult> runs = interactionRuns(0.06, 0.01);
        ClaimResult implicit = ClaimEvaluator.evaluate(claim(INTERACTION), runs);
        ClaimResult explicit = ClaimEvaluator.evaluate(claim(INTERACTION + ", margin_scale = relative"), runs);
        assertEquals(implicit, explicit);
        assertEquals("relative", claim(INTERACTION).option("margin_scale"));
    }

    @Test
    void marginScaleIsRefusedOutsideTheInteractionRuleAndNeedsAKnownWord() {
        var paired = assertThrows(claimsweep.spec.SpecException.class, () -> claim("metric = test_acc, treatment { norm = batch }, "
                + "control { norm = none }, direction = greater, margin_scale = absolute"));
        assertTrue(paired.getMessage().contains("claims[0].margin_scale: found margin_scale on a paired claim")
                && paired.getMessage().contains("only rule = interaction reads it"), paired.getMessage());
        var word = assertThrows(claimsweep.spec.SpecException.class, () -> claim(LOSES_MORE + ", margin = 0.01, margin_scale = pp"));
        assertTrue(word.getMessage().contains("claims[0].margin_scale") && word.getMessage().contains("one of relative, absolute"),
                word.getMessage());
    }
}
