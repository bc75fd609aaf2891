package claimsweep.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive seeding, declared as {@code seeds { start = 4, step = 2, max = 24 }} instead of a seed
 * axis: the first round runs seeds 1..start, every later round adds {@code step} seeds (only for the
 * runs that undecided claims need), and no run goes beyond seed {@code max}. The looks (seed counts at
 * which claims are read) are start, start + step, ..., and always max, the cap: they are fixed before
 * anything runs, which the group-sequential design's guarantee requires.
 *
 * @param start  seeds of the first round, &gt;= 2 (a paired t interval needs two seeds)
 * @param step   seeds added per later round, &gt;= 1
 * @param max    the cap, &gt;= start
 * @param origin where the block was declared (file:line)
 */
public record SeedSchedule(int start, int step, int max, String origin) {
    public SeedSchedule {
        if (start < 2 || step < 1 || max < start) {
            throw new IllegalArgumentException("seed schedule: found start " + start + ", step " + step + ", max " + max
                    + ", expected start >= 2, step >= 1, max >= start");
        }
    }

    /** Seed counts at which claims are read: start, start + step, ..., max (max always last). */
    public List<Integer> looks() {
        List<Integer> looks = new ArrayList<>();
        for (int n = start; n < max; n += step) looks.add(n);
        looks.add(max);
        return looks;
    }

    /** The seed values 1..max, the whole grid's seeds (run k of a fixed sweep with seed = [1..max] has the same id). */
    public List<Long> allSeeds() {
        List<Long> s = new ArrayList<>();
        for (long i = 1; i <= max; i++) s.add(i);
        return s;
    }

    /** The block as written, for --dry-run and the report. */
    public String describe() {
        return "seeds { start = " + start + ", step = " + step + ", max = " + max + " }";
    }
}
