package claimsweep.bench;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-normalization cost table of {@code scripts/bench train}: each normalized reference model's
 * ms/step relative to the same model without normalization, for DL4J and PyTorch side by side.
 * Claim A7 ("GroupNorm is cheaper than BN") should cite this table: a cost measured on one
 * implementation alone measures that implementation, this one shows both. The recurrent model's
 * rows are its in-recurrence norms ({@code rnn_norm}) over the plain tanh RNN.
 */
public final class NormCostTable {
    /**
     * The columns of docs/cost-table.csv, which the report reads back ({@code claimsweep.report.CostTable},
     * whose test reads a file this class wrote).
     */
    public static final List<String> HEADER = List.of("model", "batch", "norm", "dl4j_ms_over_none", "dl4j_ratio",
            "torch_ms_over_none", "torch_ratio", "command", "measured");

    private NormCostTable() {}

    /**
     * One normalized model against its baseline: best ms/step of each; the PyTorch figures are null
     * when PyTorch was not measured.
     */
    public record Row(ReferenceModel model, double dl4jMs, double dl4jBaseMs, Double torchMs, Double torchBaseMs) {
        public Row {
            if ((torchMs == null) != (torchBaseMs == null)) {
                throw new IllegalArgumentException(model.key() + ": PyTorch measured for the model or its baseline only");
            }
        }

        boolean hasTorch() {
            return torchMs != null;
        }
    }

    /** A row for every measured normalized model whose no-normalization baseline ({@link ReferenceModel#isBaselineOf}) was measured too. */
    static List<Row> rows(List<ReferenceModel> models, Map<String, TrainBench.Timing> dl4j, Map<String, Double> torch) {
        List<Row> rows = new ArrayList<>();
        for (ReferenceModel m : models) {
            ReferenceModel base = models.stream().filter(b -> b.isBaselineOf(m)).findFirst().orElse(null);
            if (base == null || !dl4j.containsKey(base.key()) || !dl4j.containsKey(m.key())) continue;
            Double t = torch.get(m.key()), t0 = torch.get(base.key());
            boolean both = t != null && t0 != null;
            rows.add(new Row(m, dl4j.get(m.key()).bestMsPerStep(), dl4j.get(base.key()).bestMsPerStep(), both ? t : null,
                    both ? t0 : null));
        }
        return rows;
    }

    /** Prints the table; nothing if there are no rows. */
    static void print(List<Row> rows) {
        if (rows.isEmpty()) return;
        System.out.println();
        System.out.println("Normalization cost (ms/step relative to the same model without normalization):");
        System.out.println("| model | batch | norm | DL4J ms/step | DL4J x none | DL4J +ms | PyTorch ms/step | PyTorch x none | PyTorch +ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            double d = r.dl4jMs(), d0 = r.dl4jBaseMs();
            String pt = r.hasTorch() ? String.format(Locale.ROOT, "%.2f | %.2fx | %+.2f", r.torchMs(), r.torchMs() / r.torchBaseMs(),
                    r.torchMs() - r.torchBaseMs()) : "- | - | -";
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f | %.2fx | %+.2f | %s |%n", r.model().model().toUpperCase(Locale.ROOT),
                    r.model().batch(), r.model().normLabel(), d, d / d0, d - d0, pt);
        }
    }

    /**
     * The rows that have both libraries as CSV in docs/cost-table.csv's format (the report cites
     * only side-by-side figures, so a row without PyTorch is left out), each with the command and
     * the conditions it was measured under. Figures are rounded to 0.01 as in the committed file.
     */
    public static String csv(List<Row> rows, String command, String measured) {
        StringWriter out = new StringWriter();
        CsvWriterSettings s = new CsvWriterSettings();
        s.getFormat().setLineSeparator("\n");
        CsvWriter w = new CsvWriter(out, s);
        w.writeHeaders(HEADER);
        for (Row r : rows) {
            if (!r.hasTorch()) continue;
            w.writeRow(r.model().model(), Integer.toString(r.model().batch()), r.model().normLabel(),
                    fixed(r.dl4jMs() - r.dl4jBaseMs()), fixed(r.dl4jMs() / r.dl4jBaseMs()),
                    fixed(r.torchMs() - r.torchBaseMs()), fixed(r.torchMs() / r.torchBaseMs()), command, measured);
        }
        w.close();
        return out.toString();
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
