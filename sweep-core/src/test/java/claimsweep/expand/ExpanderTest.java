package claimsweep.expand;

import claimsweep.spec.RunSpec;

import claimsweep.TestData;
import claimsweep.spec.SpecException;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class ExpanderTest {
    private static final String BASE = """
            name = t
            dataset = fashion-mnist
            model = mlp
            budget { steps = 10 }
            eval_every = 5
            fixed { depth = 1, width = 16, train_size = 1000, val_size = 200 }
            axes {
              norm = [none, batch]
              lr = [0.01, 0.1, 1.0]
              batch_size = [16, 32, 64]
            }
            """;

    private static List<RunSpec> expand(String text, String... args) {
        return Expander.expand(SweepParser.parse("t.conf", text, "h", List.of(args)));
    }

    @Test
    void cartesianProductFirstAxisSlowest() {
        List<RunSpec> runs = expand(BASE);
        assertEquals(18, runs.size());
        assertEquals("norm=none,lr=0.01,batch_size=16", runs.get(0).tag());
        assertEquals("norm=none,lr=0.01,batch_size=32", runs.get(1).tag());
        assertEquals("norm=batch,lr=1.0,batch_size=64", runs.get(17).tag());
        assertEquals(18, runs.stream().map(RunSpec::runId).distinct().count());
        for (int i = 0; i < runs.size(); i++) assertEquals(i, runs.get(i).index());
    }

    @Test
    void zipVariesAxesTogether() {
        List<RunSpec> runs = expand(BASE + "zip = [[lr, batch_size]]\n");
        assertEquals(6, runs.size());
        assertEquals(Set.of("0.01/16", "0.1/32", "1.0/64"), runs.stream()
                .map(r -> r.doubleParam("lr") + "/" + r.longParam("batch_size")).collect(Collectors.toSet()));
    }

    @Test
    void excludeRemovesMatchingPoints() {
        List<RunSpec> runs = expand(BASE + "exclude = [{ norm = none, lr = 1.0 }]\n");
        assertEquals(15, runs.size());
        assertTrue(runs.stream().noneMatch(r -> r.stringParam("norm").equals("none") && r.doubleParam("lr") == 1.0));
    }

    @Test
    void runIdsDependOnContentNotOrderOrSweepName() {
        String reordered = BASE.replace("""
                  norm = [none, batch]
                  lr = [0.01, 0.1, 1.0]
                """, """
                  lr = [1.0, 0.1, 0.01]
                  norm = [batch, none]
                """).replace("name = t", "name = other");
        Set<String> a = expand(BASE).stream().map(RunSpec::runId).collect(Collectors.toSet());
        Set<String> b = expand(reordered).stream().map(RunSpec::runId).collect(Collectors.toSet());
        assertEquals(a, b);
        // but any parameter change changes every id
        Set<String> c = expand(BASE, "width=17").stream().map(RunSpec::runId).collect(Collectors.toSet());
        assertTrue(java.util.Collections.disjoint(a, c));
    }

    @Test
    void batchLargerThanTrainingSetFailsBeforeRunning() {
        SpecException e = assertThrows(SpecException.class, () -> expand(BASE, "batch_size=[2000]"));
        assertTrue(e.getMessage().contains("batch_size"), e.getMessage());
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void groupCountMustDivideWidth() {
        SpecException e = assertThrows(SpecException.class, () -> expand(BASE, "norm=[\"group(3)\"]"));
        assertTrue(e.getMessage().contains("group(3)"), e.getMessage());
        assertTrue(e.getMessage().contains("16"), e.getMessage());
    }

    /** Golden: a change to the quickstart sweep or to run-id hashing shows up here in review. */
    @Test
    void quickstartGolden() {
        SweepSpec spec = SweepParser.parse(TestData.repoRoot().resolve("experiments/quickstart.conf"), List.of());
        List<RunSpec> runs = Expander.expand(spec);
        // changed on purpose with the quickstart's claims (issue 17): was 24 runs, 7e7ed402d7a2aacd .. d8681bbaf28e7a88
        assertEquals(48, runs.size());
        assertEquals("b80a40e077f5d335", runs.get(0).runId());
        assertEquals("norm=none,lr=0.01,seed=1", runs.get(0).tag());
        assertEquals("d5617626f7316fa6", runs.get(47).runId());
        assertEquals("norm=group(4),lr=0.1,seed=6", runs.get(47).tag());
    }

    @Test
    void runSpecJsonRoundTripsAndDetectsTampering() {
        RunSpec r = expand(BASE).get(5);
        RunSpec back = RunSpec.fromJson(r.toJson());
        assertEquals(r, back);
        String tampered = r.toJson().replace("\"width\":16", "\"width\":17");
        assertNotEquals(r.toJson(), tampered);
        assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson(tampered));
    }

    @Test
    void aRunRecordedBeforeAParameterExistedReadsBackWithItsDefault() {
        RunSpec r = expand(BASE).get(5);
        // as an older version wrote it: without the parameters added since (augment, bug, test_batch)
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(r.toJson()).getAsJsonObject();
        o.getAsJsonObject("params").remove("augment");
        o.getAsJsonObject("params").remove("bug");
        o.getAsJsonObject("origins").remove("augment");
        RunSpec back = RunSpec.fromJson(o.toString());
        assertEquals(r.runId(), back.runId());
        assertEquals(r.params(), back.params());
        assertEquals("none", back.stringParam("augment"));
        assertTrue(back.origins().get("augment").contains("added after"), back.origins().get("augment"));
    }
}
