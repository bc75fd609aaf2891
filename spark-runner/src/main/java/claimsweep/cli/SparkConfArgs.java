package claimsweep.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/sweep --conf k=v}: Spark properties for the driver's SparkConf, as spark-submit's
 * {@code --conf} passes them. They become {@code spark.*} system properties, which every new
 * SparkConf loads, so they win over claimsweep's own defaults (SweepJob sets those only when
 * missing).
 */
public final class SparkConfArgs {
    private SparkConfArgs() {}

    /**
     * Checks and applies the properties. Only {@code spark.*} keys: SparkConf ignores any other
     * system property, so another key would be dropped without a word. An event log needs its
     * folder to exist (Spark fails at start-up otherwise); a local one is created here.
     */
    public static void apply(Map<String, String> conf, picocli.CommandLine cmd) {
        List<String> problems = new ArrayList<>();
        conf.forEach((k, v) -> {
            if (!k.startsWith("spark.")) {
                problems.add("--conf " + k + "=" + v + ": found key '" + k + "', expected a Spark property (spark.*), "
                        + "e.g. --conf spark.eventLog.enabled=true");
            }
        });
        // a usage error: picocli prints it with the usage and exits 2
        if (!problems.isEmpty()) throw new picocli.CommandLine.ParameterException(cmd, String.join("\n", problems));
        conf.forEach(System::setProperty);
        if (Boolean.parseBoolean(conf.getOrDefault("spark.eventLog.enabled", "false"))) {
            createLocalDir(conf.getOrDefault("spark.eventLog.dir", "/tmp/spark-events"));
        }
    }

    private static void createLocalDir(String dir) {
        URI uri = URI.create(dir.replace(" ", "%20"));
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) return; // hdfs:, s3a: ... are the cluster's
        Path p = uri.getScheme() == null ? Path.of(dir) : Path.of(uri);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new claimsweep.spec.InputError("spark.eventLog.dir " + dir + ": cannot create the folder (" + e.getMessage()
                    + "); choose a writable folder", e);
        }
    }
}
