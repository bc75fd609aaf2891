package claimsweep.spec.hocon;

import claimsweep.claims.Experiment;
import claimsweep.spec.Problem;
import claimsweep.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The one HOCON layer: typed getters that report instead of throwing, and one wording for one mistake. */
class HoconReaderTest {
    private final List<String> seen = new ArrayList<>();
    private final HoconReader in = new HoconReader((o, k, f, e) -> seen.add(o + ": " + k + ": found " + f + ", expected " + e));

    private HoconFile file(String text) {
        HoconFile f = HoconFile.of("t.conf", text, "h", (o, k, found, e) -> fail("syntax: " + found));
        assertNotNull(f);
        return f;
    }

    @Test
    void gettersReportOriginKeyFoundExpectedAndReturnTheFallback() {
        var o = file("a {\n  n = \"x\"\n  b = 3\n  c = [1]\n  d = grenter\n}\n").root().getObject("a");
        assertEquals(7.0, in.number(o, "a", "n", 7.0));
        assertTrue(in.bool(o, "a", "b", true));
        assertNull(in.string(o, "a", "c", false));
        assertNull(in.choice(o, "a", "d", List.of("greater", "less"), null, ""));
        assertEquals(4, in.problems());
        assertEquals("t.conf:2: a.n: found \"x\" (string), expected a number", seen.get(0));
        assertEquals("t.conf:3: a.b: found 3 (number), expected true or false", seen.get(1));
        assertEquals("t.conf:4: a.c: found a list [1], expected a string", seen.get(2));
        assertTrue(seen.get(3).startsWith("t.conf:5: a.d: found \"grenter\", expected one of greater, less"), seen.get(3));
        assertTrue(seen.get(3).endsWith("did you mean \"greater\"?"), seen.get(3));
    }

    @Test
    void syntaxErrorsAreProblemsWithTheLine() {
        List<String> got = new ArrayList<>();
        assertNull(HoconFile.of("t.conf", "a = {\n b = [1,\n", "h", (o, k, f, e) -> got.add(o + " " + k)));
        assertEquals(1, got.size());
        assertTrue(got.get(0).startsWith("t.conf:") && got.get(0).endsWith("(syntax)"), got.get(0));
    }

    /** The same typo in a sweep's fixed block and in a claim's arm reads the same, and both come out of one parse. */
    @Test
    void oneParseReportsSweepAndClaimProblemsInOneWording() throws Exception {
        Path f = Files.createTempFile("exp", ".conf");
        Files.writeString(f, """
                name = t
                dataset = fashion-mnist
                budget { steps = 5 }
                fixed { widht = 8 }
                claims = [{ id = X1, text = "t", metric = test_acc, direction = greater
                  treatment { widht = 8 }, control { seed = 1 } }]
                """);
        SpecException e = assertThrows(SpecException.class, () -> Experiment.parse(f, List.of()));
        List<Problem> ps = e.problems();
        assertEquals(2, ps.size(), e.getMessage());
        assertEquals(f + ":4", ps.get(0).origin());
        assertEquals(f + ":6", ps.get(1).origin());
        assertEquals(ps.get(0).found(), ps.get(1).found(), "one wording for an unknown parameter");
        assertTrue(ps.get(0).expected().endsWith("did you mean \"width\"?") && ps.get(1).expected().endsWith("did you mean \"width\"?"),
                e.getMessage());
        Files.delete(f);
    }
}
