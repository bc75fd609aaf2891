package claimsweep.report;

import claimsweep.claims.ClaimResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdicts as the last thing a sweep prints: one aligned row per claim (verdict, effect and
 * its 95% CI, p, seeds agreeing), each claim's text and the reason for its verdict, then where
 * the HTML report is. The same numbers as the claims table; plain text, for a terminal or a log.
 */
public final class VerdictTable {
    private static final String[] HEAD = {"claim", "verdict", "metric", "effect", "95% CI", "p", "seeds agreeing"};

    private VerdictTable() {}

    public static void print(List<ClaimResult> results, Path htmlReport, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (ClaimResult r : results) {
            String ci = Double.isNaN(r.ciLow()) ? "-" : "[" + signed(r.ciLow()) + ", " + signed(r.ciHigh()) + "]";
            rows.add(new String[] {r.claimId(), r.verdict().kind().label(), r.metric(), signed(r.effect()), ci,
                    Double.isNaN(r.p()) ? "-" : String.format(Locale.ROOT, "%.4f", r.p()), r.kAgree() + " of " + r.nSeeds()});
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

    private static String signed(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%+.4f", x);
    }
}
