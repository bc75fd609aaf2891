package claimsweep.spec;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drops every point whose parameters match all entries: for each key, the point's value is one of
 * the listed values.
 */
public record ExcludeRule(Map<String, Set<Object>> match, String origin) {
    public ExcludeRule {
        TreeMap<String, Set<Object>> copy = new TreeMap<>();
        match.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        match = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean matches(Map<String, Object> params) {
        for (Map.Entry<String, Set<Object>> e : match.entrySet()) {
            if (!e.getValue().contains(params.get(e.getKey()))) return false;
        }
        return true;
    }
}
