package claimsweep.claims.adaptive;

import claimsweep.claims.Arms;
import claimsweep.claims.ClaimSpec;
import claimsweep.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A paired claim's per-seed differences in seed order, paired by the paired rule's own {@link Arms#pair}
 * (each arm at its best {@code best_over} level, partners agreeing on every other parameter, one unit
 * per seed), and oriented so that the claimed (or better) side is positive: greater and less both
 * become "difference &gt;= margin", which is how the sequential designs read them.
 */
final class PairedDifferences {
    private PairedDifferences() {}

    /** Oriented differences, sorted by seed (the order seeds were added). */
    static double[] of(ClaimSpec c, List<RunResult> runs) {
        List<RunResult> t = Arms.best(Arms.select(runs, c.treatment()), c, new TreeMap<>());
        List<RunResult> k = Arms.best(Arms.select(runs, c.control()), c, new TreeMap<>());
        Map<Map<String, Object>, Double> diffs = new LinkedHashMap<>();
        for (Arms.Partners p : Arms.pair(c, t, k)) diffs.put(p.key(), c.sign() * (p.t() - p.k()));
        List<Map.Entry<Map<String, Object>, Double>> bySeed = new ArrayList<>(Arms.perSeed(diffs).entrySet());
        bySeed.sort((x, y) -> compareSeeds(x.getKey(), y.getKey()));
        return bySeed.stream().mapToDouble(Map.Entry::getValue).toArray();
    }

    private static int compareSeeds(Map<String, Object> a, Map<String, Object> b) {
        for (String s : Arms.SEEDS) {
            Object x = a.get(s);
            Object y = b.get(s);
            if (x instanceof Long lx && y instanceof Long ly && !lx.equals(ly)) return Long.compare(lx, ly);
        }
        return 0;
    }
}
