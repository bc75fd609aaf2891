package claimsweep.claims;

import claimsweep.result.RunResult;
import claimsweep.stats.Direction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One way of deciding a claim from runs (Deequ's constraint pattern: a check is a value, its result
 * is data). A rule names itself, declares the claim keys only it reads, checks its own constraints on
 * the common keys, evaluates a claim into one table row, and says which plots and which table columns
 * mean something for it. Rules live in {@code claimsweep.claims.rules}, one file each, and are found
 * with {@link java.util.ServiceLoader} (listed in {@code META-INF/services/claimsweep.claims.ClaimRule}),
 * so the engine never names a rule: a new rule is one file, its line in that list, and its test.
 */
public interface ClaimRule {
    /** The name a claim selects it by ({@code rule = max_stable}). */
    String name();

    /** Claim keys this rule reads on top of the common ones, each naming a run parameter; true = required. */
    default Map<String, Boolean> keys() {
        return Map.of();
    }

    /**
     * Claim keys this rule reads that take one of a few words (not run parameters), e.g. the
     * interaction rule's {@code margin_scale}. A claim may leave one out: it then has the first choice,
     * the rule's behaviour before the option existed. Any other rule refuses the key by name.
     */
    default Map<String, Option> options() {
        return Map.of();
    }

    /** A rule option's words, the default first, and what it means (quoted in the parser's problems). */
    record Option(List<String> choices, String meaning) {
        public Option {
            choices = List.copyOf(choices);
            if (choices.isEmpty()) throw new IllegalArgumentException("an option needs at least one choice");
        }
    }

    /**
     * The direction a claim of this rule may leave out, for a rule with one meaningful direction
     * (sign_flips: the share is at least the margin); empty: the claim must declare it.
     */
    default Optional<Direction> impliedDirection() {
        return Optional.empty();
    }

    /** Whether the claim may leave out its control arm (the rule reads one arm). */
    default boolean oneArm() {
        return false;
    }

    /** A rule-specific mistake in the claim's common keys as {key, found, expected}, or empty. */
    default Optional<String[]> check(ClaimSpec c) {
        return Optional.empty();
    }

    /**
     * The unit of this rule's margin when it is not the metric's own (e.g. "the claimed ratio", "grid
     * steps"): then a claim must declare its margin. Empty: the metric's unit, with its default.
     */
    default Optional<String> marginUnit() {
        return Optional.empty();
    }

    /**
     * Whether the claim's margin must be > 0: true where it is a smallest effect, a ratio or a share;
     * false where it is a threshold on the metric itself, which may be any number (level: "the
     * validation loss rose", {@code val_loss_rise > 0}).
     */
    default boolean positiveMargin() {
        return true;
    }

    Outcome evaluate(ClaimSpec c, List<RunResult> runs);

    /** The figures the report draws for a claim of this rule. */
    Set<Figure> figures();

    /** The table columns that mean something for this rule (others are shown as "-"). */
    Set<Column> columns();

    /** Report figures a rule may ask for. */
    enum Figure {
        /** Validation accuracy over steps for the runs the verdict used, per arm. */
        CURVES,
        /** The claim's metric against {@code over} (or the first {@code best_over}), per arm. */
        BY_PARAMETER
    }

    /** Claims-table columns whose meaning depends on the rule. */
    enum Column { EFFECT, CI, P, AGREE }
}
