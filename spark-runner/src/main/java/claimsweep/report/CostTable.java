package claimsweep.report;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The implementation-neutral cost of each normalization: milliseconds per step it adds over the same
 * model without it, in DL4J and in PyTorch side by side, from a committed CSV (docs/cost-table.csv,
 * numbers of the README's Speed section, with the command that measured them). A claim on
 * {@code ms_per_step} times this implementation only (fused layers, oneDNN convolutions), so the
 * report prints this table beside it (issue 19, A7): whether an ordering of the norms holds in
 * another implementation is data, not prose baked into the code.
 *
 * @param source the CSV it was read from (named in the report)
 */
public record CostTable(Path source, List<Row> rows) {
    public static final String[] HEADER = {"model", "batch", "norm", "dl4j_ms_over_none", "dl4j_ratio", "torch_ms_over_none",
            "torch_ratio", "command", "measured"};

    /** One normalization on one model: ms/step added over no normalization, and the ratio to it, per library. */
    public record Row(String model, int batch, String norm, double dl4jMs, double dl4jRatio, double torchMs, double torchRatio,
                      String command, String measured) {}

    public CostTable {
        rows = List.copyOf(rows);
    }

    /** Reads the CSV; every error names the file, the line, what was found and what was expected. */
    public static CostTable read(Path csv) {
        String text;
        try {
            text = Files.readString(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cost table " + csv + ": " + e.getMessage(), e);
        }
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setLineSeparator("\n");
        s.setEmptyValue("");
        List<String[]> all = new CsvParser(s).parseAll(new StringReader(text));
        if (all.isEmpty() || !List.of(all.get(0)).equals(List.of(HEADER))) {
            throw new IllegalArgumentException(csv + ":1: found header " + (all.isEmpty() ? "nothing" : String.join(",", all.get(0)))
                    + ", expected " + String.join(",", HEADER));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            String[] r = all.get(i);
            String at = csv + ":" + (i + 1) + ": ";
            if (r.length != HEADER.length) {
                throw new IllegalArgumentException(at + "found " + r.length + " fields, expected " + HEADER.length + ": "
                        + String.join(",", HEADER));
            }
            try {
                rows.add(new Row(r[0], Integer.parseInt(r[1]), r[2], Double.parseDouble(r[3]), Double.parseDouble(r[4]),
                        Double.parseDouble(r[5]), Double.parseDouble(r[6]), r[7], r[8]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(at + "found a non-number (" + e.getMessage() + "); expected numbers in batch, "
                        + "dl4j_ms_over_none, dl4j_ratio, torch_ms_over_none and torch_ratio", e);
            }
        }
        return new CostTable(csv, rows);
    }

    /** The table as Markdown, with where it comes from and how it was measured, for a claim's section. */
    String markdown() {
        StringBuilder md = new StringBuilder("Implementation-neutral cost of each normalization (ms/step added over the same model "
                + "without it, and the ratio; DL4J and PyTorch side by side, from `" + source + "`):\n\n"
                + "| model | batch | norm | DL4J | PyTorch |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %+.2f (%.2fx) | %+.2f (%.2fx) |%n", r.model(), r.batch(), r.norm(),
                    r.dl4jMs(), r.dl4jRatio(), r.torchMs(), r.torchRatio()));
        }
        Set<String> how = new LinkedHashSet<>();
        rows.forEach(r -> how.add("`" + r.command() + "` (" + r.measured() + ")"));
        return md.append("\nMeasured with ").append(String.join("; ", how)).append(". The sweep's own timing below is "
                + "this implementation's cost on the machine that ran the sweep; where the two libraries order the norms "
                + "differently, the ordering is the implementation's, not the method's.\n").toString();
    }
}
