package claimsweep.spec.hocon;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

/**
 * How every parser of an experiment file renders what it read: origins as {@code file:line}, values
 * as {@code "grop" (string)}, so the same mistake reads the same in the sweep, claims and
 * calibration blocks.
 */
public final class Hocon {
    /** The origin of values given as key=value arguments. */
    public static final String CLI = "command line";

    private Hocon() {}

    /** "file:line" for values from a file, the origin's own description otherwise. */
    public static String where(ConfigOrigin origin) {
        if (origin == null) return "<unknown>";
        String d = origin.description();
        // Typesafe Config describes string-parsed origins as "<description>: <line>"
        int line = origin.lineNumber();
        if (line >= 0) {
            int colon = d.lastIndexOf(": " + line);
            String file = colon > 0 ? d.substring(0, colon) : d;
            if (file.equals(CLI)) return CLI; // one argument, one line: a line number would only confuse
            return file + ":" + line;
        }
        return d;
    }

    public static String where(ConfigValue v) {
        return where(v.origin());
    }

    /** A value as a human reads it, with its type: {@code "grop" (string)}, {@code 3 (number)}, {@code a list [1,2]}. */
    public static String describe(ConfigValue v) {
        return switch (v.valueType()) {
            case STRING -> quote((String) v.unwrapped()) + " (string)";
            case NUMBER -> v.unwrapped() + " (number)";
            case BOOLEAN -> v.unwrapped() + " (boolean)";
            case LIST -> "a list " + v.render(ConfigRenderOptions.concise());
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    public static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** Typesafe's message without the origin prefix it repeats (the problem carries the origin). */
    public static String stripOrigin(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null) {
            String d = e.origin().description();
            if (m.startsWith(d + ": ")) return m.substring(d.length() + 2);
        }
        return m;
    }
}
