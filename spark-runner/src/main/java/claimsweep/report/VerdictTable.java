package claimsweep.report;

import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdicts as the last thing a sweep prints: one aligned row per claim with the claims
 * table's cells ({@link ClaimsReport#cells}: role, metric, effect, CI with its level, p, Holm p,
 * seeds agreeing, margin, A/A noise; "-" where the claim's rule does not define a column), each
 * claim's text and the reason for its verdict, then where the HTML report is. Plain text, for a
 * terminal or a log.
 */
public final class VerdictTable {
    private static final String[] HEAD = {"claim", "verdict", "role", "metric", "effect", "CI (level)", "p", "Holm p",
            "seeds agreeing", "margin", "A/A noise"};

    private VerdictTable() {}

    /** Each result's claim is the spec with its id (with settings a claim has one row per setting). */
    public static void print(List<ClaimResult> results, List<ClaimSpec> specs, Path htmlReport, PrintStream out) {
        java.util.Map<String, ClaimSpec> byId = new java.util.HashMap<>();
        specs.forEach(c -> byId.put(c.id(), c));
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (int i = 0; i < results.size(); i++) {
            ClaimResult r = results.get(i);
            ClaimSpec c = byId.get(r.claimId());
            if (c == null) throw new IllegalArgumentException("no claim " + r.claimId() + " among " + byId.keySet());
            List<String> row = new ArrayList<>(List.of(name(r), r.verdict().kind().label()));
            row.addAll(ClaimsReport.cells(r, c));
            rows.add(row.toArray(String[]::new));
        }
        int[] width = new int[HEAD.length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        out.println();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(width[i] - row[i].length()));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        for (ClaimResult r : results) {
            out.println(name(r) + ": " + r.text());
            out.println("  " + r.verdict().kind().label() + ": " + r.verdict().reason());
        }
        out.println();
        out.println("HTML report: " + htmlReport.toAbsolutePath().normalize());
    }

    /** "A1a", or "A1a @ dataset=mnist" for a row evaluated in a setting. */
    private static String name(ClaimResult r) {
        return r.setting().isEmpty() ? r.claimId() : r.claimId() + " @ " + r.setting();
    }
}
