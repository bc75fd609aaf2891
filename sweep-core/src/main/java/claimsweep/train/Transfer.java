package claimsweep.train;

import claimsweep.model.fused.BatchNormStats;
import claimsweep.spec.Treatments.BnStats;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The transfer-learning task of claim A9: source classes 0-4, target classes 5-9. A run with
 * {@code target_labels = N > 0} learns the target task from N labelled images per target class
 * (relabelled 0-4, so the network's first five outputs serve it), is validated and tested on the
 * target classes only, and with {@code transfer = pretrain} first trains on the source classes of
 * its training subset for {@code pretrain_steps} steps, then gets a fresh output layer.
 *
 * <p>BatchNorm statistics ({@code bn_stats}) around fine-tuning: {@code train} updates them from
 * the target batches as usual; {@code frozen} keeps the source (pretrained) ones; {@code reestimate}
 * keeps them frozen while fine-tuning and recomputes them on the target training images afterwards,
 * just before the test evaluation; {@code adabn} is AdaBN (Li, Wang, Shi, Liu and Hou 2016,
 * "Revisiting Batch Normalization For Practical Domain Adaptation"): the source statistics are
 * replaced by the target training images' before the first fine-tuning step, and fine-tuning then
 * proceeds with them frozen, so every validation point already sees target statistics.
 */
public final class Transfer {
    /** The first target class; classes below it are the source task. */
    public static final int SPLIT = 5;

    private Transfer() {}

    /** Positions i (into rows/labels) of the source classes. */
    public static int[] source(int[] labels) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) if (labels[i] < SPLIT) out.add(i);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Positions of the first {@code perClass} images of each target class, in the given (seeded,
     * random) order; fewer if a class has fewer. {@code perClass = 0}: all of them.
     */
    public static int[] target(int[] labels, int perClass) {
        int[] taken = new int[labels.length == 0 ? 0 : 64];
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < SPLIT) continue;
            if (c >= taken.length) taken = java.util.Arrays.copyOf(taken, c + 1);
            if (perClass > 0 && taken[c] >= perClass) continue;
            taken[c]++;
            out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Before the first fine-tuning step: every bn_stats but train freezes the statistics; adabn first
     * re-estimates them on the target training images (inference-mode passes, the layer's own
     * variance convention; BatchNormStats.reestimate). Returns the number of BatchNorm layers touched.
     */
    static int beforeFineTuning(MultiLayerNetwork net, BnStats stats, float[] targetX, int per) {
        if (stats == BnStats.TRAIN) return 0;
        if (stats == BnStats.ADABN) BatchNormStats.reestimate(net, inputs(targetX, per));
        return BatchNormStats.freeze(net, true);
    }

    /** After fine-tuning, before the test evaluation: reestimate recomputes the statistics on the target training images. */
    static void afterFineTuning(MultiLayerNetwork net, BnStats stats, float[] targetX, int per) {
        if (stats == BnStats.REESTIMATE) BatchNormStats.reestimate(net, inputs(targetX, per));
    }

    /** Row-major training inputs as the network's [N, per] float input. */
    static INDArray inputs(float[] x, int per) {
        INDArray out = Nd4j.create(DataType.FLOAT, new long[] {x.length / per, per}, 'c');
        ((FloatPointer) out.data().addressPointer()).put(x);
        return out;
    }

    /** Target labels 5-9 as 0-4. */
    public static int[] relabel(int[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) out[i] = labels[i] - SPLIT;
        return out;
    }

    /** Rows and labels restricted to the target classes ({@code perClass} of each, 0: all), relabelled 0-4: {rows, labels}. */
    static int[][] targetTask(int[] rows, int[] labels, int perClass) {
        int[] keep = target(labels, perClass);
        return new int[][] {pick(rows, keep), relabel(pick(labels, keep))};
    }

    static int[] pick(int[] a, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) out[i] = a[positions[i]];
        return out;
    }
}
