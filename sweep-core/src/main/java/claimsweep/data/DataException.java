package claimsweep.data;

/**
 * Missing, corrupt or unexpected data. The message names the file, what is wrong and how to fix it.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
