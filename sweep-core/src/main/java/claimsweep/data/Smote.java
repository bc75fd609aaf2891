package claimsweep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * SMOTE (Chawla, Bowyer, Hall and Kegelmeyer 2002, "SMOTE: Synthetic Minority Over-sampling
 * Technique", JAIR 16), the third imbalance remedy of claim B3 ({@code remedy = smote}): each
 * minority class gets synthetic examples until it has {@code target} training examples. A synthetic
 * example lies at x_i + u (x_nn - x_i), u uniform in [0, 1), between a minority example x_i and one
 * of its k = 5 nearest neighbours x_nn of the same class (exact Euclidean neighbours, ties broken by
 * position so the result depends on the seed only).
 *
 * <p>Base examples are taken in rounds over a seeded permutation of the class, so each real example
 * seeds floor or ceil(needed / n_c) synthetic ones, as the paper's N% = 100, 200, ... does for whole
 * multiples; the neighbour and u are drawn per synthetic example. One u per example, not per pixel:
 * the paper's pseudocode draws a gap per attribute, which leaves the segment, while its text (and
 * imbalanced-learn, and this project's brief) put the point on the segment. A class with one example
 * has no neighbour: its synthetic examples are copies of it (the segment is a point); with fewer than
 * k + 1 examples, all others are the neighbours.
 *
 * <p>Written here, not taken from a library: the one kept Java library with SMOTE, Smile, has it only
 * in releases after 3.1.1 (smile.classification.resampling), which need a newer Java than this
 * project's 17 (see /work/.library/env/packages/maven-partial.tsv), is GPL-3.0, takes a whole-multiple
 * ratio rather than a per-class target count, and above 20 dimensions (784 pixels here) searches
 * approximate neighbours (a random projection forest) where the paper uses exact ones.
 */
public final class Smote {
    /** The paper's (and imbalanced-learn's) default neighbour count. */
    public static final int K = 5;

    private Smote() {}

    /**
     * Synthetic examples appended after the real ones.
     *
     * @param x      real rows then synthetic rows, row-major, {@code per} values each
     * @param labels their labels
     * @param base   for each synthetic row (position i - real count), the position of its base example
     * @param other  for each synthetic row, the position of the neighbour it was drawn towards
     */
    public record Result(float[] x, int[] labels, int[] base, int[] other) {}

    /**
     * Balances {@code classes} (each present class with fewer than {@code target} examples) with
     * synthetic examples; other classes and the real rows are unchanged and come first.
     *
     * @param x      row-major rows of {@code per} values (the inputs the network sees)
     * @param labels one label per row
     */
    public static Result balance(float[] x, int per, int[] labels, int[] classes, int target, Random rnd) {
        if (per <= 0 || x.length != (long) labels.length * per) {
            throw new IllegalArgumentException("SMOTE needs " + labels.length + " rows of " + per + " values, got "
                    + x.length + " values");
        }
        List<float[]> rows = new ArrayList<>();
        List<int[]> meta = new ArrayList<>(); // {label, base, other}
        for (int c : classes) {
            int[] members = membersOf(labels, c);
            int needed = target - members.length;
            if (members.length == 0 || needed <= 0) continue;
            int[][] neighbours = nearest(x, per, members, K);
            int[] order = members.clone();
            Shuffle.inPlace(order, rnd);
            for (int made = 0; made < needed; made++) {
                int pos = made % order.length;
                int i = order[pos];
                int[] nn = neighbours[Arrays.binarySearch(members, i)];
                int j = nn.length == 0 ? i : nn[rnd.nextInt(nn.length)];
                float u = (float) rnd.nextDouble();
                float[] s = new float[per];
                int oi = i * per, oj = j * per;
                for (int p = 0; p < per; p++) s[p] = x[oi + p] + u * (x[oj + p] - x[oi + p]);
                rows.add(s);
                meta.add(new int[] {c, i, j});
            }
        }
        int n = labels.length;
        float[] out = Arrays.copyOf(x, (n + rows.size()) * per);
        int[] outLabels = Arrays.copyOf(labels, n + rows.size());
        int[] base = new int[rows.size()];
        int[] other = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, out, (n + r) * per, per);
            outLabels[n + r] = meta.get(r)[0];
            base[r] = meta.get(r)[1];
            other[r] = meta.get(r)[2];
        }
        return new Result(out, outLabels, base, other);
    }

    /** Positions of class c's rows, ascending. */
    static int[] membersOf(int[] labels, int c) {
        int count = 0;
        for (int y : labels) if (y == c) count++;
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) if (labels[i] == c) out[k++] = i;
        return out;
    }

    /**
     * For each member (in the order of {@code members}), the k other members closest to it
     * (Euclidean), nearest first, ties by position. Every pair's distance is computed once (in
     * double, four partial sums) and offered to both ends' lists: the full training set at imbalance
     * 2 has 2,750 examples in each minority class, 3.8 million pairs of 784 pixels per class. On the
     * loaded 2-core machine (load average ~11) preparing that training set took 115 s when each row's
     * distances were computed separately with one sum, 21 s this way (same neighbours, same run).
     */
    static int[][] nearest(float[] x, int per, int[] members, int k) {
        int n = members.length;
        int take = Math.min(k, n - 1);
        double[][] rows = new double[n][per];
        for (int a = 0; a < n; a++) {
            int off = members[a] * per;
            for (int p = 0; p < per; p++) rows[a][p] = x[off + p];
        }
        double[][] bestD = new double[n][take];
        int[][] bestI = new int[n][take];
        int[] filled = new int[n];
        for (int a = 0; a < n; a++) {
            double[] ra = rows[a];
            for (int b = a + 1; b < n; b++) {
                double[] rb = rows[b];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int p = 0;
                for (; p + 3 < per; p += 4) {
                    double d0 = ra[p] - rb[p], d1 = ra[p + 1] - rb[p + 1], d2 = ra[p + 2] - rb[p + 2], d3 = ra[p + 3] - rb[p + 3];
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                for (; p < per; p++) {
                    double d = ra[p] - rb[p];
                    s0 += d * d;
                }
                double d = (s0 + s1) + (s2 + s3);
                offer(bestD[a], bestI[a], filled, a, d, b);
                offer(bestD[b], bestI[b], filled, b, d, a);
            }
        }
        int[][] out = new int[n][take];
        for (int a = 0; a < n; a++) for (int r = 0; r < take; r++) out[a][r] = members[bestI[a][r]];
        return out;
    }

    /** Inserts candidate (d, b) into row a's sorted top list if it belongs there (smaller d, then smaller b, first). */
    private static void offer(double[] dist, int[] idx, int[] filled, int a, double d, int b) {
        int size = filled[a];
        int cap = dist.length;
        if (cap == 0) return;
        if (size == cap && (d > dist[cap - 1] || (d == dist[cap - 1] && b > idx[cap - 1]))) return;
        int pos = size == cap ? cap - 1 : size;
        while (pos > 0 && (dist[pos - 1] > d || (dist[pos - 1] == d && idx[pos - 1] > b))) {
            dist[pos] = dist[pos - 1];
            idx[pos] = idx[pos - 1];
            pos--;
        }
        dist[pos] = d;
        idx[pos] = b;
        if (size < cap) filled[a] = size + 1;
    }
}
