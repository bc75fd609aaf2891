package claimsweep.spec;

import claimsweep.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Golden: every run parameter in schema order with its canonical type, default and accepted choices,
 * compared with {@code sweep-core/src/test/resources/golden/param-defaults.tsv}. Defaults are left out
 * of run ids (RunIds), so a changed default would give old ids to new behaviour; a changed type
 * (Long vs Double) would change the canonical values and so the ids. {@link ParamSchemaTest} pins the
 * defaults in code; this file also pins types, order and choices, in a form a refactor cannot edit
 * by accident along with the schema.
 *
 * <p>To accept an intended change (adding a parameter: append a line, never edit one), rerun with
 * {@code -Dgolden.update=true} and commit the rewritten file.
 */
class ParamDefaultsGoldenTest {
    @Test
    void parameterDefaultsMatchTheGoldenFile() {
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", "name", "type", "default", "choices"));
        for (ParamDef d : ParamSchema.all()) {
            lines.add(String.join("\t", d.name(), d.type().getSimpleName(), String.valueOf(d.defaultValue()),
                    d.choices().isEmpty() ? "-" : String.join(",", d.choices())));
        }
        Golden.check("param-defaults.tsv", lines);
    }
}
