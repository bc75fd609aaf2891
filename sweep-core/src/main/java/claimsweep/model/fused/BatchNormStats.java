package claimsweep.model.fused;


import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * What transfer learning (claim A9) does with BatchNorm's running statistics: freeze them for
 * fine-tuning, or re-estimate them on the target data. Only the dense BatchNorm layers
 * ({@link FastBatchNorm}, the MLP's) support it; other layers are refused by the run constraints.
 */
public final class BatchNormStats {
    private BatchNormStats() {}

    /** Freezes (or unfreezes) the running statistics of every BatchNorm layer; returns how many it touched. */
    public static int freeze(MultiLayerNetwork net, boolean frozen) {
        int n = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof FastBatchNormLayer b) {
                b.setFrozenStats(frozen);
                n++;
            }
        }
        return n;
    }

    /**
     * Sets each BatchNorm layer's running mean and (biased) variance to the exact statistics of
     * its input over {@code x}, layer by layer from the input side, each computed with the layers
     * before it already re-estimated (inference-mode forward passes).
     */
    public static int reestimate(MultiLayerNetwork net, INDArray x) {
        int n = 0;
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (!(layers[i] instanceof FastBatchNormLayer b)) continue;
            List<INDArray> acts = net.feedForwardToLayer(i, x, false);
            INDArray in = acts.get(i); // acts.get(0) is the network input, acts.get(i) the input of layer i
            double[] v = Vec.read(Native.dense(in.castTo(in.dataType())));
            int[] l = b.layoutOf(in);
            double[] mean = new double[l[1]];
            double[] var = new double[l[1]];
            FastBatchNormLayer.moments(v, l[0], l[1], l[2], mean, var);
            b.setRunningStats(mean, var);
            n++;
        }
        return n;
    }
}
