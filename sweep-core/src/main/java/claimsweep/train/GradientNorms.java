package claimsweep.train;

import claimsweep.result.CurvePoint.LayerGradient;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-layer gradient norms on one minibatch (claim B6). Computed on a separate forward/backward
 * pass before the step, because DL4J's updater overwrites the gradient view with the update. The
 * norm is over all of a layer's trainable parameters of the mean (not summed) minibatch gradient;
 * BatchNorm's running statistics are state, not parameters, and are left out.
 */
final class GradientNorms {
    private GradientNorms() {}

    static List<LayerGradient> of(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        double n = batch.numExamples();
        double[] sumSq = new double[net.getnLayers()];
        boolean[] has = new boolean[net.getnLayers()];
        for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
            String key = e.getKey();
            int us = key.indexOf('_');
            String param = key.substring(us + 1);
            if (isState(param)) continue;
            int layer = Integer.parseInt(key.substring(0, us));
            double norm = e.getValue().norm2Number().doubleValue() / n;
            sumSq[layer] += norm * norm;
            has[layer] = true;
        }
        List<LayerGradient> out = new ArrayList<>();
        for (int i = 0; i < sumSq.length; i++) {
            if (!has[i]) continue;
            Layer l = net.getLayer(i);
            out.add(new LayerGradient(i, claimsweep.model.fused.FusedLayers.stockName(l.conf().getLayer()), Math.sqrt(sumSq[i])));
        }
        return out;
    }

    /** BatchNorm's running statistics: state that the network stores beside its parameters, not trained by gradients. */
    static boolean isState(String param) {
        return param.equals("mean") || param.equals("var") || param.equals("log10stdev");
    }
}
