package claimsweep.claims;

import claimsweep.Runs;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.SpecException;
import claimsweep.spec.hocon.HoconFile;
import claimsweep.stats.Holm;
import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@code settings = [...]}: the parser's checks, and claims evaluated once per setting with Holm over every row. */
class SettingsTest {
    private static final Provenance P = new Provenance("h", "c", "17", "amd64", "cpu", 1, "x", 0);

    private static Experiment parse(String settings) {
        List<String> problems = new ArrayList<>();
        HoconFile f = HoconFile.of("scope.conf", """
                name = t
                model = mlp
                budget { steps = 10 }
                axes { norm = [none, batch], dataset = [mnist, fashion-mnist] }
                %s
                claims = [{ id = X, text = t, metric = test_acc, treatment { norm = batch }, control { norm = none },
                            direction = greater }]
                """.formatted(settings), "", (o, k, found, exp) -> problems.add(k));
        assertNotNull(f, problems.toString());
        return Experiment.parse(f, List.of());
    }

    @Test
    void settingsAreReadInTheirOrderAndDefaultToNone() {
        assertEquals(List.of("dataset", "norm"), parse("settings = [dataset, norm]").settings());
        assertEquals(List.of(), parse("").settings());
    }

    @Test
    void anUnknownParameterNamesTheFileTheKeyAndTheParameterNames() {
        SpecException e = assertThrows(SpecException.class, () -> parse("settings = [dataset, datset]"));
        String m = e.getMessage();
        assertTrue(m.contains("scope.conf"), m);
        assertTrue(m.contains("settings[1]"), m);
        assertTrue(m.contains("run parameter"), m);
        assertTrue(m.contains("dataset"), m); // the suggestion and the list of names
        assertEquals(1, e.problems().size(), e.problems().toString());
    }

    @Test
    void notAListAndARepeatedNameAreProblemsToo() {
        String m = assertThrows(SpecException.class, () -> parse("settings = dataset")).getMessage();
        assertTrue(m.contains("settings") && m.contains("a list of run parameter names"), m);
        String twice = assertThrows(SpecException.class, () -> parse("settings = [dataset, dataset]")).getMessage();
        assertTrue(twice.contains("settings[1]") && twice.contains("each parameter once"), twice);
    }

    private static RunResult run(double acc, String... params) {
        return new RunResult(Runs.small(params), RunStatus.OK, "", 0.5, acc, acc, 80L, acc, 0.5, 80, 10, P, List.of());
    }

