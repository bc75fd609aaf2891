package claimsweep.data;

import java.util.Random;

/**
 * Fisher-Yates shuffles driven by {@link java.util.Random}, whose sequence the Java specification
 * fixes: the same seed gives the same order on every JVM, which paired seeds and resumable sweeps
 * rely on. (Collections.shuffle would do, but its traversal is an implementation note, not a spec.)
 */
public final class Shuffle {
    private Shuffle() {}

    public static void inPlace(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** 0..n-1 in a seeded random order. */
    public static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        inPlace(p, rnd);
        return p;
    }
}
