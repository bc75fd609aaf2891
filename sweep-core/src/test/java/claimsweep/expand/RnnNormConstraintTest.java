package claimsweep.expand;

import claimsweep.spec.RunSpec;
import claimsweep.spec.SpecException;
import claimsweep.spec.SweepParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rnn_norm: a new parameter that changes no existing run id and is refused outside the recurrent model, with its origin. */
class RnnNormConstraintTest {
    private static final String RNN = """
            name = t
            dataset = fashion-mnist
            model = rnn
            budget { steps = 10 }
            fixed { depth = 2, width = 16, train_size = 1000, val_size = 200 }
            axes { rnn_norm = [none, layer, batch_step] }
            """;

    private static List<RunSpec> expand(String text, String... args) {
        return Expander.expand(SweepParser.parse("t.conf", text, "h", List.of(args)));
    }

    @Test
    void everyOptionIsARunOfTheRecurrentModel() {
        List<RunSpec> runs = expand(RNN);
        assertEquals(List.of("none", "layer", "batch_step"), runs.stream().map(r -> r.stringParam("rnn_norm")).toList());
        assertEquals(3, runs.stream().map(RunSpec::runId).distinct().count());
        // the default leaves the id of a run that never mentions rnn_norm unchanged
        String without = RNN.replace("axes { rnn_norm = [none, layer, batch_step] }", "");
        assertEquals(expand(without).get(0).runId(), runs.get(0).runId());
    }

    @Test
    void refusedOutsideTheRecurrentModelWithItsLine() {
        String mlp = RNN.replace("model = rnn", "model = mlp").replace("[none, layer, batch_step]", "[none, layer]");
        SpecException e = assertThrows(SpecException.class, () -> expand(mlp));
        String m = e.getMessage();
        assertTrue(m.contains("t.conf:6: axes.rnn_norm") || m.contains("t.conf:6"), m);
        assertTrue(m.contains("rnn_norm = layer with model = mlp") && m.contains("model = rnn"), m);
        assertEquals(1, m.lines().filter(l -> l.contains("rnn_norm = ")).filter(l -> l.contains("with model")).count(), m);
    }

    @Test
    void unknownOptionIsNamed() {
        SpecException e = assertThrows(SpecException.class, () -> expand(RNN.replace("batch_step]", "batchstep]")));
        assertTrue(e.getMessage().contains("batch_step"), e.getMessage());
    }
}
