package claimsweep.spec;

import claimsweep.io.Hashing;


import java.util.Map;
import java.util.SortedMap;

/**
 * Run ids are content hashes of the canonical parameters, never random: the same settings give
 * the same id on any machine and in any sweep, which is what makes resuming and de-duplicating
 * results possible.
 *
 * <p>Parameters at their default value are left out of the hash. So adding a new parameter (with a
 * default that reproduces the old behaviour) keeps every existing id, and old results stay
 * resumable. The price is a rule: a parameter's default never changes (a golden test pins them);
 * a new behaviour gets a new value or a new parameter.
 */
public final class RunIds {
    /** 16 hex digits = 64 bits: collisions are negligible for any sweep size this tool will see. */
    public static final int LENGTH = 16;

    private RunIds() {}

    /** sha256 of {@link #canonical(SortedMap)} of the non-default parameters, first {@link #LENGTH} hex digits. */
    public static String of(SortedMap<String, Object> params) {
        SortedMap<String, Object> hashed = new java.util.TreeMap<>();
        params.forEach((k, v) -> {
            boolean isDefault = ParamSchema.get(k).map(d -> d.defaultValue().equals(v)).orElse(false);
            if (!isDefault && !ParamSchema.NOT_IN_RUN_ID.contains(k)) hashed.put(k, v);
        });
        return Hashing.sha256Hex(canonical(hashed)).substring(0, LENGTH);
    }

    /**
     * Canonical text of the parameters: keys sorted, integers as integers, doubles in Java's
     * specified shortest-round-trip-ish {@link Double#toString} form, strings JSON-quoted. Written by
     * hand rather than by a JSON library so that no library upgrade can change a run id.
     */
    public static String canonical(SortedMap<String, Object> params) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            quote(sb, e.getKey()).append(':');
            Object v = e.getValue();
            if (v instanceof Long || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Double d) {
                sb.append(Double.toString(d));
            } else if (v instanceof String s) {
                quote(sb, s);
            } else {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has non-canonical value " + v);
            }
        }
        return sb.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"');
    }
}
