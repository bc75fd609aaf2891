package claimsweep.train;

import claimsweep.data.DatasetCatalog;
import claimsweep.spec.ModelConfig.Loss;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Loss and accuracy of a network on fixed data, in inference mode (or as the bn_train_at_test bugs evaluate). */
final class Evaluator {
    /** Evaluation chunk: bounds memory for the CNN on 10k images. */
    static final int EVAL_CHUNK = 1000;

    /**
     * @param loss             mean loss
     * @param accuracy         share of correct argmax predictions
     * @param classAccuracy    accuracy within each true class (NaN for a class with no example)
     * @param majorityShare    share of the most common label: the accuracy of always guessing it
     * @param topPredictedShare share of the most often predicted class: 1 when the outputs ignore the input
     */
    record Score(double loss, double accuracy, List<Double> classAccuracy, double majorityShare,
                 double topPredictedShare) {}

    private final float[] x;
    private final int[] y;
    private final int per;
    private final Loss loss;
    private final int chunk;
    private final boolean trainingMode;

    Evaluator(float[] x, int[] y, int per, Loss loss) {
        this(x, y, per, loss, EVAL_CHUNK, false);
    }

    Evaluator(float[] x, int[] y, int per, Loss loss, int chunk, boolean trainingMode) {
        this.x = x;
        this.y = y;
        this.per = per;
        this.loss = loss;
        this.chunk = chunk;
        this.trainingMode = trainingMode;
    }

    /**
     * The run's evaluator: inference mode in chunks of 1000 (or test_batch), or as the
     * bn_train_at_test bugs evaluate.
     */
    static Evaluator of(Loss loss, int testBatch, Bugs bugs, float[] x, int[] y, int per) {
        int chunk = testBatch > 0 ? testBatch : EVAL_CHUNK;
        if (bugs.evalSorted()) {
            // stable sort by class (as data_order = sorted): each batch holds (mostly) one class
            int[] order = Minibatches.sortedByClass(y);
            float[] xs = new float[x.length];
            int[] ys = new int[y.length];
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(x, order[i] * per, xs, i * per, per);
                ys[i] = y[order[i]];
            }
            return new Evaluator(xs, ys, per, loss, chunk, true);
        }
        return new Evaluator(x, y, per, loss, chunk, bugs.evalInTrainingMode());
    }

    /**
     * The memorization probe: the first {@code min(training examples, size)} training images (the
     * subset is in seeded random order, so they are a random sample), un-augmented, with the labels
     * the network is trained on: the noisy ones under label_noise, the shuffled ones under
     * misaligned. Fitting those labels is what memorization means, so its accuracy can reach 1 while
     * validation accuracy stays put. Always inference mode (no bug's evaluation mode), so it measures
     * the network, not the evaluation; inference draws no random numbers, so training is unchanged.
     * {@code size} is the validation set's: the probe costs one more validation-sized evaluation.
     */
    static Evaluator trainingSubset(Loss loss, float[] trainX, int[] trainY, int per, int size) {
        int n = Math.min(trainY.length, size);
        return new Evaluator(Arrays.copyOf(trainX, n * per), Arrays.copyOf(trainY, n), per, loss);
    }

    /** Examples evaluated. */
    int size() {
        return y.length;
    }

    /**
     * Mean loss, unweighted, in the run's own loss (cross-entropy of the softmax outputs with
     * probabilities clamped at 1e-12, or mean squared error over the 10 outputs against one-hot
     * targets, as DL4J's LossMSE), and accuracy (argmax).
     */
    Score score(MultiLayerNetwork net) {
        int n = y.length;
        double lossSum = 0;
        long correct = 0;
        long[] perClass = new long[DatasetCatalog.CLASSES];
        long[] perClassCorrect = new long[DatasetCatalog.CLASSES];
        long[] predicted = new long[DatasetCatalog.CLASSES];
        INDArray full = null;
        for (int from = 0; from < n; from += chunk) {
            int rows = Math.min(chunk, n - from);
            // bulk copy into a native array (Nd4j.create(float[]) copies element by element)
            INDArray in = rows == chunk && full != null ? full : Nd4j.create(DataType.FLOAT, new long[] {rows, per}, 'c');
            if (rows == chunk) full = in;
            ((FloatPointer) in.data().addressPointer()).put(x, from * per, rows * per);
            int k = DatasetCatalog.CLASSES;
            float[] p = outputs(net.output(in, trainingMode), rows, k);
            for (int r = 0; r < rows; r++) {
                int label = y[from + r];
                int o = r * k;
                int argmax = 0;
                for (int c = 1; c < k; c++) if (p[o + c] > p[o + argmax]) argmax = c;
                perClass[label]++;
                predicted[argmax]++;
                if (argmax == label) {
                    correct++;
                    perClassCorrect[label]++;
                }
                if (loss == Loss.CE) {
                    double pl = p[o + label];
                    lossSum += -Math.log(Double.isNaN(pl) ? Double.NaN : Math.max(pl, 1e-12));
                } else {
                    double se = 0;
                    for (int c = 0; c < k; c++) {
                        double d = p[o + c] - (c == label ? 1 : 0);
                        se += d * d;
                    }
                    lossSum += se / k;
                }
            }
        }
        List<Double> classAcc = new ArrayList<>();
        for (int c = 0; c < DatasetCatalog.CLASSES; c++) {
            classAcc.add(perClass[c] == 0 ? Double.NaN : (double) perClassCorrect[c] / perClass[c]);
        }
        return new Score(lossSum / n, (double) correct / n, classAcc, (double) max(perClass) / n, (double) max(predicted) / n);
    }

    private static long max(long[] a) {
        long m = 0;
        for (long v : a) m = Math.max(m, v);
        return m;
    }

    /**
     * The network's [rows, k] float outputs, row-major, in one bulk copy. INDArray.toFloatMatrix
     * issues one ND4J op per row (~30 us each): it made evaluation 4x slower than the forward
     * pass itself (JFR, docs/perf.md).
     */
    static float[] outputs(INDArray out, int rows, int k) {
        if (out.rank() != 2 || out.size(0) != rows || out.size(1) != k) {
            throw new IllegalStateException("network output has shape " + Arrays.toString(out.shape())
                    + ", expected [" + rows + ", " + k + "]");
        }
        INDArray dense = out.dataType() == DataType.FLOAT && out.ordering() == 'c' && Shape.hasDefaultStridesForShape(out)
                ? out : out.castTo(DataType.FLOAT).dup('c');
        float[] p = new float[rows * k];
        ((FloatPointer) dense.data().addressPointer()).get(p);
        return p;
    }
}
