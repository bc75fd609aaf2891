package claimsweep.model.fused;

/**
 * Reusable working arrays of one layer, by slot. A layer runs on one thread (one network per
 * training run), so its slots need no locking; an array is reallocated only when the batch size
 * changes (training batch vs evaluation chunk), so a steady training loop allocates nothing.
 * Callers must overwrite every element they read: a reused array holds the previous step's values.
 */
final class Scratch {
    private final Object[] slots;

    Scratch(int slots) {
        this.slots = new Object[slots];
    }

    /** The double array of {@code slot}, of exactly {@code n} elements. */
    double[] get(int slot, int n) {
        if (slots[slot] instanceof double[] a && a.length == n) return a;
        double[] a = new double[n];
        slots[slot] = a;
        return a;
    }

    /** The float array of {@code slot}, of exactly {@code n} elements. */
    float[] floats(int slot, int n) {
        if (slots[slot] instanceof float[] a && a.length == n) return a;
        float[] a = new float[n];
        slots[slot] = a;
        return a;
    }

    /** The byte array of {@code slot}, of exactly {@code n} elements. */
    byte[] bytes(int slot, int n) {
        if (slots[slot] instanceof byte[] a && a.length == n) return a;
        byte[] a = new byte[n];
        slots[slot] = a;
        return a;
    }
}
