package claimsweep.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value of an enumerated run parameter: an enum constant with the key sweep files use for it
 * ({@code "linear-mse"}, {@code "shift_flip"}). The enum is the only list of choices: the schema
 * takes its accepted values (in declaration order) from the enum, and the typed configuration
 * parses with it, so a new choice is one constant.
 */
public interface Choice {
    /** The constant's name. Implemented by every enum. */
    String name();

    /**
     * The sweep-file spelling of this value: the constant's name in lower case ({@code SHIFT_FLIP} is
     * {@code shift_flip}); a constant spelled otherwise overrides it.
     */
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every key of {@code type}, in declaration order. */
    static <E extends Enum<E> & Choice> List<String> keys(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) out.add(e.key());
        return out;
    }

    /** The constant whose key is {@code key}; throws naming the accepted keys. */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String key) {
        for (E e : type.getEnumConstants()) if (e.key().equals(key)) return e;
        throw new IllegalArgumentException("found \"" + key + "\", expected one of " + String.join(", ", keys(type)));
    }
}
