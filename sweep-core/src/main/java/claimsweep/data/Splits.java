package claimsweep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Stratified validation and training subsets of a training file.
 *
 * <p>The validation split does not depend on the run seed: every run of every sweep validates on
 * the same images, so seed-to-seed differences come from the runs, not from the yardstick. The
 * training subset is drawn from the rest with the run's seed (one seed fixes init, subset and
 * order, as the claims' paired design requires). Both keep class proportions (largest-remainder
 * rounding).
 */
public final class Splits {
    /** Seed of the fixed validation split; changing it changes every result, so it never changes. */
    public static final long VALIDATION_SEED = 20_171_106L;

    private Splits() {}

    /** Indices into the training file. */
    public record Split(int[] train, int[] validation) {}

    /**
     * @param trainSize examples in the training subset, 0 for all that remain after validation
     * @param valSize   examples held out for validation
     * @param seed      the run seed
     */
    public static Split split(int[] labels, int classes, int trainSize, int valSize, long seed) {
        int n = labels.length;
        if (valSize < 1 || valSize >= n) {
            throw new IllegalArgumentException("val_size " + valSize + " must be in 1.." + (n - 1));
        }
        List<List<Integer>> byClass = byClass(labels, classes, Shuffle.permutation(n, new Random(VALIDATION_SEED)));
        int[] valQuota = quotas(counts(byClass), valSize);
        List<Integer> val = new ArrayList<>();
        List<List<Integer>> rest = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            val.addAll(members.subList(0, valQuota[c]));
            rest.add(new ArrayList<>(members.subList(valQuota[c], members.size())));
        }
        int available = n - valSize;
        if (trainSize < 0 || trainSize > available) {
            throw new IllegalArgumentException("train_size " + trainSize + " must be in 0.." + available);
        }
        int want = trainSize == 0 ? available : trainSize;
        Random rnd = new Random(seed);
        int[] trainQuota = quotas(counts(rest), want);
        List<Integer> train = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int[] members = rest.get(c).stream().mapToInt(Integer::intValue).toArray();
            // sort first so the subset depends only on the seed, not on the validation permutation
            Arrays.sort(members);
            Shuffle.inPlace(members, rnd);
            for (int i = 0; i < trainQuota[c]; i++) train.add(members[i]);
        }
        int[] trainIdx = train.stream().mapToInt(Integer::intValue).toArray();
        Shuffle.inPlace(trainIdx, rnd);
        int[] valIdx = val.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new Split(trainIdx, valIdx);
    }

    private static List<List<Integer>> byClass(int[] labels, int classes, int[] order) {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) out.add(new ArrayList<>());
        for (int i : order) out.get(labels[i]).add(i);
        return out;
    }

    private static int[] counts(List<List<Integer>> byClass) {
        return byClass.stream().mapToInt(List::size).toArray();
    }

    /** Largest-remainder apportionment of {@code k} over classes in proportion to {@code counts}. */
    static int[] quotas(int[] counts, int k) {
        long total = Arrays.stream(counts).asLongStream().sum();
        if (k > total) throw new IllegalArgumentException("cannot take " + k + " of " + total);
        int[] q = new int[counts.length];
        double[] frac = new double[counts.length];
        int assigned = 0;
        for (int c = 0; c < counts.length; c++) {
            double exact = (double) k * counts[c] / total;
            q[c] = (int) Math.floor(exact);
            frac[c] = exact - q[c];
            assigned += q[c];
        }
        Integer[] order = new Integer[counts.length];
        for (int c = 0; c < counts.length; c++) order[c] = c;
        Arrays.sort(order, Comparator.<Integer>comparingDouble(c -> -frac[c]).thenComparingInt(c -> c));
        for (int i = 0; assigned < k; i = (i + 1) % counts.length) {
            int c = order[i];
            if (q[c] < counts[c]) {
                q[c]++;
                assigned++;
            }
        }
        return q;
    }
}
