package claimsweep.claims;

import java.util.List;
import java.util.Map;

/**
 * A claim declared next to its sweep: which runs form the treatment and control arms (equality
 * filters on run parameters), the metric, the claimed direction, the margin delta, and the
 * parameters over which each arm takes its best value (e.g. each arm at its own best LR).
 *
 * @param direction +1: treatment's metric is claimed greater than control's; -1: smaller
 * @param bestOver  parameters over which each arm is taken at its best mean metric (empty: none)
 * @param deltaDefaulted true when the file left delta out and it took the accuracy default, which an
 *                  A/A calibration replaces ({@link Calibration})
 * @param rule      paired (default) or max_stable: per seed, the largest value of {@code over} whose run
 *                  neither diverged nor fell below 90% of the arm's best mean metric; the arms are
 *                  compared in grid steps and delta is the claimed gain in steps;
 *                  ratio: per seed, treatment metric / control metric, delta = the claimed ratio;
 *                  spread_ratio: per seed, the range (max - min) of the metric across the levels of
 *                  {@code over}, treatment range / control range, delta = the claimed ratio;
 *                  band: per seed, how many grid values of {@code over} are stable (as max_stable),
 *                  compared in grid steps;
 *                  rate: the share of runs with metric 1 (e.g. diverged) per arm, Wilson CIs, the
 *                  difference with Newcombe's CI and Fisher's exact p, delta = the claimed difference;
 *                  trend: per seed, Spearman's rank correlation of the metric with {@code over}
 *                  within the treatment arm, tested against 0 over seeds, delta = the claimed mean rho;
 *                  range: the metric's range over the treatment arm's runs (seeds only), delta = the
 *                  claimed smallest range;
 *                  interaction: per arm and seed the metric's gap between the two levels of
 *                  {@code over}, treatment gap vs control gap, delta = a share of the control gap
 */
public record ClaimSpec(String id, String text, Metric metric, double target, Map<String, Object> treatment,
                        Map<String, Object> control, int direction, double delta, List<String> bestOver, String origin,
                        Rule rule, String over, boolean deltaDefaulted) {
    /** The rule's name as a constant (what the claims table prints); {@link #impl()} is the rule itself. */
    public enum Rule {
        PAIRED, MAX_STABLE, BAND, RATIO, SPREAD_RATIO, RATE, TREND, RANGE, INTERACTION;

        public ClaimRule impl() {
            return Rules.of(name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public ClaimSpec {
        treatment = Map.copyOf(treatment);
        control = Map.copyOf(control);
        bestOver = List.copyOf(bestOver);
    }

    public ClaimSpec withDelta(double d) {
        return new ClaimSpec(id, text, metric, target, treatment, control, direction, d, bestOver, origin, rule, over, false);
    }
}
