package claimsweep.spec;

/**
 * One thing wrong with a sweep definition, located as precisely as the source allows.
 *
 * @param origin   "file:line", "command line" or a similar description of where the value came from
 * @param key      the dotted path of the offending key (e.g. {@code axes.norm[2]})
 * @param found    what was there, rendered for a human ({@code "grop(4)" (string)})
 * @param expected what would have been accepted, plus the fix where there is an obvious one
 */
public record Problem(String origin, String key, String found, String expected) {
    public Problem {
        origin = origin == null || origin.isBlank() ? "<unknown origin>" : origin;
    }

    /** Renders as {@code origin: key: found X, expected Y}, the shape Typesafe Config uses. */
    public String render() {
        StringBuilder sb = new StringBuilder(origin).append(": ").append(key).append(": ");
        if (found != null && !found.isEmpty()) {
            sb.append("found ").append(found).append(", ");
        }
        return sb.append("expected ").append(expected).toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
