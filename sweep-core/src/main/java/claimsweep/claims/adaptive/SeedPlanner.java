package claimsweep.claims.adaptive;

import claimsweep.claims.ClaimEvaluator;
import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Sequencing;
import claimsweep.result.RunResult;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SeedSchedule;
import claimsweep.stats.Direction;
import claimsweep.stats.Verdict;
import claimsweep.stats.sequential.ConfidenceSequence;
import claimsweep.stats.sequential.FixedDesign;
import claimsweep.stats.sequential.GroupFutility;
import claimsweep.stats.sequential.GroupSequentialDesign;
import claimsweep.stats.sequential.Interval;
import claimsweep.stats.sequential.SequenceSettings;
import claimsweep.stats.sequential.SequentialDecision;
import claimsweep.stats.sequential.SpendingFunction;
import claimsweep.stats.sequential.SupportRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.function.Predicate;

/**
 * Plans the rounds of an adaptive sweep ({@code seeds { start, step, max }}). Pure: given the claims,
 * the committed results and the grid (every configuration at seeds 1..max), it reads every claim at
 * each planned look whose runs are all committed, in order, and stops a claim at its first decided
 * look, at the cap, or when it is futile; the next round is, for every claim still open, the runs of
 * its next look not yet committed (both arms, every best_over level, every premise arm), plus in the
 * first round the whole grid at seeds 1..start. Since the plan depends only on committed results,
 * an interrupted sweep re-plans to exactly where it stopped, and no committed run is scheduled again.
 *
 * <p>Paired claims are read with the group-sequential design (O'Brien-Fleming-type Lan-DeMets spending,
 * two-sided alpha 0.05, looks at the schedule's seed counts) or, with {@code sequential = betting}, the
 * betting confidence sequence on [-1, 1]. Every other rule is fixed-n: it gets all seeds up to the cap
 * and is read once.
 */
public final class SeedPlanner {
    /** The engine's two-sided level (the fixed-n paired analysis uses the same). */
    public static final double ALPHA = 0.05;

    private final SeedSchedule schedule;
    private final GroupSequentialDesign design;

    public SeedPlanner(SeedSchedule schedule) {
        this.schedule = schedule;
        this.design = GroupSequentialDesign.of(schedule.looks(), ALPHA, SpendingFunction.OBRIEN_FLEMING);
    }

    /** The design every group-read claim is read with. */
    public GroupSequentialDesign design() {
        return design;
    }

    /** The next round and where every claim stands; {@code next} is empty when the sweep is done. */
    public record Plan(List<ClaimProgress> claims, List<RunSpec> next) {
        public Plan {
            claims = List.copyOf(claims);
            next = List.copyOf(next);
        }

        public boolean done() {
            return next.isEmpty();
        }
    }

    public Plan plan(List<ClaimSpec> claims, List<RunResult> committed, List<RunSpec> grid) {
        return plan(claims, List.of(), committed, grid);
    }

