package claimsweep.spec.hocon;

/**
 * Where the HOCON layer reports what it finds wrong: origin ("file:line"), dotted key, what was
 * found, what was expected. The layer knows nothing of what the caller builds from a problem, so
 * it sits below the spec package (which turns each into a {@code Problem}) without a package cycle.
 */
@FunctionalInterface
public interface ProblemSink {
    void add(String origin, String key, String found, String expected);
}
