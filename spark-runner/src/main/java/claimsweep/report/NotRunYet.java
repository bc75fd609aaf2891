package claimsweep.report;

import claimsweep.claims.ClaimResult;
import claimsweep.stats.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The preamble paragraph of a report built up over several sessions: how many experiment files and
 * claim parts have no committed run yet, and which. Their rows read "not run yet" in every table, and
 * this paragraph makes the gap the first thing a reader sees, so a missing run is never taken for a
 * verdict. Empty when everything planned has run.
 */
final class NotRunYet {
    private NotRunYet() {}

    static String markdown(List<ClaimsReport.Section> sections) {
        List<String> files = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        int total = 0;
        for (ClaimsReport.Section s : sections) {
            List<ClaimResult> missing = s.results().stream().filter(NotRunYet::notRun).toList();
            total += s.results().size();
            if (missing.isEmpty()) continue;
            // a file whose every part waits is "not run at all" only if none of its design's runs is committed:
            // a design that grew (A10's new LR points) has run in part, and its parts are listed below
            if (missing.size() == s.results().size() && s.runs().isEmpty()) {
                files.add("`" + s.sweep() + "`");
                continue;
            }
            for (ClaimResult r : missing) parts.add(r.claimId() + (r.setting().isEmpty() ? "" : " in `" + r.setting() + "`"));
        }
        if (files.isEmpty() && parts.isEmpty()) return "";
        long count = sections.stream().flatMap(s -> s.results().stream()).filter(NotRunYet::notRun).count();
        StringBuilder md = new StringBuilder("**Not run yet: ").append(count).append(" of ").append(total)
                .append(" claim parts** (part x setting) have no committed run, or (parts read once on their whole design) not "
                        + "all of the runs their design plans, so they have no verdict; every table shows them as \"not run yet\".");
        if (!files.isEmpty()) {
            md.append(' ').append(files.size()).append(" of ").append(sections.size()).append(" experiment files have not run at all: ")
                    .append(String.join(", ", files)).append('.');
        }
        if (!parts.isEmpty()) md.append(" In files that have run, not yet: ").append(String.join(", ", parts)).append('.');
        return md.toString();
    }

    static boolean notRun(ClaimResult r) {
        return r.verdict().kind() == Verdict.Kind.NOT_RUN;
    }
}
