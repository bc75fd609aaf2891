package claimsweep.report;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-part verdicts of a previous report, extracted once from its REPORT.md into a committed
 * CSV ({@code part,verdict,effect,ci}; the command below wrote reports/fashion-mnist-cpu/verdicts.csv) because that report's run data was never committed: the new
 * report's "what changed" section compares against this table. CSV through univocity-parsers
 * (on the classpath with Spark), so texts with commas and quotes round-trip.
 *
 * <pre>java -cp ... claimsweep.report.PreviousVerdicts reports/fashion-mnist-cpu/REPORT.md reports/fashion-mnist-cpu/verdicts.csv</pre>
 */
public final class PreviousVerdicts {
    static final String[] HEADER = {"part", "verdict", "effect", "ci"};
    private static final Pattern PART = Pattern.compile("^### ([A-Za-z]+\\d+[A-Za-z0-9_-]*): .*$");
    private static final Pattern VERDICT = Pattern.compile("^- verdict: \\*\\*([^*]+)\\*\\*(?: \\([^)]*\\))?(?:: (.*))?$");
    private static final Pattern CI = Pattern.compile("95% CI (\\[[^\\]]*\\])");
    private static final Pattern RATE_DIFFERENCE = Pattern.compile("(difference [+-]?[0-9][0-9.eE+-]*)");

    /**
     * One part's verdict in the previous report.
     *
     * @param part    the part id, e.g. A1a
     * @param verdict the verdict kind's label, e.g. "supported"
     * @param effect  the effect as the report wrote it, e.g. "geometric mean ratio 1.89"; empty when none
     * @param ci      the 95% interval as written, e.g. "[1.31, 2.73]"; empty when none
     */
    public record Row(String part, String verdict, String effect, String ci) {
        public Row {
            if (part == null || part.isBlank()) throw new IllegalArgumentException("a previous verdict needs a part id");
            verdict = verdict == null ? "" : verdict;
            effect = effect == null ? "" : effect;
            ci = ci == null ? "" : ci;
        }
    }

    private PreviousVerdicts() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PreviousVerdicts REPORT.md OUT.csv");
            System.exit(2);
        }
        Path report = Path.of(args[0]);
        List<Row> rows = parseReport(report.toString(), Files.readString(report));
        claimsweep.io.AtomicFiles.writeString(Path.of(args[1]), toCsv(rows));
        System.out.printf("%d part verdicts of %s in %s%n", rows.size(), report, args[1]);
    }

    /** Every part's verdict in a report's Markdown: a {@code ### ID: text} heading, then its {@code - verdict:} line. */
    public static List<Row> parseReport(String display, String markdown) {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String part = null;
        int partLine = 0;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            Matcher p = PART.matcher(line);
            if (p.matches()) {
                if (part != null) throw new IllegalArgumentException(display + ":" + partLine + ": part " + part
                        + " has no '- verdict: **...**' line before the next part");
                part = p.group(1);
                partLine = i + 1;
                if (!seen.add(part)) throw new IllegalArgumentException(display + ":" + partLine + ": part " + part + " twice");
                continue;
            }
            Matcher v = VERDICT.matcher(line);
            if (v.matches() && part != null) {
                rows.add(row(part, v.group(1), v.group(2) == null ? "" : v.group(2)));
                part = null;
            }
        }
        if (part != null) throw new IllegalArgumentException(display + ":" + partLine + ": part " + part + " has no verdict line");
        return rows;
    }

    /** The effect is the clause before the interval ("mean test_acc difference -0.3551"), else the first clause. */
    static Row row(String part, String verdict, String text) {
        Matcher ci = CI.matcher(text);
        int comma = text.indexOf(", 95% CI [");
        Matcher d = RATE_DIFFERENCE.matcher(text);
        String effect;
        if (text.startsWith("treatment ") && d.find()) effect = d.group(1); // a rate rule: "treatment k of n (...) vs control ...: difference +x"
        else if (comma >= 0) effect = text.substring(0, comma);
        else effect = text.split("[,;]", 2)[0];
        return new Row(part, verdict, effect.strip(), ci.find() ? ci.group(1) : "");
    }

    public static String toCsv(List<Row> rows) {
        StringWriter out = new StringWriter();
        CsvWriterSettings s = new CsvWriterSettings();
        s.getFormat().setLineSeparator("\n");
        s.setQuoteEscapingEnabled(true);
        CsvWriter w = new CsvWriter(out, s);
        w.writeHeaders(HEADER);
        for (Row r : rows) w.writeRow(r.part(), r.verdict(), r.effect(), r.ci());
        w.close();
        return out.toString();
    }

    /** Reads a CSV written by {@link #toCsv}; errors name the file, the line and what was expected. */
    public static List<Row> read(Path csv) {
        String text;
        try {
            text = Files.readString(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read previous verdicts " + csv + ": " + e.getMessage(), e);
        }
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setLineSeparator("\n");
        s.setNullValue("");
        s.setEmptyValue("");
        List<String[]> all = new CsvParser(s).parseAll(new java.io.StringReader(text));
        if (all.isEmpty() || !List.of(all.get(0)).equals(List.of(HEADER))) {
            throw new IllegalArgumentException(csv + ":1: found header " + (all.isEmpty() ? "nothing" : String.join(",", all.get(0)))
                    + ", expected " + String.join(",", HEADER) + " (write it with PreviousVerdicts REPORT.md OUT.csv)");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            String[] r = all.get(i);
            if (r.length != HEADER.length || r[0].isBlank()) {
                throw new IllegalArgumentException(csv + ":" + (i + 1) + ": found " + r.length + " fields" + (r.length > 0 ? " (part '"
                        + r[0] + "')" : "") + ", expected " + HEADER.length + ": " + String.join(",", HEADER) + " with a part id");
            }
            rows.add(new Row(r[0], r[1], r[2], r[3]));
        }
        return rows;
    }
}
