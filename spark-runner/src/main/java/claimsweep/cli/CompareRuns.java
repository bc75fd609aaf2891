package claimsweep.cli;

import claimsweep.store.ResultStore;

import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code CompareRuns [--subset] [--same-start] DIR_A DIR_B}: checks that two output folders hold the
 * same runs with the same results, bit for bit (status, every metric, every curve point), ignoring
 * where and when they ran (provenance, wall times). {@code --subset}: every run of A must be in B
 * (B may hold more). {@code --same-start}: the runs' recorded start times must match too, which
 * proves a resumed sweep did not train them again. Used by the integration tests; exit 0 when
 * equal, 1 with the differences listed otherwise.
 */
public final class CompareRuns {
    private CompareRuns() {}

    public static void main(String[] args) {
        List<String> dirs = new ArrayList<>();
        boolean subset = false;
        boolean sameStart = false;
        for (String a : args) {
            switch (a) {
                case "--subset" -> subset = true;
                case "--same-start" -> sameStart = true;
                default -> dirs.add(a);
            }
        }
        if (dirs.size() != 2) {
            System.err.println("usage: CompareRuns [--subset] [--same-start] DIR_A DIR_B");
            System.exit(2);
        }
        List<String> diffs = compare(new ResultStore(Path.of(dirs.get(0))).load(), new ResultStore(Path.of(dirs.get(1))).load(),
                subset, sameStart);
        diffs.forEach(System.out::println);
        System.out.println(diffs.isEmpty() ? "identical" : diffs.size() + " difference(s)");
        System.exit(diffs.isEmpty() ? 0 : 1);
    }

    static List<String> compare(Map<String, RunResult> a, Map<String, RunResult> b, boolean subset, boolean sameStart) {
        List<String> out = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(a.keySet());
        if (!subset) ids.addAll(b.keySet());
        for (String id : ids) {
            RunResult x = a.get(id);
            RunResult y = b.get(id);
            if (x == null || y == null) {
                out.add(id + ": only in " + (x == null ? "the second" : "the first") + " folder");
                continue;
            }
            if (sameStart) check(out, id, "start time", x.provenance().startMs(), y.provenance().startMs());
            check(out, id, "status", x.status(), y.status());
            check(out, id, "reason", x.reason(), y.reason());
            check(out, id, "final_val_loss", x.finalValLoss(), y.finalValLoss());
            check(out, id, "final_val_acc", x.finalValAcc(), y.finalValAcc());
            check(out, id, "best_val_acc", x.bestValAcc(), y.bestValAcc());
            check(out, id, "test_acc", x.testAcc(), y.testAcc());
            check(out, id, "test_loss", x.testLoss(), y.testLoss());
            check(out, id, "final_train_acc", x.finalTrainAcc(), y.finalTrainAcc());
            check(out, id, "steps", x.steps(), y.steps());
            check(out, id, "curve length", x.curve().size(), y.curve().size());
            for (int i = 0; i < Math.min(x.curve().size(), y.curve().size()); i++) {
                CurvePoint p = x.curve().get(i);
                CurvePoint q = y.curve().get(i);
                check(out, id, "curve[" + i + "]", List.of(p.step(), p.trainLoss(), p.valLoss(), p.valAcc(), p.lr(), p.classAcc()),
                        List.of(q.step(), q.trainLoss(), q.valLoss(), q.valAcc(), q.lr(), q.classAcc()));
            }
        }
        return out;
    }

    private static void check(List<String> out, String id, String what, Object x, Object y) {
        if (!Objects.equals(x, y)) out.add(id + ": " + what + " differs: " + x + " vs " + y);
    }
}
