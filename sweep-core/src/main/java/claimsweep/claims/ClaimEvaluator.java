package claimsweep.claims;

import claimsweep.result.RunResult;
import claimsweep.spec.RunSpec;
import claimsweep.stats.Holm;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Evaluates claims against runs: first each claim's premises ({@code requires}) on the same runs,
 * then the claim by its own {@link ClaimRule}, then Holm's correction across the table's primary
 * parts. Pure: runs in, one table row per claim out.
 */
public final class ClaimEvaluator {
    private ClaimEvaluator() {}

    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<RunResult> runs) {
        return evaluateAll(claims, runs, Map.of());
    }

    /** Every claim evaluated, with the A/A noise of its family and metric ({@link Calibration#key}) beside it. */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<RunResult> runs, Map<String, Calibration.Noise> noise) {
        return evaluateAll(claims, List.of(), runs, noise);
    }

    /**
     * Every claim evaluated once per setting ({@link Settings#split}): the runs restricted to the
     * setting first, then premises, best_over and pairing as without settings. A claim whose
     * treatment selects no run of a setting is not about it (a claim fixing model = cnn says nothing
     * about the mlp settings) and gets no row there. Holm runs over every primary row, claim x setting.
     */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<String> settings, List<RunResult> runs,
                                                Map<String, Calibration.Noise> noise) {
        List<Settings.Setting> split = Settings.split(settings, runs);
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            for (Settings.Setting s : split) {
                if (!settings.isEmpty() && Arms.select(s.runs(), c.treatment()).isEmpty()) continue;
                out.add(row(c, s.runs(), noise, s.label()));
            }
        }
        return withHolm(out);
    }

    /**
     * As {@link #evaluateAll(List, List, List, Map)}, knowing the experiment file's current design (every
     * run it defines): a claim part whose design has runs in a setting but whose treatment or control has
     * no committed run there yet (the file, or that setting, e.g. MNIST, not run yet) gets a row "not
     * run yet" instead of a verdict on nothing, and so does a setting the design has but the data lacks.
     * Such a primary row counts in Holm's family as p = 1 like any primary without a p: Holm's adjusted p
     * values only fall when a raw p falls, so the other rows' are never smaller than the complete evidence
     * will give them.
     * <p>
     * A part that {@code readWhole} names (a fixed-n reading: read once, on every run its design plans)
     * is "not run yet" too while any of those runs is missing: after a design grows (a grid extended by
     * an LR the data lacks), reading the committed subset would choose among the old points only and
     * state a verdict the design does not stand behind. Sequential parts are exempt; they are read at
     * their last complete look.
     */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<String> settings, List<RunResult> runs,
                                                Map<String, Calibration.Noise> noise, List<RunSpec> design) {
        return evaluateAll(claims, settings, runs, noise, design, c -> true);
    }

    /** As above; {@code readWhole}: the parts read only on their whole planned design (see above). */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<String> settings, List<RunResult> runs,
                                                Map<String, Calibration.Noise> noise, List<RunSpec> design,
                                                Predicate<ClaimSpec> readWhole) {
        Map<String, List<RunResult>> ran = new TreeMap<>();
        Settings.split(settings, runs).forEach(s -> ran.put(s.label(), s.runs()));
        Map<String, List<RunSpec>> planned = new TreeMap<>();
        for (RunSpec r : design) {
            planned.computeIfAbsent(Settings.label(Settings.values(settings, r.params())), k -> new ArrayList<>()).add(r);
        }
        Set<String> labels = new TreeSet<>(ran.keySet());
        labels.addAll(planned.keySet());
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            for (String label : labels) {
                List<RunResult> rs = ran.getOrDefault(label, List.of());
                List<RunSpec> here = planned.getOrDefault(label, List.of());
                long plan = here.stream().filter(r -> Arms.matches(r.params(), c.treatment())).count();
                boolean treated = !Arms.select(rs, c.treatment()).isEmpty();
                if (!settings.isEmpty() && !treated && plan == 0) continue; // the claim is not about this setting
                // a control planned elsewhere (another setting) is not missing here: the rule says what it makes of that
                boolean controlMissing = !c.control().isEmpty() && Arms.select(rs, c.control()).isEmpty()
                        && here.stream().anyMatch(r -> Arms.matches(r.params(), c.control()));
                List<RunSpec> mine = readWhole.test(c) ? here.stream().filter(r -> inArms(c, r.params())).toList() : List.of();
                long gone = missing(mine, rs);
                if ((plan > 0 && !treated) || controlMissing) {
                    out.add(notRun(c, label, "no run of this part" + (label.isEmpty() ? "" : " in " + label) + " is committed yet ("
                            + plan + " treatment runs planned by the current design)"));
                } else if (gone > 0) {
                    out.add(notRun(c, label, (mine.size() - gone) + " of the " + mine.size() + " runs the current design plans for "
                            + "this part" + (label.isEmpty() ? "" : " in " + label) + " are committed; it is read once, on all of "
                            + "them, so it has no verdict until the other " + gone + " have run"));
                } else {
                    out.add(row(c, rs, noise, label));
                }
            }
        }
        return withHolm(out);
    }

    /** How many of {@code planned} (a part's planned runs) are not among the committed ones. */
    private static long missing(List<RunSpec> planned, List<RunResult> committed) {
        if (planned.isEmpty()) return 0;
        Set<String> done = new HashSet<>();
        committed.forEach(r -> done.add(r.runId()));
        return planned.stream().filter(r -> !done.contains(r.runId())).count();
    }

    /** A row without a verdict: the part, or some of its planned runs, not committed yet. */
    private static ClaimResult notRun(ClaimSpec c, String label, String reason) {
        return new ClaimResult(c.id(), c.claim(), c.text(), c.primary(), Outcome.empty(Verdict.Kind.NOT_RUN, reason,
                c.metric().label(), 0, c.margin(), "", List.of()), Double.NaN, "", label);
    }

    /** Whether a run with these parameters belongs to the part's treatment or control, or a premise's. */
    private static boolean inArms(ClaimSpec c, Map<String, Object> params) {
        if (Arms.matches(params, c.treatment()) || (!c.control().isEmpty() && Arms.matches(params, c.control()))) return true;
        return c.requires().stream().anyMatch(p -> inArms(p, params));
    }

    private static ClaimResult row(ClaimSpec c, List<RunResult> runs, Map<String, Calibration.Noise> noise, String setting) {
        String family = Arms.family(c, runs);
        Calibration.Noise n = family == null ? null : noise.get(Calibration.key(family, c.metric()));
        String text = n == null ? "" : n.describe();
        if (n != null && c.rule().marginUnit().isEmpty() && c.margin() < n.pairedSd()) {
            text += String.format(java.util.Locale.ROOT, "; the margin %s is below it: one pair's noise could reach it", c.margin());
        }
        return new ClaimResult(c.id(), c.claim(), c.text(), c.primary(), outcome(c, runs), Double.NaN, text, setting);
    }

    /** One claim's row without calibration or Holm (tests, and a quick look at one claim). */
    public static ClaimResult evaluate(ClaimSpec c, List<RunResult> runs) {
        return new ClaimResult(c.id(), c.claim(), c.text(), c.primary(), outcome(c, runs), Double.NaN, "", "");
    }

    /** The claim's outcome, or "premise not met" when one of its premises is not supported on the same runs. */
    public static Outcome outcome(ClaimSpec c, List<RunResult> runs) {
        for (int i = 0; i < c.requires().size(); i++) {
            ClaimSpec premise = c.requires().get(i);
            Outcome p = outcome(premise, runs);
            if (p.verdict().kind() != Verdict.Kind.SUPPORTED) {
                Outcome o = c.rule().evaluate(c, runs);
                return Outcome.empty(Verdict.Kind.PREMISE_NOT_MET, "premise " + (i + 1) + " (" + premise.text() + ") is "
                        + p.verdict().kind().label() + ": " + p.verdict().reason(), o.metric(), o.n(), o.margin(), o.chosen(), o.runIds());
            }
        }
        return c.rule().evaluate(c, runs);
    }

    /**
     * Holm's adjustment over the table's primary parts (the one place it is applied). Exploratory
     * parts get no Holm p. A primary without a p (NaN: premise not met, too few seeds) keeps NaN but
     * counts in the family as p = 1, so leaving a test out never makes the others look stronger.
     */
    public static List<ClaimResult> withHolm(List<ClaimResult> results) {
        List<Integer> primaries = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) if (results.get(i).primary()) primaries.add(i);
        double[] p = primaries.stream().mapToDouble(i -> results.get(i).p()).map(x -> Double.isNaN(x) ? 1 : x).toArray();
        double[] adj = Holm.adjust(p);
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimResult r : results) out.add(r.withHolm(Double.NaN));
        for (int j = 0; j < primaries.size(); j++) {
            ClaimResult r = out.get(primaries.get(j));
            out.set(primaries.get(j), r.withHolm(Double.isNaN(r.p()) ? Double.NaN : adj[j]));
        }
        return out;
    }
}
