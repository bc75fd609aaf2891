package claimsweep.model;

/**
 * Reusable working arrays of one layer, by slot. A layer runs on one thread (one network per
 * training run), so its slots need no locking; an array is reallocated only when the batch size
 * changes (training batch vs evaluation chunk), so a steady training loop allocates nothing.
 * Callers must overwrite every element they read: a reused array holds the previous step's values.
 */
final class Scratch {
    private final double[][] slots;

    Scratch(int slots) {
        this.slots = new double[slots][];
    }

    /** The array of {@code slot}, of exactly {@code n} elements. */
    double[] get(int slot, int n) {
        double[] a = slots[slot];
        if (a == null || a.length != n) {
            a = new double[n];
            slots[slot] = a;
        }
        return a;
    }
}
