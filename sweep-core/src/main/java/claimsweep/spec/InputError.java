package claimsweep.spec;

/**
 * Input the run could not use, found while running rather than while reading the sweep file: an
 * output folder that holds another sweep, a folder that is not a claimsweep output, a cluster
 * without the GPUs the command asked for, a Spark job that failed. The message says what to
 * change; the command exits 1 (2 is kept for a definition that is wrong before anything runs).
 */
public class InputError extends UserError {
    private static final long serialVersionUID = 1L;

    public InputError(String message) {
        super(message);
    }

    public InputError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
