package claimsweep.claims.rules;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimRule;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Outcome;
import claimsweep.result.RunResult;
import claimsweep.stats.Direction;
import claimsweep.stats.PairedTest;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The level rule, one arm against a fixed threshold: "the arm's mean metric is beyond {@code margin}"
 * in the claimed direction, e.g. the premise "the control overfits: its train-minus-validation
 * accuracy gap exceeds 5 pp" ({@code rule = level, metric = acc_gap, direction = greater, margin = 0.05}).
 * One value per seed ({@link Arms#perSeed}), a one-sample t interval at the paired rule's level (95%,
 * {@link PairedTest#ALPHA}): supported when the whole CI lies beyond the threshold in the claimed
 * direction, opposite when it lies wholly on the other side, inconclusive when it contains the
 * threshold. Here the margin is the threshold itself, not a smallest effect, so the claim must declare it,
 * and it may be any number, 0 and below included (the premise "validation loss turned up":
 * {@code metric = val_loss_rise, direction = greater, margin = 0}).
 */
public final class LevelRule implements ClaimRule {
    @Override
    public String name() {
        return "level";
    }

    @Override
    public boolean oneArm() {
        return true;
    }

    @Override
    public Set<Figure> figures() {
        return Set.of(Figure.CURVES);
    }

    @Override
    public Set<Column> columns() {
        return Set.of(Column.EFFECT, Column.CI, Column.P, Column.AGREE);
    }

    @Override
    public Optional<String> marginUnit() {
        return Optional.of("the threshold the arm's mean must pass, in the metric's unit");
    }

    /** A threshold, not an effect size: 0 ("the loss rose at all") and negative thresholds are claims too. */
    @Override
    public boolean positiveMargin() {
        return false;
    }

    @Override
    public Optional<String[]> check(ClaimSpec c) {
        if (c.direction() == Direction.GREATER || c.direction() == Direction.LESS) return Optional.empty();
        return Optional.of(new String[] {"direction", c.direction().label(),
                "greater or less (the level rule says the arm's mean is above or below the threshold margin)"});
    }

    @Override
    public Outcome evaluate(ClaimSpec c, List<RunResult> runs) {
        Map<String, Object> choice = new TreeMap<>();
        List<RunResult> arm = Arms.best(Arms.select(runs, c.treatment()), c, choice);
        Map<Map<String, Object>, Double> byKey = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (RunResult r : arm) {
            Double m = c.metric().of(r, c.target());
            if (m == null) continue;
            byKey.put(Arms.pairKey(r, Arms.armKeys(c), c.bestOver()), m);
            ids.add(r.runId());
        }
        double[] v = Arms.perSeed(byKey).values().stream().mapToDouble(Double::doubleValue).toArray();
        String label = c.metric().label();
        String chosen = c.bestOver().isEmpty() ? "" : "by " + c.selectBy().label() + ": " + choice;
        String why = Arms.untestable(arm, c.metric(), v, new double[0]);
        if (why != null) return Outcome.empty(Verdict.Kind.NOT_TESTABLE, why, label, v.length, c.margin(), chosen, ids);
        if (v.length < 2) {
            return Outcome.empty(Verdict.Kind.INCONCLUSIVE, "only " + v.length + " seeds in the arm (" + arm.size()
                    + " runs): run the sweep", label, v.length, c.margin(), chosen, ids);
        }
        PairedTest t = PairedTest.ofDifferences(v);
        double[] ci = t.ci(PairedTest.ALPHA / 2);
        double threshold = c.margin();
        int s = c.direction().sign(c.metric().higherIsBetter());
        // the CI's ends signed so that "beyond the threshold in the claimed direction" is > 0
        double near = s > 0 ? ci[0] - threshold : threshold - ci[1];
        double far = s > 0 ? ci[1] - threshold : threshold - ci[0];
        int beyond = 0;
        for (double x : v) if (s * (x - threshold) > 0) beyond++;
        String base = String.format(Locale.ROOT, "mean %s %.4g over %d seeds, 95%% CI [%.4g, %.4g], threshold %s %.4g, %d of %d seeds beyond it",
                label, t.mean(), t.n(), ci[0], ci[1], s > 0 ? ">" : "<", threshold, beyond, t.n());
        Verdict verdict;
        if (near > 0) verdict = Verdict.of(Verdict.Kind.SUPPORTED, base + "; the whole CI is beyond the threshold");
        else if (far < 0) verdict = Verdict.of(Verdict.Kind.OPPOSITE, base + "; the whole CI is on the other side of the threshold");
        else verdict = Verdict.of(Verdict.Kind.INCONCLUSIVE, base + "; the CI contains the threshold");
        // the p of "mean = threshold", two-sided so that p < 0.05 exactly when the 95% CI excludes the threshold
        double p = Math.min(1, 2 * Math.min(t.pAbove(threshold), t.pBelow(threshold)));
        return new Outcome(verdict, label, t.mean(), ci[0], ci[1], 95, p, t.n(), beyond, threshold, chosen, ids);
    }
}
