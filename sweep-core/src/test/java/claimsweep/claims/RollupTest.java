package claimsweep.claims;

import claimsweep.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RollupTest {
    private static ClaimResult part(String id, Verdict.Kind k) {
        return new ClaimResult(id, "t", new Verdict(k, "r"), "m", 0, 0, 0, 0, 0, 6, 0, 0.005, "", List.of());
    }

    @Test
    void partsRollUpIntoOneVerdictPerArticleClaim() {
        var s = Verdict.Kind.SUPPORTED;
        var r = Verdict.Kind.REFUTED;
        var i = Verdict.Kind.INCONCLUSIVE;
        List<Rollup.Entry> e = Rollup.of(List.of(part("A1a", s), part("A1b", s), part("A2", r), part("B1a", s), part("B1b", i),
                part("B6a", r), part("B6b", r), part("B9a", i), part("B9b", r), part("A10a", s), part("A10b", r)));
        assertEquals(List.of("A1", "A2", "B1", "B6", "B9", "A10"), e.stream().map(Rollup.Entry::claim).toList());
        assertEquals(List.of(s, r, Verdict.Kind.PARTLY_SUPPORTED, r, i, Verdict.Kind.PARTLY_SUPPORTED),
                e.stream().map(Rollup.Entry::verdict).toList());
        assertTrue(e.get(2).reason().startsWith("1 of 2 parts supported, 0 refuted: B1a supported; B1b inconclusive"),
                e.get(2).reason());
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
