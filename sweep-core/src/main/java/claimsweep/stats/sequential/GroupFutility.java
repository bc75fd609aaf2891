package claimsweep.stats.sequential;

import claimsweep.stats.Direction;

/**
 * Futility for the group-sequential design, the analogue of {@link Futility}: a claim still open at
 * look k is given up when even the optimistic continuation cannot decide it at the last look, i.e.
 * when the repeated interval at the cap, centred on the current mean with the current sd, mean +-
 * b_K s / sqrt(n_K), is still open. Giving up declares nothing, so it costs no validity; it may cost
 * power when later seeds would have been stronger than the first ones.
 */
public final class GroupFutility {
    private GroupFutility() {}

    /** The reading at the cap under the optimistic continuation of the first {@code looks.get(k)} differences. */
    public static SequentialDecision projected(GroupSequentialDesign design, double[] differencesInSeedOrder, int k,
                                               Direction direction, double margin, SupportRule rule) {
        Interval now = design.repeatedInterval(differencesInSeedOrder, k);
        int n = now.n();
        int last = design.looks().size() - 1;
        double b = design.tBounds().get(last);
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (differencesInSeedOrder[i] - now.mean()) * (differencesInSeedOrder[i] - now.mean());
        double half = b * Math.sqrt(ss / (n - 1) / design.cap());
        Interval atCap = new Interval(design.cap(), now.mean() - half, now.mean() + half, now.mean());
        return SequentialDecision.read(atCap, direction, margin, rule, design.cap());
    }

    /** True when the optimistic continuation leaves the claim open at the cap. */
    public static boolean futile(GroupSequentialDesign design, double[] differencesInSeedOrder, int k, Direction direction,
                                 double margin, SupportRule rule) {
        return !projected(design, differencesInSeedOrder, k, direction, margin, rule).outcome().decided();
    }

    /**
     * Seeds a fixed-n paired t design at the same alpha needs for an interval as narrow as this design's
     * at its cap, whatever the sd (the width ratio t_{n-1} / sqrt(n) against b_K / sqrt(n_K)): the fixed
     * design that can decide every claim this design decides by its cap, so "seeds saved" = this minus
     * the seeds a claim used.
     */
    public static int equivalentFixedSeeds(GroupSequentialDesign design) {
        int cap = design.cap();
        double target = design.tBounds().get(design.looks().size() - 1) / Math.sqrt(cap);
        for (int n = 2; n < 10 * cap + 10; n++) {
            double t = org.apache.commons.statistics.distribution.TDistribution.of(n - 1)
                    .inverseSurvivalProbability(design.alpha() / 2);
            if (t / Math.sqrt(n) <= target) return n;
        }
        return 10 * cap + 10;
    }
}
