package claimsweep.claims;

import claimsweep.result.RunResult;
import claimsweep.spec.RunSpec;
import claimsweep.stats.Holm;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
     */
    public static List<ClaimResult> evaluateAll(List<ClaimSpec> claims, List<String> settings, List<RunResult> runs,
                                                Map<String, Calibration.Noise> noise, List<RunSpec> design) {
        Map<String, List<RunResult>> ran = new TreeMap<>();
        Settings.split(settings, runs).forEach(s -> ran.put(s.label(), s.runs()));
        Map<String, List<Map<String, Object>>> planned = new TreeMap<>();
        for (RunSpec r : design) {
            planned.computeIfAbsent(Settings.label(Settings.values(settings, r.params())), k -> new ArrayList<>()).add(r.params());
        }
        Set<String> labels = new TreeSet<>(ran.keySet());
        labels.addAll(planned.keySet());
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            for (String label : labels) {
                List<RunResult> rs = ran.getOrDefault(label, List.of());
                List<Map<String, Object>> here = planned.getOrDefault(label, List.of());
                long plan = here.stream().filter(p -> Arms.matches(p, c.treatment())).count();
                boolean treated = !Arms.select(rs, c.treatment()).isEmpty();
                if (!settings.isEmpty() && !treated && plan == 0) continue; // the claim is not about this setting
                // a control planned elsewhere (another setting) is not missing here: the rule says what it makes of that
                boolean controlMissing = !c.control().isEmpty() && Arms.select(rs, c.control()).isEmpty()
                        && here.stream().anyMatch(p -> Arms.matches(p, c.control()));
                if ((plan > 0 && !treated) || controlMissing) {
                    String reason = "no run of this part" + (label.isEmpty() ? "" : " in " + label) + " is committed yet ("
                            + plan + " treatment runs planned by the current design)";
                    out.add(new ClaimResult(c.id(), c.claim(), c.text(), c.primary(), Outcome.empty(Verdict.Kind.NOT_RUN, reason,
                            c.metric().label(), 0, c.margin(), "", List.of()), Double.NaN, "", label));
                } else {
                    out.add(row(c, rs, noise, label));
                }
            }
        }
        return withHolm(out);
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
