package claimsweep.claims;

import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One verdict per article claim from the verdicts of its parts. A part belongs to the claim its id
 * starts with: the id up to its first lower-case letter or hyphen ("A1a" and "A1b" -> "A1",
 * "B10-cos" -> "B10", "A7-gn" -> "A7"), so the engine knows no claim catalogue. The roll-up is
 * supported when every part is, refuted when every part is, partly supported when some parts are
 * supported and others are not, inconclusive otherwise (no part supported, not all refuted).
 */
public final class Rollup {
    private Rollup() {}

    /** An article claim's overall verdict and its parts. */
    public record Entry(String claim, Verdict.Kind verdict, String reason, List<ClaimResult> parts) {}

    public static List<Entry> of(List<ClaimResult> results) {
        Map<String, List<ClaimResult>> byClaim = new LinkedHashMap<>();
        for (ClaimResult r : results) {
            byClaim.computeIfAbsent(group(r.claimId()), k -> new ArrayList<>()).add(r);
        }
        List<Entry> out = new ArrayList<>();
        byClaim.forEach((claim, parts) -> out.add(entry(claim, parts)));
        return out;
    }

    /** The article claim a part id belongs to: the id up to its first lower-case letter or hyphen. */
    public static String group(String id) {
        int i = 0;
        while (i < id.length() && !Character.isLowerCase(id.charAt(i)) && id.charAt(i) != '-') i++;
        return i == 0 ? id : id.substring(0, i);
    }

    static Entry entry(String claim, List<ClaimResult> parts) {
        long supported = parts.stream().filter(p -> p.verdict().kind() == Verdict.Kind.SUPPORTED).count();
        long refuted = parts.stream().filter(p -> p.verdict().kind() == Verdict.Kind.REFUTED).count();
        int n = parts.size();
        Verdict.Kind kind;
        if (supported == n) kind = Verdict.Kind.SUPPORTED;
        else if (refuted == n) kind = Verdict.Kind.REFUTED;
        else if (supported > 0) kind = Verdict.Kind.PARTLY_SUPPORTED;
        else kind = Verdict.Kind.INCONCLUSIVE;
        StringBuilder why = new StringBuilder();
        for (ClaimResult p : parts) {
            if (why.length() > 0) why.append("; ");
            why.append(p.claimId()).append(' ').append(p.verdict().kind().label());
        }
        String reason = n == 1 ? parts.get(0).verdict().kind().label() + " (one part)"
                : String.format("%d of %d parts supported, %d refuted: %s", supported, n, refuted, why);
        return new Entry(claim, kind, reason, parts);
    }
}
