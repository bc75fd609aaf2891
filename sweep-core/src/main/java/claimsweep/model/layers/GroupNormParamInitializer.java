package claimsweep.model.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of {@link GroupNormalization}: per-channel scale {@code gamma} (init 1) and shift {@code beta} (init 0). */
public final class GroupNormParamInitializer implements ParamInitializer {
    public static final GroupNormParamInitializer INSTANCE = new GroupNormParamInitializer();
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";
    private static final List<String> KEYS = List.of(GAMMA, BETA);

    private GroupNormParamInitializer() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * ((FeedForwardLayer) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> views = split(conf, paramsView);
        if (initializeParams) {
            views.get(GAMMA).assign(1.0);
            views.get(BETA).assign(0.0);
        }
        conf.addVariable(GAMMA);
        conf.addVariable(BETA);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(conf, gradientView);
    }

    private static Map<String, INDArray> split(NeuralNetConfiguration conf, INDArray flat) {
        long c = ((FeedForwardLayer) conf.getLayer()).getNOut();
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(GAMMA, v.get(NDArrayIndex.interval(0, c)));
        out.put(BETA, v.get(NDArrayIndex.interval(c, 2 * c)));
        return out;
    }
}
