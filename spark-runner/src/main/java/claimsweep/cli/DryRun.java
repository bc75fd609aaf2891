package claimsweep.cli;

import claimsweep.claims.ClaimSpec;
import claimsweep.claims.Experiment;
import claimsweep.spec.RunSpec;
import claimsweep.spec.Axis;
import claimsweep.spec.ParamDef;
import claimsweep.spec.ParamSchema;
import claimsweep.spec.Setting;
import claimsweep.spec.SweepSpec;

import java.io.PrintStream;
import java.util.List;

/** What {@code --dry-run} prints: every value with its origin, then every run with its id and tag. */
final class DryRun {
    private DryRun() {}

    static void print(SweepSpec spec, List<RunSpec> runs, List<String> warnings, PrintStream out) {
        out.printf("sweep %s (%s%s), %d runs%n", spec.name(), spec.source(),
                spec.profile().isEmpty() ? "" : ", profile " + spec.profile(), runs.size());
        if (!spec.overrides().isEmpty()) out.println("overrides: " + String.join(" ", spec.overrides()));
        out.println();
        out.println("values (parameter = value  <- where it came from):");
        for (ParamDef d : ParamSchema.all()) {
            Setting fixed = spec.fixed().get(d.name());
            Axis axis = spec.axes().stream().filter(a -> a.name().equals(d.name())).findFirst().orElse(null);
            if (axis != null) {
                out.printf("  %-13s axis of %d:%n", d.name(), axis.size());
                for (Setting s : axis.values()) out.printf("      %-24s <- %s%n", s.value(), s.origin());
            } else if (fixed != null) {
                out.printf("  %-13s = %-22s <- %s%n", d.name(), fixed.value(), fixed.origin());
            } else {
                out.printf("  %-13s = %-22s <- default%n", d.name(), d.defaultValue());
            }
        }
        if (!spec.zips().isEmpty()) out.println("zipped together: " + spec.zips());
        spec.excludes().forEach(x -> out.printf("exclude %s <- %s%n", x.match(), x.origin()));
        warnings.forEach(w -> out.println("warning: " + w));
        out.println();
        out.println("runs (index  run_id  tag):");
        for (RunSpec r : runs) out.printf("  %4d  %s  %s%n", r.index(), r.runId(), r.tag());
    }

    /** The claims the sweep will be judged by (parsed with it, so a bad claims block never reaches a run). */
    static void printClaims(Experiment e, PrintStream out) {
        if (e.claims().isEmpty()) return;
        out.println();
        out.printf("claims (%d, checked):%n", e.claims().size());
        for (ClaimSpec c : e.claims()) {
            out.printf("  %-8s %-12s %-16s %-11s margin %-8s %-11s%s  <- %s%n", c.id(), c.rule().name(), c.metric().label(),
                    c.direction().label(), c.margin(), c.primary() ? "primary" : "exploratory",
                    c.requires().isEmpty() ? "" : " (" + c.requires().size() + " premise" + (c.requires().size() > 1 ? "s)" : ")"),
                    c.origin());
        }
        e.calibration().ifPresent(c -> out.printf("calibration: %s over runs %s  <- %s%n", c.metrics(), c.filter(), c.origin()));
        out.println(e.settings().isEmpty() ? "settings: none (each claim is evaluated once over every run)"
                : "settings: " + String.join(", ", e.settings()) + " (each claim is evaluated once per combination of their values"
                + " among the runs)");
    }
}
