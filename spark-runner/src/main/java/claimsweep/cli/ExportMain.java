package claimsweep.cli;

import claimsweep.store.ParquetTables;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code scripts/export csv [DIR]}: every Parquet table of a sweep's output folder as one CSV file
 * with a header ({@code DIR/csv/runs.csv}, {@code curves.csv}, ...), for tools that do not read
 * Parquet. Spark reads and writes (its CSV writer quotes and escapes; nulls are empty fields), in
 * local mode on this machine.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes each Parquet table of a sweep's output folder as CSV (one file per table, with a header).")
public final class ExportMain implements Callable<Integer> {
    /** The tables a folder may hold, in the order they are exported. */
    static final List<String> TABLES = List.of(ParquetTables.RUNS, ParquetTables.CURVES, ParquetTables.CURVE_CLASSES,
            ParquetTables.CURVE_LAYERS, ParquetTables.CLAIMS);

    @Parameters(index = "0", paramLabel = "FORMAT", description = "csv (the only format)")
    String format;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "sweep output folder (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("results", "quickstart");

    @Option(names = "--out", paramLabel = "DIR", description = "where the CSV files go (default: DIR/csv)")
    Path out;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return Cli.execute(new ExportMain(), args);
    }

    @Override
    public Integer call() {
        if (!format.equals("csv")) {
            System.err.println("error: format '" + format + "': expected csv");
            return 2;
        }
        List<String> present = new ArrayList<>();
        for (String t : TABLES) if (Files.isDirectory(dir.resolve(t))) present.add(t);
        if (present.isEmpty()) {
            throw new claimsweep.spec.InputError(dir + " holds none of the tables " + TABLES + "; give a folder a sweep wrote, "
                    + "e.g. results/quickstart");
        }
        Path dest = out != null ? out : dir.resolve("csv");
        SparkConf conf = new SparkConf().setMaster("local[1]").setAppName("claimsweep export")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.ui.showConsoleProgress", "false");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR"); // its plan-string warning is noise here
            Files.createDirectories(dest);
            for (String t : present) {
                Path file = dest.resolve(t + ".csv");
                write(spark, dir.resolve(t), file);
                System.out.println("wrote " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dest + ": " + e.getMessage() + "; choose a writable --out", e);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** Spark writes a folder of part files; one partition gives one file, moved to its plain name. */
    private static void write(SparkSession spark, Path table, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        spark.read().parquet(table.toString()).coalesce(1).write().mode(SaveMode.Overwrite)
                .option("header", "true").option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX").csv(tmp.toString());
        try (Stream<Path> parts = Files.list(tmp)) {
            Path part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Spark wrote no CSV part file in " + tmp));
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> rest = Files.walk(tmp)) {
            for (Path p : rest.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
