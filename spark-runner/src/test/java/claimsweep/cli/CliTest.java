package claimsweep.cli;

import claimsweep.data.DataException;
import claimsweep.spec.InputError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** Exit codes: user errors carry their own, a bug is not dressed up as the user's mistake. */
class CliTest {
    @Command(name = "t")
    static final class Throws implements Callable<Integer> {
        final RuntimeException e;

        Throws(RuntimeException e) {
            this.e = e;
        }

        @Override
        public Integer call() {
            throw e;
        }
    }

    @Test
    void userErrorsExitWithTheirOwnCode() {
        assertEquals(1, Cli.execute(new Throws(new InputError("out/ holds results of sweep 'x'"))));
        assertEquals(1, Cli.execute(new Throws(new DataException("data/mnist missing: run scripts/fetch-data"))));
        assertEquals(2, Cli.execute(new Throws(new IllegalArgumentException("x")), "--no-such-option"));
    }

    @Test
    void aBugIsNotReportedAsTheUsersMistake() {
        // what the handler does not map goes back to picocli, which prints the stack trace (exit 1):
        // a bug is reported as a bug, not as a one-line "error:" about the user's input
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(1, Cli.execute(new Throws(new IllegalStateException("bug"))));
        } finally {
            System.setErr(err);
        }
        String printed = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains("java.lang.IllegalStateException: bug") && printed.contains("\tat "), printed);
        assertFalse(printed.startsWith("error: bug"), printed);
    }
}
