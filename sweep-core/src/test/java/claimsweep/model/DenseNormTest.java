package claimsweep.model;

import claimsweep.NativeSetupExtension;
import claimsweep.expand.Expander;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SpecException;
import claimsweep.spec.SweepParser;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * dense_norm (claim A5): the cnn's dense layer normalized like its conv layers (same, the default,
 * so no existing run id changes) or left alone (none: conv-only normalization); refused outside
 * the cnn with the line it came from.
 */
@ExtendWith(NativeSetupExtension.class)
class DenseNormTest {
    private static final String CNN = """
            name = t
            dataset = fashion-mnist
            model = cnn
            budget { steps = 10 }
            fixed { train_size = 1000, val_size = 200, norm = batch }
            axes { dense_norm = [same, none] }
            """;

    private static List<RunSpec> expand(String text) {
        return Expander.expand(SweepParser.parse("t.conf", text, "h", List.of()));
    }

    /** The layer types after the dense layer that follows the conv blocks, by their DL4J config class names. */
    private static List<String> layerTypes(RunSpec run) {
        MultiLayerConfiguration conf = NetworkFactory.configure(run, DataType.FLOAT);
        return conf.getConfs().stream().map(c -> c.getLayer().getClass().getSimpleName()).toList();
    }

    @Test
    void noneLeavesTheDenseLayerUnnormalizedAndKeepsTheConvNorms() {
        List<RunSpec> runs = expand(CNN);
        List<String> same = layerTypes(runs.get(0));
        List<String> none = layerTypes(runs.get(1));
        long normsSame = same.stream().filter(t -> t.contains("BatchNorm")).count();
        long normsNone = none.stream().filter(t -> t.contains("BatchNorm")).count();
        assertEquals(3, normsSame, "conv, conv and dense are normalized: " + same);
        assertEquals(2, normsNone, "only the two conv layers are normalized: " + none);
        assertEquals(same.size() - 1, none.size(), "one layer fewer: the dense layer's BatchNorm");
        // the default leaves the id of a run that never mentions dense_norm unchanged
        String without = CNN.replace("axes { dense_norm = [same, none] }", "");
        assertEquals(expand(without).get(0).runId(), runs.get(0).runId());
    }

    @Test
    void refusedOutsideTheCnnWithItsLine() {
        String mlp = CNN.replace("model = cnn", "model = mlp");
        SpecException e = assertThrows(SpecException.class, () -> expand(mlp));
        String m = e.getMessage();
        assertTrue(m.contains("t.conf:6"), m);
        assertTrue(m.contains("dense_norm = none with model = mlp") && m.contains("model = cnn"), m);
    }
}
