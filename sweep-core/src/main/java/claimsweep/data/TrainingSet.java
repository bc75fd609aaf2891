package claimsweep.data;

import claimsweep.spec.DataConfig.Remedy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The training examples a run actually sees, after the data treatments of claim B3, in this order:
 * class imbalance (classes 0-4 keep 1/ratio of their examples), symmetric label noise (an exact,
 * seeded fraction of the remaining labels moved to a different class chosen uniformly), then the
 * imbalance remedy (oversampling duplicates minority examples up to the largest class; the
 * class-weighted loss gets inverse-frequency weights; SMOTE, which synthesizes new inputs rather than
 * choosing rows, is applied to the treated inputs afterwards by {@link #smote}). Each step draws from
 * its own seeded stream,
 * so changing one treatment does not reshuffle the others.
 *
 * @param rows         indices into the training file, one per example (repeats after oversampling)
 * @param labels       the labels trained on (noisy where flipped)
 * @param trueLabels   the file's labels of the same rows
 * @param classWeights per-class loss weights (mean 1 over the examples), or null for an unweighted loss
 */
public record TrainingSet(int[] rows, int[] labels, int[] trueLabels, double[] classWeights) {
    /** Classes that an imbalance ratio down-samples (the first half, as in CLAIMS.md B3). */
    public static final int MINORITY_CLASSES = 5;
    private static final long IMBALANCE_SALT = 0x696d62616cL;
    private static final long NOISE_SALT = 0x6e6f697365L;
    private static final long OVERSAMPLE_SALT = 0x6f76657273L;
    private static final long SMOTE_SALT = 0x736d6f7465L;

    public static TrainingSet build(int[] subset, int[] fileLabels, int classes, long seed, int imbalance,
                                    double labelNoise, Remedy remedy) {
        int[] rows = downsample(subset, fileLabels, imbalance, new Random(seed ^ IMBALANCE_SALT));
        int[] truth = new int[rows.length];
        for (int i = 0; i < rows.length; i++) truth[i] = fileLabels[rows[i]];
        int[] labels = flip(truth, labelNoise, classes, new Random(seed ^ NOISE_SALT));
        double[] weights = null;
        switch (remedy) {
            case NONE, SMOTE -> { } // SMOTE makes new pixels, not rows: RunData applies it to the treated inputs
            case WEIGHTED -> weights = inverseFrequency(labels, classes);
            case OVERSAMPLE -> {
                int[] pick = oversample(labels, classes, new Random(seed ^ OVERSAMPLE_SALT));
                int[] r = new int[pick.length];
                int[] l = new int[pick.length];
                int[] t = new int[pick.length];
                for (int i = 0; i < pick.length; i++) {
                    r[i] = rows[pick[i]];
                    l[i] = labels[pick[i]];
                    t[i] = truth[pick[i]];
                }
                rows = r;
                labels = l;
                truth = t;
            }
        }
        return new TrainingSet(rows, labels, truth, weights);
    }

    /** Keeps the first ceil(n_c / ratio) examples (in the subset's seeded order) of each minority class. */
    static int[] downsample(int[] subset, int[] fileLabels, int ratio, Random rnd) {
        if (ratio == 1) return subset.clone();
        int[] count = new int[MINORITY_CLASSES];
        for (int i : subset) if (fileLabels[i] < MINORITY_CLASSES) count[fileLabels[i]]++;
        int[] keep = new int[MINORITY_CLASSES];
        for (int c = 0; c < MINORITY_CLASSES; c++) keep[c] = Math.max(1, (count[c] + ratio - 1) / ratio);
        int[] order = subset.clone();
        Shuffle.inPlace(order, rnd);
        int[] seen = new int[MINORITY_CLASSES];
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            int c = fileLabels[i];
            if (c >= MINORITY_CLASSES || seen[c]++ < keep[c]) kept.add(i);
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Exactly round(p n) labels, chosen without replacement, each moved to one of the other classes uniformly. */
    static int[] flip(int[] labels, double p, int classes, Random rnd) {
        int[] out = labels.clone();
        int n = labels.length;
        int k = (int) Math.round(p * n);
        if (k == 0) return out;
        int[] perm = Shuffle.permutation(n, rnd);
        for (int i = 0; i < k; i++) {
            int j = perm[i];
            out[j] = (labels[j] + 1 + rnd.nextInt(classes - 1)) % classes;
        }
        return out;
    }

    /** Positions to train on: every example once, plus random duplicates until each class matches the largest. */
    static int[] oversample(int[] labels, int classes, Random rnd) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) byClass.get(labels[i]).add(i);
        int max = byClass.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) out.add(i);
        for (List<Integer> members : byClass) {
            if (members.isEmpty()) continue;
            for (int extra = members.size(); extra < max; extra++) out.add(members.get(rnd.nextInt(members.size())));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * SMOTE on the training inputs after the input treatment (remedy = smote): the network's input
     * space. The treatments are one scalar affine map for all pixels (Features), so the nearest
     * neighbours and the segments are the same before the treatment as after it; taking the treated
     * inputs keeps SMOTE next to the batches and away from the byte store. Classes 0-4 are filled up
     * to the majority classes' mean count when imbalance > 1; otherwise nothing is added.
     *
     * @param x      the treated training rows, {@code per} values each
     * @param labels the labels trained on (after label noise), one per row
     * @param seed   the data seed (its own salted stream, as the other treatments)
     */
    public static Smote.Result smote(float[] x, int per, int[] labels, int classes, int imbalance, long seed) {
        return Smote.balance(x, per, labels, smoteClasses(imbalance), smoteTarget(labels, classes),
                new Random(seed ^ SMOTE_SALT));
    }

    /** The minority classes SMOTE fills up: 0-4 when the imbalance ratio made them rare, none otherwise. */
    public static int[] smoteClasses(int imbalance) {
        return imbalance > 1 ? new int[] {0, 1, 2, 3, 4} : new int[0];
    }

    /**
     * SMOTE's per-class target: the mean (rounded) training count of the majority classes (5 and up),
     * counted on the labels trained on.
     */
    public static int smoteTarget(int[] labels, int classes) {
        int[] count = new int[classes];
        for (int y : labels) count[y]++;
        long sum = 0;
        for (int c = MINORITY_CLASSES; c < classes; c++) sum += count[c];
        return (int) Math.round((double) sum / (classes - MINORITY_CLASSES));
    }

    /** w_c = n / (K n_c) over the K classes present: rare classes weigh more, the mean weight per example is 1. */
    static double[] inverseFrequency(int[] labels, int classes) {
        int[] count = new int[classes];
        for (int y : labels) count[y]++;
        int present = (int) Arrays.stream(count).filter(c -> c > 0).count();
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) w[c] = count[c] == 0 ? 0 : (double) labels.length / (present * count[c]);
        return w;
    }
}
