package claimsweep.report;


import claimsweep.result.RunResult;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The provenance paragraph of a combined report, read from the runs themselves. */
public final class Provenances {
    private Provenances() {}

    public static String describe(List<ClaimsReport.Section> sections, String reportCommit) {
        TreeSet<String> commits = new TreeSet<>();
        TreeSet<String> hosts = new TreeSet<>();
        TreeSet<String> backends = new TreeSet<>();
        TreeSet<String> javas = new TreeSet<>();
        long runs = 0;
        long trainMs = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int claims = 0;
        for (ClaimsReport.Section s : sections) {
            claims += s.specs().size();
            for (RunResult r : s.runs()) {
                runs++;
                trainMs += r.wallMs();
                commits.add(r.provenance().gitCommit());
                hosts.add(r.provenance().host() + " (" + r.provenance().osArch() + ", " + r.provenance().threads() + " thread/run)");
                backends.add(r.provenance().backend());
                javas.add(r.provenance().javaVersion());
                if (r.provenance().startMs() > 0) {
                    first = Math.min(first, r.provenance().startMs());
                    last = Math.max(last, r.provenance().startMs() + r.wallMs());
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d claims from %d sweeps over %d committed runs.", claims, sections.size(), runs));
        if (runs == 0) {
            // nothing trained yet (every file not run): no commits, machines or times to name
            return b.append("\n\n- report built at git commit `").append(reportCommit).append('`').toString();
        }
        b.append("\n\n- runs trained at git commit(s): `").append(String.join("`, `", commits)).append('`');
        b.append("\n- report built at git commit `").append(reportCommit).append('`');
        b.append(String.format(Locale.ROOT, "\n- training time: %.1f run-hours in all", trainMs / 3.6e6));
        if (first < last) {
            b.append(String.format(Locale.ROOT, "; wall clock from the first run's start to the last run's end %.0f min (%s to %s UTC)",
                    (last - first) / 60000.0, Instant.ofEpochMilli(first).toString().substring(0, 16).replace('T', ' '),
                    Instant.ofEpochMilli(last).toString().substring(0, 16).replace('T', ' ')));
        }
        b.append("\n- machine(s): ").append(String.join(", ", hosts)).append("; ND4J backend ").append(String.join(", ", backends))
                .append("; Java ").append(String.join(", ", javas));
        return b.toString();
    }
}
