package claimsweep.train;

import claimsweep.data.Shuffle;
import claimsweep.spec.DataConfig.Augment;
import claimsweep.spec.DataConfig.DataOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Feeds in-memory training data to a network as minibatches in a seeded order, reshuffled at each
 * epoch. The last partial batch of an epoch is dropped: a tiny final batch would give BatchNorm
 * degenerate statistics. The same object serves the trainer and the speed benchmark, so the
 * benchmark measures the training path the sweeps use.
 */
public final class Minibatches {

    private final float[] x;
    private final int[] y;
    private final int per;
    private final int classes;
    private final int batch;
    private final Random order;
    private final DataOrder mode;
    private final int[] perm;
    private final float[] yb;
    /** Reused native arrays: each step bulk-copies into them (Nd4j.create(float[]) copied element by element). */
    private final INDArray features;
    private final INDArray labels;
    private long step;
    private Augment augment = Augment.NONE;
    private Random augmentRandom;
    private float background;
    private float[] scratch;
    /** One augmented image on its way to the native batch. */
    private float[] image;

    /*
     * Data augmentation (claim A10), applied to each training image as its batch is filled: a
     * random translation by up to MAX_SHIFT pixels in each direction (uncovered pixels take the
     * background value), and with SHIFT_FLIP also a left-right mirror with probability 1/2
     * (sensible for clothing, not for digits).
     */
    public static final int MAX_SHIFT = 2;

    /** Turns augmentation on for square single-channel images; {@code background} is a blank pixel's value after the input treatment. */
    public Minibatches augment(Augment a, Random random, float background) {
        int side = (int) Math.round(Math.sqrt(per));
        if (a != Augment.NONE && side * side != per) {
            throw new IllegalArgumentException("augmentation needs square images, got " + per + " pixels");
        }
        this.augment = a;
        this.augmentRandom = random;
        this.background = background;
        this.scratch = new float[per];
        this.image = new float[per];
        return this;
    }

    /** Shifts (and maybe mirrors) the image at {@code off} in {@code buf} in place. */
    void augmentImage(float[] buf, int off) {
        int side = (int) Math.round(Math.sqrt(per));
        int dx = augmentRandom.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        int dy = augmentRandom.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        boolean flip = augment == Augment.SHIFT_FLIP && augmentRandom.nextBoolean();
        System.arraycopy(buf, off, scratch, 0, per);
        for (int r = 0; r < side; r++) {
            int sr = r - dy;
            for (int c = 0; c < side; c++) {
                int sc = (flip ? side - 1 - c : c) - dx;
                buf[off + r * side + c] = sr < 0 || sr >= side || sc < 0 || sc >= side ? background : scratch[sr * side + sc];
            }
        }
    }

    /**
     * @param x       rows of {@code per} features each, row-major
     * @param y       class of each row
     * @param order   the data-order stream (seeded by the run)
     */
    public Minibatches(float[] x, int[] y, int per, int classes, int batch, Random order) {
        this(x, y, per, classes, batch, order, DataOrder.RESHUFFLE);
    }

    public Minibatches(float[] x, int[] y, int per, int classes, int batch, Random order, DataOrder mode) {
        if (batch < 1 || batch > y.length) {
            throw new IllegalArgumentException("batch_size " + batch + " > training-set size " + y.length);
        }
        this.x = x;
        this.y = y;
        this.per = per;
        this.classes = classes;
        this.batch = batch;
        this.order = order;
        this.mode = mode;
        this.perm = mode == DataOrder.SORTED ? sortedByClass(y) : Shuffle.permutation(y.length, order);
        this.yb = new float[batch * classes];
        this.features = Nd4j.create(DataType.FLOAT, new long[] {batch, per}, 'c');
        this.labels = Nd4j.create(DataType.FLOAT, new long[] {batch, classes}, 'c');
    }

    /** Row positions ordered by class, stable (within a class the rows keep their given order). */
    static int[] sortedByClass(int[] y) {
        return java.util.stream.IntStream.range(0, y.length).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> y[i])).mapToInt(Integer::intValue).toArray();
    }

    /** The row order of the current epoch (for tests). */
    int[] currentOrder() {
        return perm.clone();
    }

    public int stepsPerEpoch() {
        return y.length / batch;
    }

    /**
     * The next minibatch (one-hot labels). Its arrays are reused: the batch is valid until the
     * next call, which is how a training step uses it.
     */
    public DataSet next() {
        int inEpoch = (int) (step % stepsPerEpoch());
        if (inEpoch == 0 && step > 0 && mode == DataOrder.RESHUFFLE) Shuffle.inPlace(perm, order);
        step++;
        Arrays.fill(yb, 0f);
        // rows go straight into the native array (a Java batch array copied over cost a second
        // pass: next() at batch 256 took 170-185 us, now 115-140, docs/perf.md session 6)
        FloatBuffer fb = features.data().asNioFloat();
        for (int r = 0; r < batch; r++) {
            int row = perm[inEpoch * batch + r];
            if (augment == Augment.NONE) {
                fb.put(r * per, x, row * per, per);
            } else {
                System.arraycopy(x, row * per, image, 0, per);
                augmentImage(image, 0);
                fb.put(r * per, image, 0, per);
            }
            yb[r * classes + y[row]] = 1f;
        }
        labels.data().asNioFloat().put(0, yb);
        return new DataSet(features, labels);
    }
}
