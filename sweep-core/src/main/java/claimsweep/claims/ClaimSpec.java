package claimsweep.claims;

import claimsweep.stats.Direction;

import java.util.List;
import java.util.Map;

/**
 * A claim declared next to its sweep (README "Claims and the report"): which runs form the treatment
 * and control arms (equality filters on run parameters), the metric, the claimed direction and
 * margin, how each arm picks its level of the {@code best_over} parameters, and the rule that decides.
 *
 * @param claim      the article claim this part belongs to (declared {@code claim = ...}, or the id up to
 *                   its first lower-case letter or hyphen); the roll-up groups by it
 * @param margin     the smallest effect of interest, in the rule's unit (for ratio rules: the claimed ratio)
 * @param marginDeclared false when the margin is the metric's documented default
 * @param bestOver   parameters over which each arm is taken at its best level (empty: none)
 * @param selectBy   the validation metric that picks the best_over level (never a test metric)
 * @param over       the parameter a rule varies within an arm (max_stable, band, trend, ...), or null
 * @param primary    the part that carries its article claim: Holm's correction runs over primaries only,
 *                   other parts are exploratory
 * @param requires   premises: claims evaluated on the same runs that must be supported for this one to be judged
 * @param sequential how an adaptive sweep ({@code seeds { }}) reads a paired claim; other rules stay fixed-n
 * @param revised    what changed in this part's design since the previous report, and why ({@code revised = "..."});
 *                   empty when the design is unchanged
 * @param options    the rule options the claim declares ({@link ClaimRule#options()}, e.g. margin_scale = absolute);
 *                   read them with {@link #option}, which fills in the rule's default
 */
public record ClaimSpec(String id, String claim, String text, Metric metric, double target, Map<String, Object> treatment,
                        Map<String, Object> control, Direction direction, double margin, boolean marginDeclared,
                        List<String> bestOver, Metric selectBy, String origin, ClaimRule rule, String over, boolean primary,
                        List<ClaimSpec> requires, Sequencing sequential, String revised, Map<String, String> options) {
    public ClaimSpec {
        revised = revised == null ? "" : revised;
        options = options == null ? Map.of() : Map.copyOf(options);
        treatment = Map.copyOf(treatment);
        control = Map.copyOf(control);
        bestOver = List.copyOf(bestOver);
        requires = List.copyOf(requires);
        if (sequential == null) sequential = Sequencing.GROUP;
    }

    /** A claim that declares no rule option (each at its default). */
    public ClaimSpec(String id, String claim, String text, Metric metric, double target, Map<String, Object> treatment,
                     Map<String, Object> control, Direction direction, double margin, boolean marginDeclared,
                     List<String> bestOver, Metric selectBy, String origin, ClaimRule rule, String over, boolean primary,
                     List<ClaimSpec> requires, Sequencing sequential, String revised) {
        this(id, claim, text, metric, target, treatment, control, direction, margin, marginDeclared, bestOver, selectBy, origin,
                rule, over, primary, requires, sequential, revised, Map.of());
    }

    /** A claim whose design is unchanged since the previous report ({@code revised} empty). */
    public ClaimSpec(String id, String claim, String text, Metric metric, double target, Map<String, Object> treatment,
                     Map<String, Object> control, Direction direction, double margin, boolean marginDeclared,
                     List<String> bestOver, Metric selectBy, String origin, ClaimRule rule, String over, boolean primary,
                     List<ClaimSpec> requires, Sequencing sequential) {
        this(id, claim, text, metric, target, treatment, control, direction, margin, marginDeclared, bestOver, selectBy, origin,
                rule, over, primary, requires, sequential, "");
    }

    /** Whether an adaptive sweep reads this claim sequentially (paired rule) or once at the cap (every other rule). */
    public boolean isSequential() {
        return rule.name().equals("paired");
    }

    /** The claim's value of its rule's option {@code key}: as declared, else the rule's default (its first choice). */
    public String option(String key) {
        ClaimRule.Option o = rule.options().get(key);
        if (o == null) throw new IllegalArgumentException("rule " + rule.name() + " has no option " + key);
        return options.getOrDefault(key, o.choices().get(0));
    }

    /** Who a premise belongs to while it is parsed. */
    record Identity(String id, String claim) {}

    /** +1 when the claimed (or, for equivalence and non-inferiority, the better) side is a larger metric. */
    public int sign() {
        return direction.sign(metric.higherIsBetter());
    }
}
