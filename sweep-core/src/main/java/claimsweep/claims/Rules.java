package claimsweep.claims;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The claim rules on the class path, by name ({@link ClaimRule} says how a rule is registered). */
public final class Rules {
    private static final Map<String, ClaimRule> BY_NAME = load();

    private Rules() {}

    private static Map<String, ClaimRule> load() {
        Map<String, ClaimRule> m = new TreeMap<>();
        for (ClaimRule r : ServiceLoader.load(ClaimRule.class, ClaimRule.class.getClassLoader())) {
            ClaimRule prev = m.put(r.name(), r);
            if (prev != null) {
                throw new IllegalStateException("two claim rules named " + r.name() + ": " + prev.getClass() + " and " + r.getClass());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    public static Optional<ClaimRule> get(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static ClaimRule of(String name) {
        ClaimRule r = BY_NAME.get(name);
        if (r == null) throw new IllegalStateException("no claim rule " + name + " on the class path (known: " + names() + ")");
        return r;
    }

    /** The rules that read the option {@code key} ({@link ClaimRule#options()}), sorted by name. */
    public static List<ClaimRule> withOption(String key) {
        return BY_NAME.values().stream().filter(r -> r.options().containsKey(key)).toList();
    }

    /** Every rule name, sorted. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
