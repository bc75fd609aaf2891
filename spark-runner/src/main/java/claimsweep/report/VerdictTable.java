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

    /** {@code specs.get(i)} is the claim of {@code results.get(i)}, as in {@link ClaimsReport.Section}. */
    public static void print(List<ClaimResult> results, List<ClaimSpec> specs, Path htmlReport, PrintStream out) {
        if (results.size() != specs.size()) throw new IllegalArgumentException(results.size() + " results for " + specs.size() + " claims");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (int i = 0; i < results.size(); i++) {
            ClaimResult r = results.get(i);
            List<String> row = new ArrayList<>(List.of(r.claimId(), r.verdict().kind().label()));
            row.addAll(ClaimsReport.cells(r, specs.get(i)));
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
            out.println(r.claimId() + ": " + r.text());
            out.println("  " + r.verdict().kind().label() + ": " + r.verdict().reason());
        }
        out.println();
        out.println("HTML report: " + htmlReport.toAbsolutePath().normalize());
    }
}
