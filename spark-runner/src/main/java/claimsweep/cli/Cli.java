package claimsweep.cli;

import picocli.CommandLine;

/**
 * Runs a picocli command the way every claimsweep command does: usage errors print the usage and
 * exit 2; a bad sweep or claim file ({@link claimsweep.spec.SpecException}) prints its problems and
 * exits 2; the user-fixable failures (missing data, unwritable output, a failed Spark job) print
 * their message and exit 1. Anything else is a bug and keeps its stack trace. A
 * {@link claimsweep.spec.UserError} carries its own exit code; only those map to 2.
 */
final class Cli {
    private Cli() {}

    /** The command's exit code (no System.exit, so tests can call it). */
    static int execute(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("error: " + ex.getMessage());
            ex.getCommandLine().usage(System.err);
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            if (ex instanceof claimsweep.spec.UserError u) {
                System.err.println("error: " + u.getMessage());
                return u.exitCode();
            }
            if (ex instanceof claimsweep.data.DataException || ex instanceof IllegalStateException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                System.err.println("error: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
