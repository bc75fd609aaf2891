package claimsweep.train;

import claimsweep.result.CurvePoint.LayerGradient;
import claimsweep.result.GradientHistogram;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds to each layer's gradient norm the histogram of the same gradient's values (TensorBoard's
 * gradient distributions). Reads the gradient that {@link GradientNorms#of} has just computed, so
 * it costs no extra pass; call it right after that and before the step, which overwrites the
 * gradient with the update. Values are those of the mean minibatch gradient, as the norm's, over
 * the same parameters (BatchNorm's running statistics left out).
 */
final class GradientHistograms {
    private GradientHistograms() {}

    static List<LayerGradient> attach(MultiLayerNetwork net, DataSet batch, List<LayerGradient> norms) {
        double n = batch.numExamples();
        GradientHistogram.Builder[] perLayer = new GradientHistogram.Builder[net.getnLayers()];
        for (Map.Entry<String, INDArray> e : net.gradient().gradientForVariable().entrySet()) {
            String key = e.getKey();
            int us = key.indexOf('_');
            if (GradientNorms.isState(key.substring(us + 1))) continue;
            int layer = Integer.parseInt(key.substring(0, us));
            if (perLayer[layer] == null) perLayer[layer] = new GradientHistogram.Builder();
            // a copy of the view: the gradient is one flattened buffer shared by all layers
            for (double v : e.getValue().castTo(DataType.DOUBLE).dup('c').data().asDouble()) perLayer[layer].add(v / n);
        }
        List<LayerGradient> out = new ArrayList<>();
        for (LayerGradient g : norms) {
            GradientHistogram.Builder b = perLayer[g.layer()];
            out.add(new LayerGradient(g.layer(), g.type(), g.norm(), b == null ? null : b.build()));
        }
        return out;
    }
}
