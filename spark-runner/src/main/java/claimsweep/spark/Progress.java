package claimsweep.spark;

import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Line-oriented progress: one line per finished run with the tallies and an ETA. Lines, not a
 * redrawn bar, because sweeps mostly run under spark-submit where output goes to log files.
 */
final class Progress {
    private final PrintStream out;
    private final int total;
    private final LongSupplier clock;
    private final long start;
    private int done;
    private int ok;
    private int diverged;
    private int collapsed;
    private int failed;

    Progress(PrintStream out, int total, LongSupplier clock) {
        this.out = out;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    synchronized void finished(RunResult r) {
        done++;
        switch (r.status()) {
            case OK -> ok++;
            case DIVERGED -> diverged++;
            case COLLAPSED -> collapsed++;
            case FAILED -> failed++;
        }
        long elapsed = clock.getAsLong() - start;
        long eta = done == 0 ? 0 : elapsed * (total - done) / done;
        String metric = r.status() == RunStatus.OK && r.testAcc() != null
                ? String.format(Locale.ROOT, "test_acc=%.4f", r.testAcc())
                : r.reason();
        out.printf(Locale.ROOT, "[%d/%d] ok %d, diverged %d, collapsed %d, failed %d, ETA %s | %s %s %s (%s)%n", done,
                total, ok, diverged, collapsed, failed, duration(eta), r.spec().tag(), r.status().label(), metric, duration(r.wallMs()));
        out.flush();
    }

    int ok() {
        return ok;
    }

    int diverged() {
        return diverged;
    }

    int failed() {
        return failed;
    }

    static String duration(long ms) {
        long s = Math.round(ms / 1000.0);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
