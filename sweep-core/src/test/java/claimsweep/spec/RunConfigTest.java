package claimsweep.spec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** The typed configuration reads every schema parameter, and each enum is the schema's list of choices. */
class RunConfigTest {
    private static Map<String, Object> defaults() {
        Map<String, Object> p = new TreeMap<>();
        for (ParamDef d : ParamSchema.all()) p.put(d.name(), d.defaultValue());
        return p;
    }

    /** A valid value other than the default. */
    private static Object another(ParamDef d) {
        if (!d.choices().isEmpty()) return d.choices().get(d.choices().get(0).equals(d.defaultValue()) ? 1 : 0);
        return switch (d.name()) {
            case "norm" -> "group(4)";
            case "init" -> "normal(0.05)";
            default -> d.type() == Long.class ? d.canonical((Long) d.defaultValue() + 2)
                    : d.canonical((Double) d.defaultValue() == 0 ? 0.125 : (Double) d.defaultValue() / 2);
        };
    }

    @Test
    void everyParameterChangesTheTypedConfiguration() {
        RunConfig base = RunConfig.of(defaults());
        List<String> unread = new ArrayList<>();
        for (ParamDef d : ParamSchema.all()) {
            Map<String, Object> p = defaults();
            p.put(d.name(), another(d));
            // +2, not +1: seed_init = 1 would resolve to the same seed as the default seed = 1
            if (base.equals(RunConfig.of(p))) unread.add(d.name());
        }
        assertEquals(List.of(), unread, "parameters the typed configuration ignores");
    }

    @Test
    void typedValuesMatchTheCanonicalOnes() {
        Map<String, Object> p = defaults();
        p.put("norm", "group(4)");
        p.put("optimizer", "adamw");
        p.put("loss", "linear-mse");
        p.put("augment", "shift_flip");
        p.put("seed", 7L);
        p.put("seed_order", 3L);
        RunConfig c = RunConfig.of(p);
        assertEquals(new NormSpec(NormSpec.Kind.GROUP, 4), c.model().norm());
        assertEquals(OptimConfig.Optimizer.ADAMW, c.optim().optimizer());
        assertEquals(OptimConfig.ADAMW_DEFAULT_DECAY, c.optim().weightDecay(), "adamw's default decoupled decay");
        assertEquals(ModelConfig.Loss.LINEAR_MSE, c.model().loss());
        assertEquals(DataConfig.Augment.SHIFT_FLIP, c.data().augment());
        assertEquals(new Seeds(7, 7, 7, 3), c.seeds());
    }

    @Test
    void aMapThatSkippedTheSchemaIsRefusedByName() {
        Map<String, Object> p = defaults();
        p.put("lr", "fast");
        var e = assertThrows(IllegalArgumentException.class, () -> RunConfig.of(p));
        assertTrue(e.getMessage().contains("parameter lr"), e.getMessage());
    }
}