    /**
     * As {@link #plan(List, List, List)}, with every claim planned once per setting ({@code settings =
     * [dataset, model]}, see {@link claimsweep.claims.Settings}): a claim decided in one setting and
     * open in another gets seeds only for the open setting's runs. A claim whose treatment selects no
     * run of a setting is not planned there (the evaluator gives it no row there either).
     */
    public Plan plan(List<ClaimSpec> claims, List<String> settings, List<RunResult> committed, List<RunSpec> grid) {
        Map<String, RunResult> byId = new LinkedHashMap<>();
        committed.forEach(r -> byId.put(r.runId(), r));
        Map<String, RunSpec> next = new LinkedHashMap<>();
        // round 1: the whole grid at the first look's seeds, whatever the claims need
        for (RunSpec r : grid) if (seed(r.params()) <= schedule.start() && !byId.containsKey(r.runId())) next.put(r.runId(), r);
        Map<Map<String, Object>, List<RunSpec>> bySetting = new java.util.TreeMap<>(
                java.util.Comparator.comparing(claimsweep.claims.Settings::label));
        for (RunSpec r : grid) bySetting.computeIfAbsent(settingOf(r.params(), settings), k -> new ArrayList<>()).add(r);
        List<ClaimProgress> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            for (var s : bySetting.entrySet()) {
                if (!settings.isEmpty() && s.getValue().stream().noneMatch(r -> matches(r.params(), c.treatment()))) continue;
                List<RunSpec> mine = s.getValue().stream().filter(belongsTo(c)).toList();
                // the setting's committed runs only: a claim is read on its setting's runs, as the evaluator reads it
                Map<String, RunResult> local = byId;
                if (!settings.isEmpty()) {
                    local = new LinkedHashMap<>();
                    for (RunResult r : byId.values()) if (settingOf(r.spec().params(), settings).equals(s.getKey())) local.put(r.runId(), r);
                }
                ClaimProgress p = (c.isSequential() ? sequential(c, mine, local) : fixed(c, mine, local))
                        .in(claimsweep.claims.Settings.label(s.getKey()));
                out.add(p);
                if (p.open()) {
                    int n = c.isSequential() ? nextLook(p.seedsUsed()) : schedule.max();
                    for (RunSpec r : mine) if (seed(r.params()) <= n && !byId.containsKey(r.runId())) next.putIfAbsent(r.runId(), r);
                }
            }
        }
        return new Plan(out, new ArrayList<>(next.values()));
    }

    /** A run's values of the settings parameters, in settings order ("-" where it has none, as Settings does). */
    private static Map<String, Object> settingOf(Map<String, Object> params, List<String> settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String p : settings) m.put(p, java.util.Objects.requireNonNullElse(params.get(p), "-"));
        return m;
    }

    private ClaimProgress fixed(ClaimSpec c, List<RunSpec> mine, Map<String, RunResult> byId) {
        int cap = schedule.max();
        if (!complete(mine, byId, cap)) return open(c, "fixed-n", 0, List.of());
        var o = ClaimEvaluator.outcome(c, upTo(byId, cap));
        return new ClaimProgress(c.id(), "fixed-n", ClaimProgress.Stop.FIXED_N, cap, o.verdict().kind().label(),
                "rule " + c.rule().name() + " is not read sequentially: read once at the cap of " + cap + " seeds; "
                        + o.verdict().reason(), List.of(), 0, cap, c.margin());
    }

    private ClaimProgress sequential(ClaimSpec c, List<RunSpec> mine, Map<String, RunResult> byId) {
        String name = c.sequential().label();
        List<Interval> path = new ArrayList<>();
        List<Integer> looks = schedule.looks();
        int cap = schedule.max();
        int used = 0;
        for (int k = 0; k < looks.size(); k++) {
            int n = looks.get(k);
            if (!complete(mine, byId, n)) break;
            used = n;
            List<RunResult> runs = upTo(byId, n);
            var fixedRead = ClaimEvaluator.outcome(c.requires().isEmpty() ? c : withoutPremises(c), runs);
            double[] d = PairedDifferences.of(c, runs);
            if (fixedRead.verdict().kind() == Verdict.Kind.NOT_TESTABLE || d.length < n) {
                String why = d.length < n ? "only " + d.length + " of " + n + " seeds are paired (failed runs or missing partners)"
                        : fixedRead.verdict().reason();
                return new ClaimProgress(c.id(), name, ClaimProgress.Stop.UNTESTABLE, n, Verdict.Kind.NOT_TESTABLE.label(),
                        "after " + n + " seeds: " + why, path, 0, cap, c.margin());
            }
            Direction dir = orientedDirection(c);
            SequentialDecision dec;
            boolean futile;
            int fixedSeeds;
            String text;
            if (c.sequential() == Sequencing.BETTING) {
                ConfidenceSequence cs = ConfidenceSequence.of(d, SequenceSettings.accuracyDifferences(ALPHA));
                path.clear();
                path.addAll(cs.path());
                dec = SequentialDecision.firstStop(cs, dir, c.margin(), SupportRule.LOWER_BOUND, cap);
                futile = !dec.stop() && claimsweep.stats.sequential.Futility.check(cs, n, dir, c.margin(),
                        SupportRule.LOWER_BOUND, cap).futile();
                fixedSeeds = FixedDesign.matching(cs, Math.max(2, dec.n())).seeds();
                text = dec.explanation();
            } else {
                path.add(design.repeatedInterval(d, k));
                dec = SequentialDecision.read(path.get(path.size() - 1), dir, c.margin(), SupportRule.LOWER_BOUND, cap);
                futile = !dec.stop() && GroupFutility.futile(design, d, k, dir, c.margin(), SupportRule.LOWER_BOUND);
                fixedSeeds = GroupFutility.equivalentFixedSeeds(design);
                text = design.explanation(dec);
            }
            if (dec.stop() || futile) {
                ClaimProgress.Stop why = dec.reason() == SequentialDecision.StopReason.DECIDED ? ClaimProgress.Stop.DECIDED
                        : futile ? ClaimProgress.Stop.FUTILE : ClaimProgress.Stop.CAP;
                String verdict = verdict(dec);
                String premise = premiseProblem(c, runs);
                if (premise != null && why == ClaimProgress.Stop.DECIDED) {
                    verdict = Verdict.Kind.PREMISE_NOT_MET.label();
                    text += "; " + premise;
                }
                if (futile) {
                    int cut = text.indexOf("; open:");
                    text = (cut < 0 ? text : text.substring(0, cut))
                            + "; stopped: futile (even if every further seed repeated the mean, the last look would stay open)";
                }
                return new ClaimProgress(c.id(), name, why, why == ClaimProgress.Stop.DECIDED ? dec.n() : n, verdict, text,
                        path, fixedSeeds, cap, c.margin());
            }
        }
        return open(c, name, used, path);
    }

    /** The sequential outcome in the claims table's words ("weaker than claimed" is the table's label). */
    private static String verdict(SequentialDecision d) {
        return switch (d.outcome()) {
            case SUPPORTED -> Verdict.Kind.SUPPORTED.label();
            case WEAKER_THAN_CLAIMED -> Verdict.Kind.WEAKER.label();
            case NO_EFFECT -> Verdict.Kind.NO_EFFECT.label();
            case OPPOSITE -> Verdict.Kind.OPPOSITE.label();
            case OPEN -> Verdict.Kind.INCONCLUSIVE.label();
        };
    }

    /** Premises are read fixed-n on the runs the claim stopped at; a premise not supported voids the verdict. */
    private static String premiseProblem(ClaimSpec c, List<RunResult> runs) {
        for (int i = 0; i < c.requires().size(); i++) {
            var p = ClaimEvaluator.outcome(c.requires().get(i), runs);
            if (p.verdict().kind() != Verdict.Kind.SUPPORTED) {
                return "premise " + (i + 1) + " (" + c.requires().get(i).text() + ") is " + p.verdict().kind().label();
            }
        }
        return null;
    }

    private static ClaimSpec withoutPremises(ClaimSpec c) {
        return new ClaimSpec(c.id(), c.claim(), c.text(), c.metric(), c.target(), c.treatment(), c.control(), c.direction(),
                c.margin(), c.marginDeclared(), c.bestOver(), c.selectBy(), c.origin(), c.rule(), c.over(), c.primary(), List.of(),
                c.sequential(), c.revised(), c.options());
    }

    /** Differences are oriented by {@link PairedDifferences} (claimed side positive), so greater and less read alike. */
    static Direction orientedDirection(ClaimSpec c) {
        return c.direction() == Direction.LESS ? Direction.GREATER : c.direction();
    }

    private ClaimProgress open(ClaimSpec c, String design, int used, List<Interval> path) {
        int n = nextLook(used);
        return new ClaimProgress(c.id(), design, ClaimProgress.Stop.OPEN, used, "",
                (used == 0 ? "waiting for its first look" : "open after " + used + " seeds") + ": the next round runs its seeds up to "
                        + n, path, 0, schedule.max(), c.margin());
    }

    /** The look after {@code used} seeds (the first look when none is complete); fixed-n claims go straight to the cap. */
    private int nextLook(int used) {
        for (int n : schedule.looks()) if (n > used) return n;
        return schedule.max();
    }

    private static boolean complete(List<RunSpec> mine, Map<String, RunResult> byId, int n) {
        for (RunSpec r : mine) if (seed(r.params()) <= n && !byId.containsKey(r.runId())) return false;
        return true;
    }

    private static List<RunResult> upTo(Map<String, RunResult> byId, int n) {
        return byId.values().stream().filter(r -> seed(r.spec().params()) <= n).toList();
    }

    /** A run belongs to a claim when it is in one of its arms or one of its premises' arms. */
    private static Predicate<RunSpec> belongsTo(ClaimSpec c) {
        List<Map<String, Object>> filters = new ArrayList<>();
        filters.add(c.treatment());
        if (!c.control().isEmpty()) filters.add(c.control());
        for (ClaimSpec p : c.requires()) {
            filters.add(p.treatment());
            if (!p.control().isEmpty()) filters.add(p.control());
        }
        return r -> filters.stream().anyMatch(f -> matches(r.params(), f));
    }

    private static boolean matches(Map<String, Object> params, Map<String, Object> filter) {
        for (var e : filter.entrySet()) if (!e.getValue().equals(params.get(e.getKey()))) return false;
        return true;
    }

    static long seed(Map<String, Object> params) {
        Object s = params.get("seed");
        return s instanceof Long l ? l : 0L;
    }

}
