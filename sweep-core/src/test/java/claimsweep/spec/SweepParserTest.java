package claimsweep.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SweepParserTest {
    private static final String BASE = """
            name = t
            dataset = fashion-mnist
            model = mlp
            budget { epochs = 1 }
            eval_every = 10
            fixed { depth = 1, width = 16, train_size = 1000, val_size = 200, batch_size = 32 }
            axes {
              norm = [none, batch]
              lr = [0.01, 0.1]
            }
            """;

    private static SweepSpec parse(String text, String... args) {
        return SweepParser.parse("t.conf", text, "hash", List.of(args));
    }

    private static SpecException fails(String text, String... args) {
        return assertThrows(SpecException.class, () -> parse(text, args));
    }

    @Test
    void parsesAxesInFileOrderWithOrigins() {
        SweepSpec s = parse(BASE);
        assertEquals("t", s.name());
        assertEquals(List.of("norm", "lr"), s.axes().stream().map(Axis::name).toList());
        assertEquals(List.of(0.01, 0.1), s.axis("lr").values().stream().map(Setting::value).toList());
        assertEquals("t.conf:8", s.axis("norm").values().get(0).origin());
        assertEquals(1L, s.fixed().get("epochs").value());
        assertEquals(0L, s.fixed().get("steps").value());
    }

    @Test
    void unknownTopLevelKeyGetsDidYouMean() {
        SpecException e = fails(BASE + "axs { seed = [1] }\n");
        assertEquals(1, e.problems().size());
        Problem p = e.problems().get(0);
        assertEquals("t.conf:11", p.origin());
        assertEquals("axs", p.key());
        assertTrue(p.expected().contains("did you mean \"axes\""), p.expected());
    }

    @Test
    void unknownParameterInFixedGetsDidYouMean() {
        SpecException e = fails(BASE.replace("depth = 1", "dept = 1"));
        assertTrue(e.getMessage().contains("t.conf:6: fixed.dept"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean \"depth\""), e.getMessage());
    }

    @Test
    void wrongTypeNamesKeyFoundAndExpected() {
        SpecException e = fails(BASE.replace("width = 16", "width = wide"));
        Problem p = e.problems().get(0);
        assertEquals("fixed.width", p.key());
        assertTrue(p.found().contains("wide"), p.found());
        assertTrue(p.expected().contains("integer"), p.expected());
    }

    @Test
    void emptyAxisIsRejected() {
        SpecException e = fails(BASE.replace("lr = [0.01, 0.1]", "lr = []"));
        assertEquals("axes.lr", e.problems().get(0).key());
        assertEquals("t.conf:9", e.problems().get(0).origin());
        assertTrue(e.getMessage().contains("at least one value"));
    }

    @Test
    void zeroOrNegativeLearningRateIsRejected() {
        SpecException e = fails(BASE.replace("lr = [0.01, 0.1]", "lr = [0.01, 0, -1]"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals("axes.lr[1]", e.problems().get(0).key());
        assertEquals("axes.lr[2]", e.problems().get(1).key());
    }

    @Test
    void unknownNormNamesTheAlternatives() {
        SpecException e = fails(BASE.replace("[none, batch]", "[none, \"grop(4)\"]"));
        Problem p = e.problems().get(0);
        assertEquals("axes.norm[1]", p.key());
        assertTrue(p.expected().contains("group(G)"), p.expected());
    }

    @Test
    void unknownInitAndOptimizerAreRejected() {
        SpecException e = fails(BASE.replace("depth = 1", "depth = 1, init = kaiming, optimizer = adamm"));
        String m = e.getMessage();
        assertTrue(m.contains("fixed.init"), m);
        assertTrue(m.contains("fixed.optimizer"), m);
        assertTrue(m.contains("adam"), m);
    }

    @Test
    void unknownScheduleNamesTheAlternativesAndSuggests() {
        SpecException e = fails(BASE.replace("norm = [none, batch]", "norm = [none, batch]\n  schedule = [cosin]"));
        assertTrue(e.getMessage().contains("t.conf:"), e.getMessage());
        assertTrue(e.getMessage().contains("schedule"), e.getMessage());
        assertTrue(e.getMessage().contains("cosine"), e.getMessage());
    }

    @Test
    void malformedHoconNamesTheLine() {
        SpecException e = fails(BASE + "axes { seed = [1, 2 }\n");
        Problem p = e.problems().get(0);
        assertEquals("(syntax)", p.key());
        assertTrue(p.origin().startsWith("t.conf:11"), p.origin());
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        SpecException e = fails(BASE.replace("width = 16", "width = -3").replace("eval_every = 10", "eval_every = x"));
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void budgetNeedsExactlyOneOfEpochsOrSteps() {
        assertTrue(fails(BASE.replace("epochs = 1", "epochs = 1, steps = 5")).getMessage().contains("exactly one"));
        assertTrue(fails(BASE.replace("budget { epochs = 1 }", "budget { }")).getMessage().contains("exactly one"));
    }

    @Test
    void overridesReplaceFixedValuesAndListsBecomeAxes() {
        SweepSpec s = parse(BASE, "width=32", "seed=[1,2,3]", "lr=0.05");
        assertEquals(32L, s.fixed().get("width").value());
        assertEquals("command line", s.fixed().get("width").origin());
        assertEquals(3, s.axis("seed").size());
        assertTrue(s.axes().stream().noneMatch(a -> a.name().equals("lr")));
        assertEquals(0.05, s.fixed().get("lr").value());
    }

    @Test
    void budgetOverrideReplacesTheBudget() {
        SweepSpec s = parse(BASE, "steps=30");
        assertEquals(30L, s.fixed().get("steps").value());
        assertEquals(0L, s.fixed().get("epochs").value());
        assertEquals(4L, parse(BASE, "epochs=4").fixed().get("epochs").value());
    }

    @Test
    void unknownOverrideKeyIsRejected() {
        SpecException e = fails(BASE, "widht=32");
        assertEquals("command line", e.problems().get(0).origin());
        assertTrue(e.getMessage().contains("did you mean \"width\""), e.getMessage());
    }

    @Test
    void profilesOverrideAndUnknownProfileIsNamed() {
        String text = BASE + "profiles { quick { axes.lr = [0.5] } }\n";
        assertEquals(List.of(0.5), parse(text, "profile=quick").axis("lr").values().stream().map(Setting::value).toList());
        assertEquals(2, parse(text).axis("lr").size());
        SpecException e = fails(text, "profile=quik");
        assertTrue(e.getMessage().contains("did you mean \"quick\""), e.getMessage());
    }

    @Test
    void profileBudgetReplacesTheBaseBudget() {
        SweepSpec s = parse(BASE + "profiles { quick { budget { steps = 20 } } }\n", "profile=quick");
        assertEquals(20L, s.fixed().get("steps").value());
        assertEquals(0L, s.fixed().get("epochs").value());
    }

    @Test
    void zippedAxesMayRepeatValuesButNotCombinations() {
        String zipped = BASE.replace("lr = [0.01, 0.1]", "lr = [0.01, 0.01, 0.1]\n  seed = [1, 2, 1]") + "zip = [[lr, seed]]\n";
        assertEquals(3, parse(zipped).axis("lr").size());
        String twice = BASE.replace("lr = [0.01, 0.1]", "lr = [0.01, 0.01]\n  seed = [1, 1]") + "zip = [[lr, seed]]\n";
        assertTrue(fails(twice).getMessage().contains("repeated combination [0.01, 1]"), fails(twice).getMessage());
        assertTrue(fails(BASE.replace("lr = [0.01, 0.1]", "lr = [0.01, 0.01]")).getMessage().contains("repeated value 0.01"));
    }

    @Test
    void zipGroupsMustHaveEqualLengths() {
        SpecException e = fails(BASE.replace("lr = [0.01, 0.1]", "lr = [0.01, 0.1]\n  batch_size = [16, 32, 64]")
                .replace(", batch_size = 32", "") + "zip = [[lr, batch_size]]\n");
        assertTrue(e.getMessage().contains("batch_size with 3 values"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        SpecException e = assertThrows(SpecException.class,
                () -> SweepParser.parse(java.nio.file.Path.of("no/such.conf"), List.of()));
        assertTrue(e.getMessage().contains("no/such.conf"), e.getMessage());
    }
}
