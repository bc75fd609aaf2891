package claimsweep.claims;

import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RollupTest {
    private static ClaimResult part(String id, Verdict.Kind k, boolean primary) {
        Outcome o = Outcome.empty(k, "r", "m", 6, 0.01, "", List.of());
        return new ClaimResult(id, Rollup.group(id), "t", primary, o, Double.NaN, "", "");
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
}
