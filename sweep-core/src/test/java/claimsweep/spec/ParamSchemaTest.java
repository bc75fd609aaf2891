package claimsweep.spec;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ParamSchemaTest {
    /**
     * Golden: run ids leave parameters at their default out of the hash (RunIds), so a changed
     * default would silently give old ids to new behaviour. Defaults never change; this test is
     * the tripwire. Adding a parameter means adding a line here, never editing one.
     */
    @Test
    void defaultsNeverChange() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("dataset", "fashion-mnist");
        expected.put("model", "mlp");
        expected.put("depth", 2L);
        expected.put("width", 256L);
        expected.put("activation", "relu");
        expected.put("norm", "none");
        expected.put("rnn_norm", "none");
        expected.put("dense_norm", "same");
        expected.put("init", "he");
        expected.put("optimizer", "momentum");
        expected.put("momentum", 0.9);
        expected.put("lr", 0.01);
        expected.put("l2", 0.0);
        expected.put("batch_size", 64L);
        expected.put("seed", 1L);
        expected.put("seed_init", 0L);
        expected.put("seed_data", 0L);
        expected.put("seed_order", 0L);
        expected.put("epochs", 1L);
        expected.put("steps", 0L);
        expected.put("eval_every", 100L);
        expected.put("train_size", 0L);
        expected.put("val_size", 5000L);
        expected.put("inputs", "scaled");
        expected.put("diverge_loss", 2 * Math.log(10));
        expected.put("label_noise", 0.0);
        expected.put("imbalance", 1L);
        expected.put("remedy", "none");
        expected.put("weight_decay", 0.0);
        expected.put("dropout", 0.0);
        expected.put("clip", "none");
        expected.put("clip_at", 1.0);
        expected.put("loss", "ce");
        expected.put("schedule", "constant");
        expected.put("warmup", 0L);
        expected.put("decay", 0.1);
        expected.put("decay_every", 0L);
        expected.put("patience", 3L);
        expected.put("early_stop", 0L);
        expected.put("data_order", "reshuffle");
        expected.put("augment", "none");
        expected.put("target_labels", 0L);
        expected.put("transfer", "none");
        expected.put("pretrain_steps", 0L);
        expected.put("bn_stats", "train");
        expected.put("bug", "none");
        expected.put("test_batch", 0L);
        expected.put("max_minutes", 0.0);
        Map<String, Object> actual = new LinkedHashMap<>();
        for (ParamDef d : ParamSchema.all()) actual.put(d.name(), d.defaultValue());
        assertEquals(expected, actual);
    }
}
