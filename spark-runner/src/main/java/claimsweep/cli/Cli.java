package claimsweep.cli;

import picocli.CommandLine;

/**
 * Runs a picocli command the way every claimsweep command does: usage errors print the usage and
 * exit 2; a {@link claimsweep.spec.UserError} prints its message and exits with its own code (2 for
 * a bad sweep or claim file, {@link claimsweep.spec.SpecException}; 1 for input the run could not
 * use, {@link claimsweep.spec.InputError}: missing data, a foreign output folder, a failed Spark
 * job); I/O failures (unwritable output) print their message and exit 1. Anything else is a bug and
 * keeps its stack trace.
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
            // an unreadable or unwritable file is the user's to fix too; anything else (an
            // IllegalStateException included) is a bug and keeps its stack trace
            if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                System.err.println("error: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
