package claimsweep.spark;

import claimsweep.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scripts/report DIR}: rebuilds the claims table and the report from committed runs, no training. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Evaluates the claims declared in a sweep's file against its committed runs and writes "
                + "DIR/claims (Parquet) and DIR/report/REPORT.md. Nothing is trained.")
public final class ReportMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a sweep's output folder, e.g. results/A1-bn-convergence")
    Path dir;

    @Option(names = "--conf", paramLabel = "FILE", description = "the sweep file with the claims (default: the one the sweep ran)")
    Path conf;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return Cli.execute(new ReportMain(), args);
    }

    @Override
    public Integer call() {
        try {
            Path source = conf != null ? conf : Reports.sourceOf(dir);
            Reports.build(dir, source, System.getProperty("claimsweep.git.commit", "unknown"), System.out);
            return 0;
        } catch (SpecException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
