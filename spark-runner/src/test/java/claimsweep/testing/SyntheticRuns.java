package claimsweep.testing;

import claimsweep.expand.Expander;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import claimsweep.store.ResultStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Committed runs without training, for tests of what reads them (reports, claims, evidence data):
 * a real sweep file through the real parser, expander and result store, with results a test makes
 * from each run's parameters.
 */
public final class SyntheticRuns {
    private SyntheticRuns() {}

    /** Where every synthetic run "ran": reports print the git commit ({@code c0ffee}), so tests can look for it. */
    public static final Provenance PROVENANCE =
            new Provenance("h", "c0ffee", "17", "amd64", "cpu", 1, "x", 1_700_000_000_000L);

    /** Writes {@code hocon} to {@code conf} and parses it as scripts/sweep would (no command-line overrides). */
    public static SweepSpec writeSweep(Path conf, String hocon) {
        try {
            Files.createDirectories(conf.toAbsolutePath().getParent());
            Files.writeString(conf, hocon);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test sweep file " + conf, e);
        }
        return SweepParser.parse(conf, List.of());
    }

    /**
     * Norm x lr x 6 seeds, 20 steps, with two claims: {@code NAME-1} BN is better (each arm at its best lr, primary)
     * and {@code NAME-2} BN has the higher LR_max. The combined report's and the evidence data's tests both read it.
     */
    public static String normLrSweep(String name) {
        return """
                name = %s
                dataset = fashion-mnist
                budget { steps = 20 }
                eval_every = 10
                fixed { train_size = 1000, val_size = 500, width = 8 }
                axes { norm = [none, batch], lr = [0.01, 0.1], seed = [1, 2, 3, 4, 5, 6] }
                claims = [
                  { id = %s-1, text = "BN is better", metric = test_acc, treatment { norm = batch }, control { norm = none },
                    direction = greater, best_over = [lr], primary = true }
                  { id = %s-2, text = "BN has a higher LR_max", metric = best_val_acc, rule = max_stable, over = lr,
                    treatment { norm = batch }, control { norm = none }, direction = greater, margin = 1 }
                ]
                """.formatted(name, name, name);
    }

    /**
     * Opens a results folder {@code out} for {@code spec} and commits {@code make}'s result for every run of
     * its whole grid (an adaptive sweep at its seed cap); a null result leaves that run uncommitted (not run yet).
     * Returns {@code out}.
     */
    public static Path commitRuns(SweepSpec spec, Path out, Function<RunSpec, RunResult> make) {
        ResultStore store = new ResultStore(out);
        store.open(spec, false);
        for (RunSpec r : Expander.expand(spec.atSeedCap())) {
            RunResult result = make.apply(r);
            if (result != null) store.commit(result);
        }
        return out;
    }

    /** {@link #writeSweep} then {@link #commitRuns}: the usual one-sweep fixture. Returns the results folder. */
    public static Path sweep(Path conf, String hocon, Path out, Function<RunSpec, RunResult> make) {
        return commitRuns(writeSweep(conf, hocon), out, make);
    }

    /** An OK result whose validation and test accuracy are all {@code acc}, loss 0.5, best at the last step. */
    public static RunResult ok(RunSpec r, double acc, long steps, long wallMs, List<CurvePoint> curve) {
        return new RunResult(r, RunStatus.OK, "", 0.5, acc, acc, steps, acc, 0.5, steps, wallMs, PROVENANCE, curve);
    }

    /** An OK result after 10 steps without a curve, for claims read from final accuracies alone. */
    public static RunResult ok(RunSpec r, double acc) {
        return ok(r, acc, 10, 100, List.of());
    }

    /** An OK result after 20 steps with {@link #twoPoints}: for reports that also draw learning curves. */
    public static RunResult okWithCurve(RunSpec r, double acc) {
        return ok(r, acc, 20, 100, twoPoints(acc));
    }

    /** A run whose loss went NaN at 20 steps: no accuracies, a status and a reason, and the given curve. */
    public static RunResult diverged(RunSpec r, List<CurvePoint> curve) {
        return new RunResult(r, RunStatus.DIVERGED, "loss NaN", null, null, null, 20L, null, 0.5, 20, 100, PROVENANCE, curve);
    }

    /** Evaluations at steps 10 and 20 rising 5 pp to {@code acc}: the smallest curve a plot draws as a line. */
    public static List<CurvePoint> twoPoints(double acc) {
        return List.of(new CurvePoint(10, 0.5, 1.0, 0.9, acc - 0.05, 0.1, 50),
                new CurvePoint(20, 1.0, 0.8, 0.7, acc, 0.1, 100));
    }
}
