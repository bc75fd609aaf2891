package claimsweep.model.fused;


import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * What transfer learning (claim A9) does with BatchNorm's running statistics: freeze them for
 * fine-tuning, or re-estimate them on the target data. Only the fused BatchNorm layers
 * ({@link FastBatchNorm}: the MLP's dense ones and the CNN's conv and dense ones) support it; a
 * network with DL4J's own BatchNormalization layer (fused layers switched off) is refused by name,
 * since that layer cannot freeze its statistics while training.
 */
public final class BatchNormStats {
    /**
     * Images per inference pass when re-estimating: bounds the memory of the CNN's activations
     * (16 x 28 x 28 floats per image in its first conv layer, 50 KB; 2,500 target images at once
     * would hold ~125 MB per layer) without changing the result beyond rounding.
     */
    static final int CHUNK = 256;

    private BatchNormStats() {}

    /** Freezes (or unfreezes) the running statistics of every BatchNorm layer; returns how many it touched. */
    public static int freeze(MultiLayerNetwork net, boolean frozen) {
        int n = 0;
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof FastBatchNormLayer b) {
                b.setFrozenStats(frozen);
                n++;
            } else if (layers[i] instanceof BatchNormalization) {
                throw new IllegalStateException("layer " + i + " is DL4J's BatchNormalization, which cannot freeze its "
                        + "statistics; bn_stats other than train needs the fused BatchNorm layer (FusedLayers, on by default on CPU)");
            }
        }
        return n;
    }

    /**
     * Sets each BatchNorm layer's running mean and variance to the exact statistics of its input
     * over the rows of {@code x}, with the layer's own convention (per channel over the examples and,
     * for NCHW input, the H x W positions; the biased variance, as the layer's batch statistics),
     * layer by layer from the input side, each computed with the layers before it already
     * re-estimated (inference-mode forward passes). The rows go through in chunks of {@link #CHUNK};
     * each chunk's two-pass moments are merged exactly (Chan, Golub and LeVeque's pairwise update).
     */
    public static int reestimate(MultiLayerNetwork net, INDArray x) {
        int n = 0;
        Layer[] layers = net.getLayers();
        long rows = x.size(0);
        for (int i = 0; i < layers.length; i++) {
            if (!(layers[i] instanceof FastBatchNormLayer b)) continue;
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                throw new IllegalStateException("layer " + i + " (BatchNorm) has an input preprocessor " + pre
                        + "; re-estimating its statistics reads the previous layer's output as its input");
            }
            double[] mean = null;
            double[] m2 = null;
            double count = 0;
            for (long from = 0; from < rows; from += CHUNK) {
                INDArray part = x.get(NDArrayIndex.interval(from, Math.min(rows, from + CHUNK)));
                List<INDArray> acts = net.feedForwardToLayer(i, part, false);
                INDArray in = acts.get(i); // acts.get(0) is the network input, acts.get(i) the input of layer i
                double[] v = Vec.read(Native.dense(in.castTo(in.dataType())));
                int[] l = b.layoutOf(in);
                double[] cm = new double[l[1]];
                double[] cv = new double[l[1]];
                FastBatchNormLayer.moments(v, l[0], l[1], l[2], cm, cv);
                double cn = (double) l[0] * l[2];
                if (mean == null) {
                    mean = cm;
                    m2 = new double[l[1]];
                    for (int j = 0; j < l[1]; j++) m2[j] = cv[j] * cn;
                    count = cn;
                    continue;
                }
                double total = count + cn;
                for (int j = 0; j < l[1]; j++) {
                    double delta = cm[j] - mean[j];
                    mean[j] += delta * cn / total;
                    m2[j] += cv[j] * cn + delta * delta * count * cn / total;
                }
                count = total;
            }
            if (mean == null) throw new IllegalArgumentException("re-estimating BatchNorm statistics needs at least one row");
            double[] var = new double[mean.length];
            for (int j = 0; j < var.length; j++) var[j] = m2[j] / count;
            b.setRunningStats(mean, var);
            n++;
        }
        return n;
    }
}