    /** 6 seeds per dataset; batch beats none by {@code mnistGain} on MNIST and by {@code fashionGain} on Fashion-MNIST. */
    private static List<RunResult> runs(double mnistGain, double fashionGain) {
        Random rnd = new Random(7);
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            for (String ds : List.of("mnist", "fashion-mnist")) {
                double base = 0.80 + 0.003 * rnd.nextGaussian();
                double gain = ds.equals("mnist") ? mnistGain : fashionGain;
                out.add(run(base, "dataset=" + ds, "norm=none", "seed=" + s));
                out.add(run(base + gain + 0.001 * rnd.nextGaussian(), "dataset=" + ds, "norm=batch", "seed=" + s));
            }
        }
        return out;
    }

    private static ClaimSpec claim(String body) {
        return ClaimParser.parse("t.conf", "claims = [{ id = X, text = t, metric = test_acc, direction = greater, margin = 0.01, "
                + "primary = true, " + body + " }]").get(0);
    }

    @Test
    void anEffectInOneDatasetOnlyIsSupportedThereAndNotInTheOther() {
        ClaimSpec c = claim("treatment { norm = batch }, control { norm = none }");
        List<ClaimResult> rs = ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset"), runs(0.05, 0.0), java.util.Map.of());
        assertEquals(List.of("dataset=fashion-mnist", "dataset=mnist"), rs.stream().map(ClaimResult::setting).toList());
        ClaimResult fashion = rs.get(0);
        ClaimResult mnist = rs.get(1);
        assertEquals(Verdict.Kind.SUPPORTED, mnist.verdict().kind(), mnist.verdict().reason());
        assertTrue(fashion.verdict().kind() == Verdict.Kind.NO_EFFECT || fashion.verdict().kind() == Verdict.Kind.INCONCLUSIVE,
                fashion.verdict().reason());
        assertEquals(6, mnist.nSeeds(), "one unit per seed of the setting, not of both datasets");
        assertEquals(12, mnist.runIds().size());
        // Holm over both primary rows, exactly as Holm.adjust over the two raw p's
        double[] adj = Holm.adjust(new double[] {fashion.p(), mnist.p()});
        assertEquals(adj[0], fashion.pHolm(), 1e-15);
        assertEquals(adj[1], mnist.pHolm(), 1e-15);
        assertTrue(mnist.pHolm() > mnist.p(), "adjusted over two rows");
    }

    @Test
    void withoutSettingsOneRowOverEveryRunAsBefore() {
        ClaimSpec c = claim("treatment { norm = batch }, control { norm = none }");
        List<ClaimResult> rs = ClaimEvaluator.evaluateAll(List.of(c), List.of(), runs(0.05, 0.0), java.util.Map.of());
        assertEquals(1, rs.size());
        assertEquals("", rs.get(0).setting());
        assertEquals(ClaimEvaluator.evaluate(c, runs(0.05, 0.0)).outcome(), rs.get(0).outcome());
    }

    @Test
    void aClaimThatFixesOneDatasetIsNotEvaluatedInTheOther() {
        ClaimSpec c = claim("treatment { norm = batch, dataset = mnist }, control { norm = none, dataset = mnist }");
        List<ClaimResult> rs = ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset", "norm"), runs(0.05, 0.0), java.util.Map.of());
        // settings dataset x norm: the treatment selects runs only in (mnist, batch)
        assertEquals(List.of("dataset=mnist, norm=batch"), rs.stream().map(ClaimResult::setting).toList());
        assertEquals(Verdict.Kind.INCONCLUSIVE, rs.get(0).verdict().kind(), "the control lies in another setting: no pairs");
    }

    /** The design of {@link #runs}: both datasets, both norms, 6 seeds. */
    private static List<claimsweep.spec.RunSpec> design() {
        return runs(0, 0).stream().map(RunResult::spec).toList();
    }

    @Test
    void withTheDesignKnownASettingWithoutRunsIsNotRunYetAndCountsInHolmAsPOne() {
        ClaimSpec c = claim("treatment { norm = batch }, control { norm = none }");
        List<RunResult> fashionOnly = runs(0.05, 0.05).stream().filter(r -> r.spec().params().get("dataset").equals("fashion-mnist"))
                .toList();
        List<ClaimResult> rs = ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset"), fashionOnly, java.util.Map.of(), design());
        assertEquals(List.of("dataset=fashion-mnist", "dataset=mnist"), rs.stream().map(ClaimResult::setting).toList());
        assertEquals(Verdict.Kind.SUPPORTED, rs.get(0).verdict().kind(), rs.get(0).verdict().reason());
        ClaimResult mnist = rs.get(1);
        assertEquals(Verdict.Kind.NOT_RUN, mnist.verdict().kind());
        assertTrue(mnist.verdict().reason().contains("6 treatment runs planned"), mnist.verdict().reason());
        assertTrue(Double.isNaN(mnist.p()) && Double.isNaN(mnist.pHolm()) && mnist.runIds().isEmpty());
        // Holm: the missing row counts as p = 1, so the run row's p is adjusted as over the complete family
        assertEquals(Holm.adjust(new double[] {rs.get(0).p(), 1})[0], rs.get(0).pHolm(), 1e-15);
        // without the design, the same runs give one row and no word about MNIST
        assertEquals(1, ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset"), fashionOnly, java.util.Map.of()).size());
    }

    @Test
    void withTheDesignKnownAFileWithoutRunsIsNotRunYetAndAMissingControlToo() {
        ClaimSpec c = claim("treatment { norm = batch }, control { norm = none }");
        List<ClaimResult> none = ClaimEvaluator.evaluateAll(List.of(c), List.of(), List.of(), java.util.Map.of(), design());
        assertEquals(1, none.size());
        assertEquals(Verdict.Kind.NOT_RUN, none.get(0).verdict().kind());
        assertEquals("", none.get(0).setting());
        // treatment runs committed, control runs not yet: no verdict either
        List<RunResult> batchOnly = runs(0.05, 0.05).stream().filter(r -> r.spec().params().get("norm").equals("batch")).toList();
        List<ClaimResult> half = ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset"), batchOnly, java.util.Map.of(), design());
        assertEquals(List.of(Verdict.Kind.NOT_RUN, Verdict.Kind.NOT_RUN), half.stream().map(r -> r.verdict().kind()).toList());
        // everything run: the same rows as without the design
        assertEquals(ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset"), runs(0.05, 0), java.util.Map.of()),
                ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset"), runs(0.05, 0), java.util.Map.of(), design()));
    }

    @Test
    void withTheDesignKnownAControlInAnotherSettingIsNotMissing() {
        ClaimSpec c = claim("treatment { norm = batch, dataset = mnist }, control { norm = none, dataset = mnist }");
        List<ClaimResult> rs = ClaimEvaluator.evaluateAll(List.of(c), List.of("dataset", "norm"), runs(0.05, 0.0), java.util.Map.of(),
                design());
        assertEquals(List.of("dataset=mnist, norm=batch"), rs.stream().map(ClaimResult::setting).toList());
        assertEquals(Verdict.Kind.INCONCLUSIVE, rs.get(0).verdict().kind(), "as without the design: the rule's verdict");
    }

    @Test
    void theReadmeExampleParses() throws Exception {
        String readme = java.nio.file.Files.readString(claimsweep.TestData.repoRoot().resolve("README.md"));
        int at = readme.indexOf("```hocon\nsettings = [dataset]");
        assertTrue(at >= 0, "README's settings example");
        String block = readme.substring(at + "```hocon\n".length(), readme.indexOf("```", at + 8));
        HoconFile f = HoconFile.of("README.md", "name = readme\nmodel = mlp\nbudget { steps = 10 }\n" + block, "",
                (o, k, found, exp) -> fail(o + " " + k + " " + found + " " + exp));
        Experiment e = Experiment.parse(f, List.of());
        assertEquals(List.of("dataset"), e.settings());
        assertEquals("level", e.claims().get(0).requires().get(0).rule().name());
    }
}
