package claimsweep.train;

import claimsweep.data.Shuffle;
import claimsweep.spec.DataConfig.Inputs;
import claimsweep.spec.RunConfig;
import claimsweep.spec.Treatments.Bug;

import java.util.Random;

/**
 * The training-loop bug of claim B8 a run emulates, resolved once from its configuration into what
 * it changes; the trainer applies each part at its place and never asks which bug it is. Each
 * emulates what the bug does in a hand-written PyTorch loop:
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
 *
 * @param kind               the bug
 * @param misalignLabels     training labels shuffled apart from their images
 * @param lossScale          factor by which the training loss (and its gradient) exceeds the mean loss
 * @param testInputs         the input treatment of the test images
 * @param evalInTrainingMode evaluation runs the network in training mode (batch statistics, dropout)
 * @param evalSorted         evaluation batches are sorted by class
 */
public record Bugs(Bug kind, boolean misalignLabels, double lossScale, Inputs testInputs, boolean evalInTrainingMode,
                   boolean evalSorted) {
    private static final long MISALIGN_SALT = 0x6d6973616c69676eL;

    public static Bugs of(RunConfig run) {
        Bug bug = run.treatments().bug();
        Inputs train = run.data().inputs();
        Inputs test = bug != Bug.TEST_NORM ? train : train == Inputs.RAW ? Inputs.SCALED : Inputs.RAW;
        return new Bugs(bug, bug == Bug.MISALIGNED, bug == Bug.SUM_LOSS ? run.budget().batchSize() : 1, test,
                bug == Bug.BN_TRAIN_AT_TEST || bug == Bug.BN_TRAIN_AT_TEST_SORTED, bug == Bug.BN_TRAIN_AT_TEST_SORTED);
    }

    /** The labels the training loop sees: the true ones, or under misaligned a seeded permutation of them. */
    public int[] trainLabels(int[] labels, long seed) {
        return misalignLabels ? misalign(labels, seed) : labels;
    }

    /** The labels permuted by a seeded shuffle, independent of the images' order. */
    public static int[] misalign(int[] labels, long seed) {
        int[] out = labels.clone();
        Shuffle.inPlace(out, new Random(seed ^ MISALIGN_SALT));
        return out;
    }

    /** Loss weights per class with the sum_loss scale folded in (null: none needed). */
    public double[] lossWeights(double[] classWeights, int classes) {
        if (lossScale == 1) return classWeights;
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) w[c] = (classWeights == null ? 1 : classWeights[c]) * lossScale;
        return w;
    }
}
