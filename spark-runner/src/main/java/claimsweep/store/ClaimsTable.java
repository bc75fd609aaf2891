package claimsweep.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a claims table back ({@link ParquetTables#writeClaims}): the committed verdicts of an output
 * folder, e.g. to compare a new report with the previous one. Tables written before claims were
 * evaluated per setting have no {@code setting} column; their rows read with setting "" (the one
 * evaluation over every run they were), so old evidence stays readable.
 */
public final class ClaimsTable {
    private ClaimsTable() {}

    /** One committed claims-table row (NaN where the table holds no number). */
    public record Row(String claimId, String claim, String setting, String verdict, String metric, double effect, double ciLow,
                      double ciHigh, double p, double pHolm, int nSeeds, boolean primary, String reason) {}

    /** The rows of {@code out/claims}, in table order; an empty list when the folder has no claims table. */
    public static List<Row> read(Path out) {
        Path file = out.resolve(ParquetTables.CLAIMS).resolve(ParquetTables.FILE);
        if (!Files.isRegularFile(file)) return List.of();
        List<Row> rows = new ArrayList<>();
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(conf).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(new Row(g.getString("claim_id", 0), g.getString("claim", 0), string(g, "setting"), g.getString("verdict", 0),
                        g.getString("metric", 0), number(g, "effect"), number(g, "ci_low"), number(g, "ci_high"), number(g, "p"),
                        number(g, "p_holm"), g.getInteger("n_seeds", 0), g.getBoolean("primary", 0), g.getString("reason", 0)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read claims table " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static boolean has(Group g, String field) {
        return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0;
    }

    private static String string(Group g, String field) {
        return has(g, field) ? g.getString(field, 0) : "";
    }

    private static double number(Group g, String field) {
        return has(g, field) ? g.getDouble(field, 0) : Double.NaN;
    }
}
