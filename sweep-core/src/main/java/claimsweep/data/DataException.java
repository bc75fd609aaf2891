package claimsweep.data;

/**
 * Missing, corrupt or unexpected data. The message names the file, what is wrong and how to fix it;
 * a user error (exit 1), not a bug.
 */
public final class DataException extends claimsweep.spec.InputError {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
