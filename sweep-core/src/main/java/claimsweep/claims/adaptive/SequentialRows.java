package claimsweep.claims.adaptive;

import claimsweep.claims.Calibration;
import claimsweep.claims.ClaimEvaluator;
import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Outcome;
import claimsweep.claims.Sequencing;
import claimsweep.claims.Settings;
import claimsweep.expand.Expander;
import claimsweep.result.RunResult;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SeedSchedule;
import claimsweep.spec.SweepSpec;
import claimsweep.stats.Direction;
import claimsweep.stats.Verdict;
import claimsweep.stats.sequential.GroupSequentialDesign;
import claimsweep.stats.sequential.Interval;
import claimsweep.stats.sequential.SpendingFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The claims table of a sweep, the one place both report paths (one sweep's folder, and the combined
 * report over folders or committed evidence data) evaluate a sweep's claims. A sweep without
 * {@code seeds { }} gets {@link ClaimEvaluator#evaluateAll} unchanged. In an adaptive sweep the
 * seeds were added until each paired claim looked decided, so a fixed-n t interval on the seeds it
 * stopped at would ignore the looks (optional stopping makes it too narrow); each paired claim's row
 * therefore carries its sequential reading instead, as {@link SeedPlanner} made it:
 * <ul>
 *   <li>the verdict kind read off the sequential interval at the last look the claim's runs reached,
 *       exactly as the fixed-n kinds are read (with the margin);</li>
 *   <li>that interval as the CI (the repeated 95% interval of the group-sequential design, or the
 *       betting confidence sequence), its mean as the effect, n = the seeds used;</li>
 *   <li>p: for the group design the repeated p-value ({@link GroupSequentialDesign#repeatedP}), valid
 *       under optional stopping, so Holm over the primaries keeps its guarantee; for the betting
 *       sequence the conservative alpha when the sequence rejects the null and 1 otherwise (valid
 *       for the same reason, but it can survive Holm only as the table's sole primary);</li>
 *   <li>a reason naming the design, the look and why the claim stopped (decided, cap, futile, or
 *       open with runs missing), beside the fixed-n reading of the same seeds for comparison.</li>
 * </ul>
 * Premises are read fixed-n on the same seeds, as the planner reads them. Every other rule stays
 * fixed-n on every committed seed, and its reason says so.
 */
public final class SequentialRows {
    private SequentialRows() {}

    /** The rows of one sweep: sequential for the paired claims of an adaptive sweep, fixed-n otherwise. */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<String> settings, Optional<SweepSpec> sweep,
                                                List<RunResult> runs, Map<String, Calibration.Noise> noise) {
        return evaluateAll(claims, settings, sweep, runs, noise, null);
    }

    /**
     * As above; with the design (every run the experiment file defines today, or null when unknown),
     * a part or setting the design plans but the runs lack reads "not run yet"
     * ({@link ClaimEvaluator#evaluateAll(List, List, List, Map, List)}) and is never read sequentially.
     */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<String> settings, Optional<SweepSpec> sweep,
                                                List<RunResult> runs, Map<String, Calibration.Noise> noise, List<RunSpec> design) {
        Optional<SeedSchedule> seeds = sweep.flatMap(SweepSpec::seeds);
        List<ClaimResult> fixed = design == null ? ClaimEvaluator.evaluateAll(claims, settings, runs, noise)
                // a fixed-n part is read on its whole design: in a file with seeds { } that is every seed up to the cap
                : ClaimEvaluator.evaluateAll(claims, settings, runs, noise, design, c -> seeds.isEmpty() || !c.isSequential());
        if (seeds.isEmpty()) return fixed;
        SweepSpec spec = sweep.get();
        return sequential(fixed, claims, settings, seeds.get(), Expander.expand(spec.atSeedCap()), runs);
    }

    /** As above, with the adaptive sweep's schedule and its grid (every configuration at seeds 1..max). */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<String> settings, SeedSchedule seeds,
                                                List<RunSpec> grid, List<RunResult> runs, Map<String, Calibration.Noise> noise) {
        return sequential(ClaimEvaluator.evaluateAll(claims, settings, runs, noise), claims, settings, seeds, grid, runs);
    }

    /** The fixed-n rows turned sequential where the claim is paired and has runs. */
    private static List<ClaimResult> sequential(List<ClaimResult> fixed, List<ClaimSpec> claims, List<String> settings,
                                                SeedSchedule seeds, List<RunSpec> grid, List<RunResult> runs) {
        SeedPlanner planner = new SeedPlanner(seeds);
        Map<String, ClaimProgress> progress = new HashMap<>();
        for (ClaimProgress p : planner.plan(claims, settings, runs, grid).claims()) progress.put(key(p.id(), p.setting()), p);
        Map<String, ClaimSpec> specs = new HashMap<>();
        claims.forEach(c -> specs.put(c.id(), c));
        Map<String, List<RunResult>> bySetting = new HashMap<>();
        Settings.split(settings, runs).forEach(s -> bySetting.put(s.label(), s.runs()));
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimResult r : fixed) {
            ClaimSpec c = specs.get(r.claimId());
            ClaimProgress p = progress.get(key(r.claimId(), r.setting()));
            Outcome o;
            if (r.verdict().kind() == Verdict.Kind.NOT_RUN) {
                o = r.outcome();
            } else if (!c.isSequential()) {
                o = r.outcome().withVerdict(new Verdict(r.verdict().kind(), "fixed-n (rule " + c.rule().name()
                        + " is not read sequentially; read once on every committed seed, up to the cap of " + seeds.max() + "): "
                        + r.verdict().reason()));
            } else if (p == null) {
                throw new IllegalStateException("claim " + r.claimId() + " @ " + r.setting() + ": the seed planner has no reading "
                        + "of it; planned: " + progress.keySet());
            } else {
                o = outcome(c, p, bySetting.getOrDefault(r.setting(), List.of()), planner);
            }
            out.add(new ClaimResult(r.claimId(), r.claim(), r.text(), r.primary(), o, Double.NaN, r.noise(), r.setting()));
        }
        return ClaimEvaluator.withHolm(out);
    }

    /** One paired claim's sequential row, from where the planner left it. */
    static Outcome outcome(ClaimSpec c, ClaimProgress p, List<RunResult> runs, SeedPlanner planner) {
        int n = p.seedsUsed();
        List<RunResult> used = n == 0 ? runs : runs.stream().filter(r -> SeedPlanner.seed(r.spec().params()) <= n).toList();
        Outcome fixed = ClaimEvaluator.outcome(c, used);
        GroupSequentialDesign design = planner.design();
        boolean group = c.sequential() == Sequencing.GROUP;
        int look = design.looks().indexOf(n);
        String how = group
                ? String.format(Locale.ROOT, "group-sequential, %s, %s", look < 0 ? "no look complete yet (the first needs "
                + design.looks().get(0) + " seeds)" : "look " + (look + 1) + " of " + design.looks().size(), spending(design))
                : "betting confidence sequence on [-1, 1], " + n + " of up to " + p.cap() + " seeds";
        String stopped = switch (p.stop()) {
            case DECIDED -> "decided";
            case CAP -> "cap";
            case FUTILE -> "futile";
            case OPEN -> "open (runs missing)";
            case UNTESTABLE -> "not testable";
            case FIXED_N -> throw new IllegalStateException("claim " + c.id() + ": a paired claim was planned fixed-n");
        };
        String head = how + "; stopped: " + stopped;
        if (fixed.verdict().kind() == Verdict.Kind.PREMISE_NOT_MET) {
            return fixed.withVerdict(new Verdict(Verdict.Kind.PREMISE_NOT_MET, head + "; " + fixed.verdict().reason()));
        }
        if (p.stop() == ClaimProgress.Stop.UNTESTABLE) {
            return Outcome.empty(Verdict.Kind.NOT_TESTABLE, head + "; " + p.explanation(), fixed.metric(), n, fixed.margin(),
                    fixed.chosen(), fixed.runIds());
        }
        Interval iv = p.path().stream().filter(i -> i.n() == n).reduce((a, b) -> b).orElse(null);
        if (n == 0 || iv == null) {
            // no look complete: while runs are missing there is no reading at all yet (a grid that grew, a file half run),
            // which "not run yet" says; otherwise the claim could not be read (inconclusive)
            Verdict.Kind none = p.stop() == ClaimProgress.Stop.OPEN ? Verdict.Kind.NOT_RUN : Verdict.Kind.INCONCLUSIVE;
            return Outcome.empty(none, head + "; " + p.explanation(), fixed.metric(), n, fixed.margin(),
                    fixed.chosen(), fixed.runIds());
        }
        Verdict.Kind kind = p.verdict().isEmpty() ? Verdict.Kind.INCONCLUSIVE : kindOf(p.verdict());
        double pValue;
        if (group) {
            pValue = design.repeatedP(PairedDifferences.of(c, used), look, SeedPlanner.orientedDirection(c), c.margin());
        } else {
            // the null each direction's p is about (as the repeated p): 0 for greater/less, |mean| >= margin, mean <= -margin
            boolean rejects = switch (SeedPlanner.orientedDirection(c)) {
                case GREATER, LESS -> iv.lower() > 0 || iv.upper() < 0;
                case EQUIVALENT -> iv.lower() > -c.margin() && iv.upper() < c.margin();
                case NONINFERIOR -> iv.lower() > -c.margin();
            };
            pValue = rejects ? SeedPlanner.ALPHA : 1;
        }
        // the planner's path is oriented (the claimed side positive); the table shows treatment minus control
        int s = c.sign();
        double lo = s > 0 ? iv.lower() : -iv.upper();
        double hi = s > 0 ? iv.upper() : -iv.lower();
        String reason = String.format(Locale.ROOT, "%s; after %d seeds: mean %+.4g, %s [%.4g, %.4g], %s p %.3g; the fixed-n t reading of "
                        + "the same seeds, which ignores the looks: %s, CI [%.4g, %.4g], p %.3g", head, n, s * iv.mean(),
                group ? "repeated 95% interval" : "anytime-valid 95% interval", lo, hi, group ? "repeated" : "conservative",
                pValue, fixed.verdict().kind().label(), fixed.ciLow(), fixed.ciHigh(), fixed.p());
        // as the fixed-n reading (Decision): open about 0, but the claimed size itself ruled out (the path is oriented)
        boolean superiority = c.direction() == Direction.GREATER || c.direction() == Direction.LESS;
        if (kind == Verdict.Kind.INCONCLUSIVE && superiority && iv.upper() < c.margin()) {
            reason += "; the interval's claimed-side end is below the margin " + String.format(Locale.ROOT, "%.4g", c.margin())
                    + ", so an effect as large as claimed is excluded";
        }
        return new Outcome(new Verdict(kind, reason), fixed.metric(), s * iv.mean(), lo, hi, 95, pValue, n, fixed.kAgree(),
                fixed.margin(), fixed.chosen(), fixed.runIds());
    }

    private static String spending(GroupSequentialDesign d) {
        return d.spending() == SpendingFunction.OBRIEN_FLEMING ? "O'Brien-Fleming" : "Pocock";
    }

    private static Verdict.Kind kindOf(String label) {
        for (Verdict.Kind k : Verdict.Kind.values()) if (k.label().equals(label)) return k;
        throw new IllegalStateException("sequential verdict: found \"" + label + "\", expected a verdict label");
    }

    private static String key(String id, String setting) {
        return id + "\u0000" + setting;
    }
}
