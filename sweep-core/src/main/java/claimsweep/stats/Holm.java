package claimsweep.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Holm's step-down adjustment across the primary tests of one report (controls the family-wise error). */
public final class Holm {
    private Holm() {}

    /** Adjusted p-values, in the input order: p_(i) * (m - i + 1), made monotone, capped at 1. */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] out = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, p[i] * (m - rank)));
            out[i] = running;
        }
        return out;
    }
}
