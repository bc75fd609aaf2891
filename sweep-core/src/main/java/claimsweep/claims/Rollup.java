package claimsweep.claims;

import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One verdict per article claim from its parts. A part belongs to the claim it declares
 * ({@code claim = A4}) or, by default, to its id up to the first lower-case letter or hyphen ("A1a"
 * and "A1b" -> "A1", "B10-cos" -> "B10"), so the engine knows no claim catalogue. The claim's verdict
 * is its primary part's (Holm-controlled); with several primaries, their common kind, else "partly
 * supported" when one is supported and "inconclusive" otherwise; with none, the same over all parts.
 * The reason counts every kind among the parts, so a reader sees "2 supported, 1 weaker than claimed"
 * rather than one word.
 *
 * <p>A claim evaluated in several settings ({@link Settings}) gets a verdict per setting from its parts
 * there, and {@link Entry#where} states them: where it holds, where it does not and where it could
 * not be tested ("supported in `dataset=fashion-mnist`; no effect in `dataset=mnist`"). This is the one
 * home of that sentence: the report's scope summary and its verdicts-by-claim table both print it.
 * Parts not run yet ({@link Verdict.Kind#NOT_RUN}) decide nothing; they are named instead, so a setting
 * judged on some of its parts says which ones are missing. A setting whose primary parts are all not run
 * yet is "not run yet" whatever its exploratory parts show, as a claim is judged by its primaries.
 */
public final class Rollup {
    private Rollup() {}

    /** An article claim's overall verdict, the count of each kind among its parts, and the parts. */
    public record Entry(String claim, Verdict.Kind verdict, Map<Verdict.Kind, Integer> counts, String reason,
                        List<ClaimResult> parts, List<InSetting> settings) {
        /** Where the claim holds, does not hold and could not be tested, one clause per verdict kind. */
        public String where() {
            if (settings.size() == 1 && settings.get(0).setting().equals(ALL)) { // no settings: nothing to say where
                return settings.get(0).verdict().label() + settings.get(0).describe().substring(("`" + ALL + "`").length());
            }
            Map<Verdict.Kind, List<String>> by = new java.util.TreeMap<>(java.util.Comparator.comparingInt(ORDER::indexOf));
            for (InSetting s : settings) by.computeIfAbsent(s.verdict(), k -> new ArrayList<>()).add(s.describe());
            return by.entrySet().stream().map(e -> e.getKey().label() + " in " + String.join(" and ", e.getValue()))
                    .collect(Collectors.joining("; "));
        }
    }

    /** The claim's verdict in one setting ("all runs" for a file without settings) and its parts not run yet there. */
    public record InSetting(String setting, Verdict.Kind verdict, List<String> notRun) {
        String describe() {
            return "`" + setting + "`" + (notRun.isEmpty() || verdict == Verdict.Kind.NOT_RUN ? ""
                    : " (" + String.join(", ", notRun) + " not run yet)");
        }
    }

    /** Where-clauses in this order: holds, holds in part, does not hold, could not be tested. */
    private static final List<Verdict.Kind> ORDER = List.of(Verdict.Kind.SUPPORTED, Verdict.Kind.PARTLY_SUPPORTED,
            Verdict.Kind.WEAKER, Verdict.Kind.NO_EFFECT, Verdict.Kind.OPPOSITE, Verdict.Kind.INCONCLUSIVE,
            Verdict.Kind.NOT_TESTABLE, Verdict.Kind.PREMISE_NOT_MET, Verdict.Kind.NOT_RUN);

    public static List<Entry> of(List<ClaimResult> results) {
        Map<String, List<ClaimResult>> byClaim = new LinkedHashMap<>();
        for (ClaimResult r : results) byClaim.computeIfAbsent(r.claim(), k -> new ArrayList<>()).add(r);
        List<Entry> out = new ArrayList<>();
        byClaim.forEach((claim, parts) -> out.add(entry(claim, parts)));
        return out;
    }

    /** The setting of a row evaluated without settings. */
    public static final String ALL = "all runs";

    /** "all runs" for a row evaluated without settings, else its setting. */
    public static String settingOf(ClaimResult r) {
        return r.setting().isEmpty() ? ALL : r.setting();
    }

    /** The article claim a part id belongs to by default: the id up to its first lower-case letter or hyphen. */
    public static String group(String id) {
        int i = 0;
        while (i < id.length() && !Character.isLowerCase(id.charAt(i)) && id.charAt(i) != '-') i++;
        return i == 0 ? id : id.substring(0, i);
    }

    static Entry entry(String claim, List<ClaimResult> parts) {
        Map<Verdict.Kind, Integer> counts = new EnumMap<>(Verdict.Kind.class);
        for (ClaimResult p : parts) counts.merge(p.verdict().kind(), 1, Integer::sum);
        Map<String, List<ClaimResult>> bySetting = new LinkedHashMap<>();
        for (ClaimResult p : parts) bySetting.computeIfAbsent(settingOf(p), k -> new ArrayList<>()).add(p);
        List<InSetting> settings = new ArrayList<>();
        bySetting.forEach((setting, ps) -> settings.add(new InSetting(setting, decide(ps),
                ps.stream().filter(p -> p.verdict().kind() == Verdict.Kind.NOT_RUN).map(ClaimResult::claimId).toList())));
        // across settings: their common verdict, else as across parts (settings not run yet decide nothing).
        // Where some setting holds a primary part, only such settings decide: a setting that only an
        // exploratory part reaches (A1's MNIST parts, read at another target) is shown, but does not
        // turn a claim whose primaries agree into "partly supported".
        boolean anyPrimary = parts.stream().anyMatch(ClaimResult::primary);
        List<Verdict.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            List<ClaimResult> ps = bySetting.get(settings.get(i).setting());
            if (!anyPrimary || ps.stream().anyMatch(ClaimResult::primary)) kinds.add(settings.get(i).verdict());
        }
        Verdict.Kind kind = combine(kinds.stream().allMatch(k -> k == Verdict.Kind.NOT_RUN) ? kinds
                : kinds.stream().filter(k -> k != Verdict.Kind.NOT_RUN).toList());
        String count = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        String primaries = parts.stream().filter(ClaimResult::primary).map(p -> name(p) + " " + p.verdict().kind().label())
                .collect(Collectors.joining(", "));
        String others = parts.stream().filter(p -> !p.primary()).map(p -> name(p) + " " + p.verdict().kind().label())
                .collect(Collectors.joining(", "));
        String reason = (primaries.isEmpty() ? "no primary part" : "primary " + primaries) + "; parts: " + count
                + (others.isEmpty() ? "" : " (exploratory: " + others + ")");
        return new Entry(claim, kind, Map.copyOf(counts), reason, parts, List.copyOf(settings));
    }

    /** One setting's verdict from its parts: the primaries' (all parts' without one), parts not run yet left out. */
    private static Verdict.Kind decide(List<ClaimResult> parts) {
        List<ClaimResult> run = parts.stream().filter(p -> p.verdict().kind() != Verdict.Kind.NOT_RUN).toList();
        if (run.isEmpty()) return Verdict.Kind.NOT_RUN;
        List<ClaimResult> deciding = run.stream().filter(ClaimResult::primary).toList();
        if (deciding.isEmpty()) deciding = parts.stream().anyMatch(ClaimResult::primary) ? List.of() : run;
        if (deciding.isEmpty()) return Verdict.Kind.NOT_RUN; // the primary part is not run yet: its exploratory parts decide nothing
        return combine(deciding.stream().map(p -> p.verdict().kind()).toList());
    }

    private static Verdict.Kind combine(List<Verdict.Kind> all) {
        var kinds = all.stream().distinct().toList();
        if (kinds.size() == 1) return kinds.get(0);
        if (kinds.contains(Verdict.Kind.SUPPORTED) || kinds.contains(Verdict.Kind.PARTLY_SUPPORTED)) return Verdict.Kind.PARTLY_SUPPORTED;
        return Verdict.Kind.INCONCLUSIVE;
    }

    /** "A1a", or "A1a (dataset=mnist)" for a part evaluated in a setting. */
    private static String name(ClaimResult p) {
        return p.setting().isEmpty() ? p.claimId() : p.claimId() + " (" + p.setting() + ")";
    }
}
