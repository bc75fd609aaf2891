package claimsweep.spec;

/**
 * A mistake the user can fix in their input (a sweep or claims file, a folder, a data set), as
 * opposed to a bug in claimsweep, which keeps its stack trace. The command line maps exactly these
 * to a one-line message and {@link #exitCode()}; anything else is reported as a bug (the split
 * Typesafe Config makes with {@code ConfigException.BugOrBroken}).
 */
public abstract class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected UserError(String message) {
        super(message);
    }

    protected UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code: 2 for an invalid definition (nothing ran), 1 for input the run could not use. */
    public abstract int exitCode();
}
