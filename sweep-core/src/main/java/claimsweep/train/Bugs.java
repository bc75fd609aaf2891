package claimsweep.train;

import claimsweep.spec.RunSpec;

import java.util.Random;

/**
 * The training-loop bugs of claim B8, as pure functions of a run's parameters. Each emulates what
 * the bug does in a hand-written PyTorch loop:
 * <ul>
 *   <li>{@code misaligned}: features and labels shuffled separately, so each image carries a random
 *       other image's label (the class counts are unchanged);
 *   <li>{@code test_norm}: the test images skip the training normalization (raw 0..255; scaled to
 *       [0, 1] when training used raw inputs);
 *   <li>{@code sum_loss}: the loss summed over the minibatch instead of averaged, i.e. gradients
 *       batch-size times larger (done with loss weights equal to the batch size, exact for every
 *       optimizer; Adam and RMSprop are nearly invariant to it by construction);
 *   <li>{@code no_zero_grad}: {@code optimizer.zero_grad()} forgotten, so each step uses the sum
 *       of all gradients so far (NetworkFactory: momentum 1 for plain SGD);
 *   <li>{@code bn_train_at_test} and {@code _sorted}: {@code model.eval()} forgotten, so
 *       evaluation normalizes with each test batch's own statistics (and keeps dropout on), at
 *       batch size {@code test_batch}; the sorted variant evaluates class-sorted batches.
 * </ul>
 */
public final class Bugs {
    private static final long MISALIGN_SALT = 0x6d6973616c69676eL;

    private Bugs() {}

    public static String of(RunSpec run) {
        return run.stringParam("bug");
    }

    /** The labels permuted by a seeded shuffle, independent of the images' order. */
    public static int[] misalign(int[] labels, long seed) {
        int[] out = labels.clone();
        Random rnd = new Random(seed ^ MISALIGN_SALT);
        for (int i = out.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** The input treatment of the test images: the training one, or under test_norm the one the training did not use. */
    public static String testInputs(RunSpec run) {
        String train = run.stringParam("inputs");
        if (!of(run).equals("test_norm")) return train;
        return train.equals("raw") ? "scaled" : "raw";
    }

    /** Factor by which the training loss (and its gradient) is larger than the mean loss: the batch size under sum_loss. */
    public static double lossScale(RunSpec run) {
        return of(run).equals("sum_loss") ? run.intParam("batch_size") : 1;
    }

    /** Loss weights per class with the sum_loss scale folded in (null: none needed). */
    public static double[] lossWeights(RunSpec run, double[] classWeights, int classes) {
        double scale = lossScale(run);
        if (scale == 1) return classWeights;
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) w[c] = (classWeights == null ? 1 : classWeights[c]) * scale;
        return w;
    }

    /** Whether evaluation runs the network in training mode (batch statistics, dropout). */
    public static boolean evalInTrainingMode(RunSpec run) {
        return of(run).startsWith("bn_train_at_test");
    }

    public static boolean evalSorted(RunSpec run) {
        return of(run).equals("bn_train_at_test_sorted");
    }
}
