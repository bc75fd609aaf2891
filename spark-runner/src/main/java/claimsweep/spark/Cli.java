package claimsweep.spark;

import picocli.CommandLine;

/** Runs a picocli command the way every claimsweep command does: usage errors print the usage and exit 2. */
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
        return cl.execute(args);
    }
}
