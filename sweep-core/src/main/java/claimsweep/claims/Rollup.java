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
 */
public final class Rollup {
    private Rollup() {}

    /** An article claim's overall verdict, the count of each kind among its parts, and the parts. */
    public record Entry(String claim, Verdict.Kind verdict, Map<Verdict.Kind, Integer> counts, String reason,
                        List<ClaimResult> parts) {}

    public static List<Entry> of(List<ClaimResult> results) {
        Map<String, List<ClaimResult>> byClaim = new LinkedHashMap<>();
        for (ClaimResult r : results) byClaim.computeIfAbsent(r.claim(), k -> new ArrayList<>()).add(r);
        List<Entry> out = new ArrayList<>();
        byClaim.forEach((claim, parts) -> out.add(entry(claim, parts)));
        return out;
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
        List<ClaimResult> deciding = parts.stream().filter(ClaimResult::primary).toList();
        if (deciding.isEmpty()) deciding = parts;
        Verdict.Kind kind;
        var kinds = deciding.stream().map(p -> p.verdict().kind()).distinct().toList();
        if (kinds.size() == 1) kind = kinds.get(0);
        else if (kinds.contains(Verdict.Kind.SUPPORTED)) kind = Verdict.Kind.PARTLY_SUPPORTED;
        else kind = Verdict.Kind.INCONCLUSIVE;
        String count = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        String primaries = parts.stream().filter(ClaimResult::primary).map(p -> name(p) + " " + p.verdict().kind().label())
                .collect(Collectors.joining(", "));
        String others = parts.stream().filter(p -> !p.primary()).map(p -> name(p) + " " + p.verdict().kind().label())
                .collect(Collectors.joining(", "));
        String reason = (primaries.isEmpty() ? "no primary part" : "primary " + primaries) + "; parts: " + count
                + (others.isEmpty() ? "" : " (exploratory: " + others + ")");
        return new Entry(claim, kind, Map.copyOf(counts), reason, parts);
    }

    /** "A1a", or "A1a (dataset=mnist)" for a part evaluated in a setting. */
    private static String name(ClaimResult p) {
        return p.setting().isEmpty() ? p.claimId() : p.claimId() + " (" + p.setting() + ")";
    }
}
