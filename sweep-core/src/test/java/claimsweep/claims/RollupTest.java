package claimsweep.claims;

import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RollupTest {
    private static ClaimResult part(String id, Verdict.Kind k, boolean primary) {
        return part(id, k, primary, "");
    }

    private static ClaimResult part(String id, Verdict.Kind k, boolean primary, String setting) {
        Outcome o = Outcome.empty(k, "r", "m", 6, 0.01, "", List.of());
        return new ClaimResult(id, Rollup.group(id), "t", primary, o, Double.NaN, "", setting);
    }

    @Test
    void perSettingTheClaimSaysWhereItHoldsWhereItDoesNotAndWhereItWasNotTested() {
        var s = Verdict.Kind.SUPPORTED;
        String f = "dataset=fashion-mnist, model=cnn";
        String m = "dataset=mnist, model=cnn";
        String mlp = "dataset=mnist, model=mlp";
        List<Rollup.Entry> e = Rollup.of(List.of(part("A5a", Verdict.Kind.NO_EFFECT, true, m), part("A5a", s, true, f),
                part("A5b", s, false, f), part("A5a", Verdict.Kind.NOT_RUN, true, mlp), part("A5b", Verdict.Kind.NOT_RUN, false, m)));
        assertEquals(1, e.size());
        assertEquals(List.of(Verdict.Kind.NO_EFFECT, s, Verdict.Kind.NOT_RUN), e.get(0).settings().stream()
                .map(Rollup.InSetting::verdict).toList());
        assertEquals("supported in `" + f + "`; no effect in `" + m + "` (A5b not run yet); not run yet in `" + mlp + "`",
                e.get(0).where());
        assertEquals(Verdict.Kind.PARTLY_SUPPORTED, e.get(0).verdict(), "holds in one setting, not in another; the one not run decides nothing");
        // a setting whose primary part is not run yet: its exploratory parts decide nothing there
        var only = Rollup.of(List.of(part("B1a", Verdict.Kind.NOT_RUN, true, f), part("B1b", s, false, f)));
        assertEquals(Verdict.Kind.NOT_RUN, only.get(0).verdict());
        assertEquals("not run yet in `" + f + "`", only.get(0).where());
        // without settings, one clause for all runs
        assertEquals("supported", Rollup.of(List.of(part("C1", s, true))).get(0).where());
        assertEquals("supported (C1b not run yet)", Rollup.of(List.of(part("C1a", s, true), part("C1b", Verdict.Kind.NOT_RUN, false)))
                .get(0).where());
    }

    @Test
    void theClaimTakesItsPrimaryPartsVerdictAndCountsEveryKind() {
        var s = Verdict.Kind.SUPPORTED;
        var w = Verdict.Kind.WEAKER;
        var n = Verdict.Kind.NO_EFFECT;
        List<Rollup.Entry> e = Rollup.of(List.of(part("A1a", s, true), part("A1b", w, false), part("A1c", n, false),
                part("B10-cos", w, true), part("B10-step", n, false), part("B6", Verdict.Kind.NOT_TESTABLE, true),
                part("A10a", s, false), part("A10b", Verdict.Kind.OPPOSITE, false)));
        assertEquals(List.of("A1", "B10", "B6", "A10"), e.stream().map(Rollup.Entry::claim).toList());
        assertEquals(List.of(s, w, Verdict.Kind.NOT_TESTABLE, Verdict.Kind.PARTLY_SUPPORTED),
                e.stream().map(Rollup.Entry::verdict).toList());
        assertEquals(java.util.Map.of(s, 1, w, 1, n, 1), e.get(0).counts());
        assertTrue(e.get(0).reason().startsWith("primary A1a supported; parts: 1 supported, 1 weaker than claimed, 1 no effect"),
                e.get(0).reason());
        assertTrue(e.get(3).reason().startsWith("no primary part"), e.get(3).reason());
    }

    @Test
    void partsGroupByTheIdBeforeItsFirstLowerCaseOrHyphenPart() {
        assertEquals("A1", Rollup.group("A1a"));
        assertEquals("B10", Rollup.group("B10-cos"));
        assertEquals("A7", Rollup.group("A7-gn"));
        assertEquals("X12", Rollup.group("X12"));
        assertEquals("Q3", Rollup.group("Q3b-late"), "no catalogue: any upper-case id prefix works");
        assertEquals("lower", Rollup.group("lower"), "an id that starts lower-case is its own claim");
    }

    @Test
    void aSettingOnlyAnExploratoryPartReachesDoesNotDecideTheClaim() {
        // A1: the primary holds on both Fashion-MNIST settings; an exploratory MNIST part (another target) shows no effect
        var e = Rollup.of(List.of(part("A1a", Verdict.Kind.SUPPORTED, true, "dataset=fashion-mnist, model=mlp"),
                part("A1a", Verdict.Kind.SUPPORTED, true, "dataset=fashion-mnist, model=cnn"),
                part("A1a-mnist", Verdict.Kind.NO_EFFECT, false, "dataset=mnist, model=mlp"))).get(0);
        assertEquals(Verdict.Kind.SUPPORTED, e.verdict());
        assertEquals(3, e.settings().size(), "the exploratory setting is still shown");
        // without any primary, every setting decides
        var f = Rollup.of(List.of(part("B1a", Verdict.Kind.SUPPORTED, false, "dataset=fashion-mnist"),
                part("B1b", Verdict.Kind.NO_EFFECT, false, "dataset=mnist"))).get(0);
        assertEquals(Verdict.Kind.PARTLY_SUPPORTED, f.verdict());
    }
}
