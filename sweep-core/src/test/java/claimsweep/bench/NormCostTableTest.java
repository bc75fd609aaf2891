package claimsweep.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The cost table's rows (each norm over its own baseline, RNN rows included) and their CSV. */
class NormCostTableTest {
    private static final List<ReferenceModel> MODELS = new ArrayList<>(ReferenceModel.standard());

    static {
        MODELS.addAll(ReferenceModel.normalizations());
    }

    private static TrainBench.Timing t(double best) {
        return new TrainBench.Timing(best + 1, best);
    }

    @Test
    void rnnRowsAreTheCellNormsOverTheTanhRnn() {
        // the ReLU RNN is faster; dividing by it would understate both norms' cost
        Map<String, TrainBench.Timing> dl4j = Map.of("rnn-b64", t(5.0), "rnn-tanh-b64", t(6.0), "rnn-ln-b64", t(7.5),
                "rnn-bn-b64", t(9.0));
        Map<String, Double> torch = Map.of("rnn-b64", 7.0, "rnn-tanh-b64", 8.0, "rnn-ln-b64", 14.0, "rnn-bn-b64", 12.0);
        List<NormCostTable.Row> rows = NormCostTable.rows(MODELS, dl4j, torch);
        assertEquals(List.of("rnn-ln-b64", "rnn-bn-b64"), rows.stream().map(r -> r.model().key()).toList());
        NormCostTable.Row bn = rows.get(1);
        assertEquals(6.0, bn.dl4jBaseMs());
        assertEquals(8.0, bn.torchBaseMs());

        String csv = NormCostTable.csv(rows, "scripts/bench train --steps 20", "wall time, load average 4.1, busy");
        List<String> lines = csv.lines().toList();
        assertEquals(String.join(",", NormCostTable.HEADER), lines.get(0));
        assertEquals("rnn,64,layer,1.50,1.25,6.00,1.75,scripts/bench train --steps 20,\"wall time, load average 4.1, busy\"", lines.get(1));
        assertEquals("rnn,64,batch_step,3.00,1.50,4.00,1.50,scripts/bench train --steps 20,\"wall time, load average 4.1, busy\"",
                lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void aRowWithoutPyTorchIsPrintedButNotWritten() {
        Map<String, TrainBench.Timing> dl4j = Map.of("cnn-b64", t(10.0), "cnn-gn-b64", t(12.0), "cnn-ln-b64", t(11.0));
        // PyTorch measured the GroupNorm model's baseline and the LayerNorm one, but never the GroupNorm model itself
        Map<String, Double> torch = Map.of("cnn-b64", 10.0, "cnn-ln-b64", 16.0);
        List<NormCostTable.Row> rows = NormCostTable.rows(MODELS, dl4j, torch);
        assertEquals(List.of("cnn-gn-b64", "cnn-ln-b64"), rows.stream().map(r -> r.model().key()).toList());
        assertNull(rows.get(0).torchMs());
        List<String> lines = NormCostTable.csv(rows, "c", "m").lines().toList();
        assertEquals(List.of(String.join(",", NormCostTable.HEADER), "cnn,64,layer,1.00,1.10,6.00,1.60,c,m"), lines);
    }

    @Test
    void aModelWithoutItsMeasuredBaselineHasNoRow() {
        List<NormCostTable.Row> rows = NormCostTable.rows(MODELS, Map.of("rnn-b64", t(5.0), "rnn-bn-b64", t(9.0)), Map.of());
        assertTrue(rows.isEmpty(), "the ReLU RNN is not the baseline of the tanh cells: " + rows);
    }
}
