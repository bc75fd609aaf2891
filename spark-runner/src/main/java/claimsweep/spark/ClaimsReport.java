package claimsweep.spark;

import claimsweep.claims.ClaimResult;
import claimsweep.claims.ClaimSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report/REPORT.md}: per claim its text, design (arms, metric, rule), the verdict
 * table and the reason. Plots and the HTML report are the next slice of issue 4.
 */
final class ClaimsReport {
    private ClaimsReport() {}

    static void write(Path out, String sweepName, String source, String gitCommit, List<ClaimSpec> specs,
                      List<ClaimResult> results, int runs) {
        StringBuilder md = new StringBuilder();
        md.append("# Claims report: ").append(sweepName).append("\n\n");
        md.append("Sweep file `").append(source).append("`, ").append(runs).append(" committed runs, git commit `")
                .append(gitCommit).append("`.\n\n");
        md.append("| claim | verdict | metric | effect | 95% CI | p (signed-rank) | p (Holm) | seeds agreeing | delta |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ClaimResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | **%s** | %s | %s | %s | %s | %s | %d of %d | %s |%n", r.claimId(),
                    r.verdict().kind().label(), r.metric(), num(r.effect()), Double.isNaN(r.ciLow()) ? "-"
                            : "[" + num(r.ciLow()) + ", " + num(r.ciHigh()) + "]", num(r.p()), num(r.pHolm()), r.kAgree(),
                    r.nSeeds(), num(r.delta())));
        }
        for (int i = 0; i < results.size(); i++) {
            ClaimResult r = results.get(i);
            ClaimSpec s = specs.get(i);
            md.append("\n## ").append(r.claimId()).append(": ").append(r.text()).append("\n\n");
            md.append("- design: treatment ").append(arm(s.treatment())).append(" vs control ").append(arm(s.control()))
                    .append(", metric `").append(r.metric()).append('`')
                    .append(Double.isNaN(s.target()) ? "" : " (target " + num(s.target()) + ")")
                    .append(", claimed ").append(s.direction() > 0 ? "greater" : "less")
                    .append(", paired by seed")
                    .append(s.bestOver().isEmpty() ? "" : ", each arm at its best " + String.join(", ", s.bestOver()))
                    .append(" (declared at ").append(s.origin()).append(")\n");
            if (!r.chosen().isEmpty()) md.append("- chosen: ").append(r.chosen()).append('\n');
            md.append("- verdict: **").append(r.verdict().kind().label()).append("**: ").append(r.verdict().reason()).append('\n');
            md.append("- runs used: ").append(r.runIds().size()).append('\n');
        }
        try {
            Path dir = Files.createDirectories(out.resolve("report"));
            Path tmp = dir.resolve(".REPORT.md.tmp");
            Files.writeString(tmp, md);
            Files.move(tmp, dir.resolve("REPORT.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("report") + ": " + e.getMessage(), e);
        }
    }

    private static String arm(Map<String, Object> m) {
        return "`" + m.toString().replace("{", "").replace("}", "") + "`";
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4g", x);
    }
}
