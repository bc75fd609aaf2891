package claimsweep.spec;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One run parameter: its name, its default, and how a raw value (as HOCON or JSON gives it) is
 * checked and turned into its canonical form. Canonical values are {@link Long}, {@link Double},
 * {@link String} or {@link Boolean}, so that equal settings hash to equal run ids.
 *
 * @param name         key used in sweep files, run specs and Parquet columns
 * @param type         the canonical Java type of the value
 * @param defaultValue canonical default, applied when a sweep file does not set the parameter
 * @param expected     human text for error messages ("an integer >= 1")
 * @param coerce       raw value to canonical value; throws {@link IllegalArgumentException} when invalid
 * @param choices      for enumerated parameters, the accepted values (used for "did you mean")
 * @param doc          one line for --help style listings
 */
public record ParamDef(String name, Class<?> type, Object defaultValue, String expected,
                       Function<Object, Object> coerce, List<String> choices, String doc) {
    public ParamDef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(coerce);
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (defaultValue != null && !type.isInstance(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not a " + type.getSimpleName());
        }
    }

    /** Canonical value of {@code raw}; throws {@link IllegalArgumentException} with {@link #expected()}. */
    public Object canonical(Object raw) {
        Object v = coerce.apply(raw);
        if (!type.isInstance(v)) throw new IllegalArgumentException(expected);
        return v;
    }
}
