package claimsweep.cli;

import claimsweep.claims.Experiment;
import claimsweep.claims.adaptive.ClaimProgress;
import claimsweep.claims.adaptive.SeedPlanner;
import claimsweep.expand.Expander;
import claimsweep.result.RunResult;
import claimsweep.spark.SweepJob;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SeedSchedule;
import claimsweep.spec.SweepSpec;
import claimsweep.store.ResultStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver of an adaptive sweep ({@code seeds { start, step, max }}): plan a round from the
 * committed results ({@link SeedPlanner}), run it as an ordinary Spark job ({@link SweepJob}), and
 * repeat until every claim is decided, futile or at its cap. The plan depends only on what is
 * committed, so rerunning an interrupted sweep re-plans to exactly where it stopped and trains no
 * committed run again.
 */
final class AdaptiveSweep {
    /** What the rounds did: the final plan (every claim stopped) and the runs trained in this invocation. */
    record Result(SeedPlanner.Plan plan, int rounds, int trained, int skipped, int failed, SeedPlanner planner) {}

    private AdaptiveSweep() {}

    /** The grid every round picks from: the sweep at seeds 1..max. */
    static List<RunSpec> grid(SweepSpec spec) {
        spec.seeds().orElseThrow(); // only an adaptive sweep has rounds to pick
        return Expander.expand(spec.atSeedCap());
    }

    static Result run(Experiment e, SweepJob.Options opt, PrintStream log, SweepJob.Listener listener) {
        SweepSpec spec = e.sweep();
        SeedSchedule q = spec.seeds().orElseThrow();
        SweepSpec full = spec.atSeedCap();
        List<RunSpec> grid = Expander.expand(full);
        SeedPlanner planner = new SeedPlanner(q);
        ResultStore store = new ResultStore(opt.out());
        log.printf("adaptive sweep %s: %s, looks at %s seeds, %d configurations x up to %d seeds%n", spec.name(), q.describe(),
                q.looks(), grid.size() / q.max(), q.max());
        int trained = 0;
        int skipped = -1;
        int failed = 0;
        for (int round = 1; ; round++) {
            List<RunSpec> committed = committed(grid, store);
            SeedPlanner.Plan plan = planner.plan(e.claims(), e.settings(), results(grid, store), grid);
            printClaims(plan, log);
            if (skipped < 0) skipped = committed.size();
            if (plan.done()) {
                log.printf("adaptive sweep %s: done after %d round(s) in this invocation; %d runs committed of %d in the full grid%n",
                        spec.name(), round - 1, committed.size(), grid.size());
                return new Result(plan, round - 1, trained, skipped, failed, planner);
            }
            log.printf("round %d: %d runs (seeds up to %d)%n", round, plan.next().size(),
                    plan.next().stream().mapToLong(r -> r.config().seeds().seed()).max().orElse(0));
            // the round's job gets every run so far, so its tables cover the whole sweep; committed ones are skipped
            Map<String, RunSpec> scheduled = new LinkedHashMap<>();
            committed.forEach(r -> scheduled.put(r.runId(), r));
            plan.next().forEach(r -> scheduled.put(r.runId(), r));
            List<RunSpec> inOrder = grid.stream().filter(r -> scheduled.containsKey(r.runId())).toList();
            SweepJob.Outcome o = SweepJob.run(full, inOrder, opt, log, listener);
            trained += o.total() - o.skipped();
            failed += o.failed();
        }
    }

    private static List<RunSpec> committed(List<RunSpec> grid, ResultStore store) {
        Map<String, RunResult> stored = store.load();
        return grid.stream().filter(r -> stored.containsKey(r.runId())).toList();
    }

    private static List<RunResult> results(List<RunSpec> grid, ResultStore store) {
        Map<String, RunResult> stored = store.load();
        List<RunResult> out = new ArrayList<>();
        for (RunSpec r : grid) if (stored.containsKey(r.runId())) out.add(stored.get(r.runId()));
        return out;
    }

    static void printClaims(SeedPlanner.Plan plan, PrintStream log) {
        for (ClaimProgress p : plan.claims()) {
            log.printf("  claim %-8s %-8s %-16s seeds %2d/%d  %s%n", p.label(), p.design(), p.stop().label(), p.seedsUsed(), p.cap(),
                    p.verdict().isEmpty() ? "" : p.verdict());
        }
    }

    /**
     * For {@code scripts/report DIR}: when the folder's sweep file declares {@code seeds { }}, re-plans
     * from the committed results (with the profile and overrides the sweep recorded) and writes the
     * adaptive section; returns its summary for REPORT.md, or "" for a fixed sweep.
     */
    static String reportSection(Path out, Path source) {
        List<String> args = claimsweep.report.Reports.recordedArgs(out);
        Experiment e = Experiment.parse(source, args);
        if (e.sweep().seeds().isEmpty()) return "";
        List<RunSpec> grid = grid(e.sweep());
        SeedPlanner planner = new SeedPlanner(e.sweep().seeds().get());
        SeedPlanner.Plan plan = planner.plan(e.claims(), e.settings(), results(grid, new ResultStore(out)), grid);
        return claimsweep.report.AdaptiveReport.write(out.resolve("report"), plan, planner);
    }

    /** The runs of the first round (the whole grid at seeds 1..start, plus what fixed-n claims need up to the cap). */
    static List<RunSpec> firstRound(Experiment e) {
        return new SeedPlanner(e.sweep().seeds().orElseThrow()).plan(e.claims(), e.settings(), List.of(), grid(e.sweep())).next();
    }

    /** What --dry-run adds for an adaptive sweep (after the first round's runs): the looks and each claim's design and cap. */
    static void printDryRun(Experiment e, PrintStream out) {
        SweepSpec spec = e.sweep();
        SeedSchedule q = spec.seeds().orElseThrow();
        List<RunSpec> grid = grid(spec);
        SeedPlanner planner = new SeedPlanner(q);
        out.println();
        out.printf("adaptive seeding: %s  <- %s%n", q.describe(), q.origin());
        out.printf("  looks at %s seeds; cap %d seeds (%d runs if every claim needs every seed)%n", q.looks(), q.max(), grid.size());
        out.printf("  group-sequential t boundaries (O'Brien-Fleming type, alpha %.2f): %s%n", SeedPlanner.ALPHA,
                planner.design().tBounds().stream().map(b -> String.format(java.util.Locale.ROOT, "%.3g", b)).toList());
        for (var c : e.claims()) {
            out.printf("  claim %-8s %s, cap %d seeds%n", c.id(), c.isSequential() ? "sequential (" + c.sequential().label() + ")"
                    : "fixed-n (rule " + c.rule().name() + "): read once at the cap", q.max());
        }
        out.printf("round 1: the %d runs listed above; later rounds add %d seeds at a time, only for the runs open claims need%n",
                firstRound(e).size(), q.step());
    }
}
