package claimsweep;

import claimsweep.expand.Expander;
import claimsweep.spec.RunIds;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builds run specs for tests through the real parser and expander. */
public final class Runs {
    private Runs() {}

    /** A small, fast MLP run on Fashion-MNIST; {@code overrides} are command-line style key=value. */
    public static RunSpec small(String... overrides) {
        String text = """
                name = test
                dataset = fashion-mnist
                model = mlp
                budget { steps = 80 }
                eval_every = 20
                fixed { depth = 1, width = 32, train_size = 2000, val_size = 500, batch_size = 50,
                        optimizer = sgd, lr = 0.1, seed = 1, init = he }
                """;
        List<RunSpec> runs = Expander.expand(SweepParser.parse("test.conf", text, "h", List.of(overrides)));
        if (runs.size() != 1) throw new IllegalArgumentException("expected one run, got " + runs.size());
        return runs.get(0);
    }

    /** {@code run} with one parameter replaced, bypassing validation (to reach the trainer's own guards). */
    public static RunSpec with(RunSpec run, String key, Object value) {
        SortedMap<String, Object> p = new TreeMap<>(run.params());
        p.put(key, value);
        return new RunSpec(RunIds.of(p), run.tag() + "," + key + "=" + value, run.sweepName(), run.index(), p,
                Map.of());
    }
}
