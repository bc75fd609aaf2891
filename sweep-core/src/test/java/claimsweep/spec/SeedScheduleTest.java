package claimsweep.spec;

import claimsweep.claims.ClaimParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code seeds { start, step, max }} block and the claims' {@code sequential} key: parsed once, problems with file:line. */
class SeedScheduleTest {
    private static final String BASE = """
            name = t
            model = mlp
            budget { steps = 10 }
            axes { lr = [0.01, 0.1] }
            """;

    private static SweepSpec parse(String text) {
        return SweepParser.parse("t.conf", text, "hash", List.of());
    }

    @Test
    void theBlockGivesTheLooksAndTheGridSeeds() {
        SweepSpec s = parse(BASE + "seeds { start = 4, step = 3, max = 12 }\n");
        SeedSchedule q = s.seeds().orElseThrow();
        assertEquals(List.of(4, 7, 10, 12), q.looks(), "the cap is always the last look");
        assertEquals("t.conf:5", q.origin());
        SweepSpec g = s.withSeedAxis(q.allSeeds());
        assertEquals(12, g.axis("seed").size());
        assertTrue(parse(BASE).seeds().isEmpty());
    }

    @Test
    void aSeedAxisNextToTheBlockIsRefusedWithBothLines() {
        SpecException e = assertThrows(SpecException.class,
                () -> parse(BASE.replace("lr = [0.01, 0.1]", "lr = [0.01, 0.1], seed = [1, 2]") + "seeds { start = 4, step = 2, max = 8 }\n"));
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals("t.conf:5", p.origin());
        assertEquals("seeds", p.key());
        assertTrue(p.found().contains("axes.seed at t.conf:4"), p.found());
        assertTrue(p.expected().contains("not both"), p.expected());
    }

    @Test
    void badValuesNameKeyFoundAndExpectedAndUnknownKeysGetDidYouMean() {
        SpecException e = assertThrows(SpecException.class, () -> parse(BASE + "seeds {\n  start = 1\n  step = 2.5\n  mx = 8\n}\n"));
        String m = e.getMessage();
        assertTrue(m.contains("t.conf:6: seeds.start: found 1, expected an integer >= 2"), m);
        assertTrue(m.contains("t.conf:7: seeds.step: found 2.5, expected an integer >= 1"), m);
        assertTrue(m.contains("seeds.mx") && m.contains("did you mean \"max\""), m);
        assertTrue(m.contains("seeds.max: found nothing"), m);
    }

    @Test
    void aCapBelowTheStartIsRefused() {
        SpecException e = assertThrows(SpecException.class, () -> parse(BASE + "seeds { start = 6, step = 2, max = 4 }\n"));
        assertTrue(e.getMessage().contains("t.conf:5: seeds.max: found 4, expected an integer >= 6"), e.getMessage());
    }

    @Test
    void sequentialIsForPairedClaimsAndBettingForAccuracies() {
        SpecException e = assertThrows(SpecException.class, () -> ClaimParser.parse("t.conf", """
                claims = [
                  { id = A, text = t, metric = test_acc, treatment { lr = 0.1 }, control { lr = 0.01 }, direction = greater, sequential = bettin }
                  { id = B, text = t, rule = rate, metric = diverged, treatment { lr = 0.1 }, control { lr = 0.01 }, direction = greater,
                    margin = 0.2, sequential = group }
                  { id = C, text = t, metric = ms_per_step, treatment { lr = 0.1 }, control { lr = 0.01 }, direction = less,
                    margin = 1, sequential = betting }
                ]
                """));
        String m = e.getMessage();
        assertTrue(m.contains("t.conf:2: claims[0].sequential") && m.contains("did you mean \"betting\""), m);
        assertTrue(m.contains("t.conf:4: claims[1].sequential: found \"group\" on a rate claim"), m);
        assertTrue(m.contains("t.conf:6: claims[2].sequential: found betting on ms_per_step"), m);
        assertEquals(claimsweep.claims.Sequencing.BETTING, ClaimParser.parse("t.conf", """
                claims = [{ id = A, text = t, metric = test_acc, treatment { lr = 0.1 }, control { lr = 0.01 }, direction = greater,
                            sequential = betting }]
                """).get(0).sequential());
    }
}
