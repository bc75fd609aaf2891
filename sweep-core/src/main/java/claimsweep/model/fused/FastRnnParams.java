package claimsweep.model.fused;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@link FastRnn}: DL4J's SimpleRnn block first (W [nIn, nOut] and RW [nOut, nOut],
 * both 'f' order, b [1, nOut]; initialized by DL4J's own {@link SimpleRnnParamInitializer}, so a
 * FastRnn and a SimpleRnn built from one seed start from the same weights), then, with a
 * normalization, the gain g [1, nOut] (starts at 1), and with BATCH_STEP the running mean and
 * variance [steps, nOut] (start at 0 and 1; row t belongs to time step t).
 */
final class FastRnnParams implements ParamInitializer {
    static final FastRnnParams INSTANCE = new FastRnnParams();

    static final String W = SimpleRnnParamInitializer.WEIGHT_KEY;
    static final String RW = SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY;
    static final String B = SimpleRnnParamInitializer.BIAS_KEY;
    static final String GAIN = "g";
    static final String MEAN = "mean";
    static final String VAR = "var";

    private static final SimpleRnnParamInitializer RNN = SimpleRnnParamInitializer.getInstance();

    private FastRnnParams() {}

    static boolean isRunningStat(String key) {
        return MEAN.equals(key) || VAR.equals(key);
    }

    private static FastRnn conf(Layer l) {
        return (FastRnn) l;
    }

    private static long extra(FastRnn c) {
        long n = c.getNOut();
        return switch (c.getNorm()) {
            case NONE -> 0;
            case LAYER -> n;
            case BATCH_STEP -> n + 2L * c.getSteps() * n;
        };
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return RNN.numParams(layer) + extra(conf(layer));
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(RNN.paramKeys(layer));
        if (conf(layer).getNorm() != FastRnn.Norm.NONE) keys.add(GAIN);
        if (conf(layer).getNorm() == FastRnn.Norm.BATCH_STEP) keys.addAll(List.of(MEAN, VAR));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return RNN.weightKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        List<String> keys = new ArrayList<>(RNN.biasKeys(layer));
        if (conf(layer).getNorm() != FastRnn.Norm.NONE) keys.add(GAIN);
        return keys;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return RNN.isWeightParam(layer, key);
    }

    /** The gain counts as a bias: regularized (or not) like BatchNorm's gamma and beta. */
    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return RNN.isBiasParam(layer, key) || GAIN.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FastRnn c = conf(conf.getLayer());
        long base = RNN.numParams(c);
        Map<String, INDArray> m = new LinkedHashMap<>(RNN.init(conf, slice(paramsView, 0, base), initializeParams));
        Map<String, INDArray> extra = extras(c, paramsView, base);
        if (initializeParams) {
            if (extra.containsKey(GAIN)) extra.get(GAIN).assign(1.0);
            if (extra.containsKey(MEAN)) extra.get(MEAN).assign(0.0);
            if (extra.containsKey(VAR)) extra.get(VAR).assign(1.0);
        }
        extra.keySet().forEach(conf::addVariable);
        m.putAll(extra);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FastRnn c = conf(conf.getLayer());
        long base = RNN.numParams(c);
        Map<String, INDArray> m = new LinkedHashMap<>(RNN.getGradientsFromFlattened(conf, slice(gradientView, 0, base)));
        m.putAll(extras(c, gradientView, base));
        return m;
    }

    private static Map<String, INDArray> extras(FastRnn c, INDArray view, long base) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        long n = c.getNOut();
        if (c.getNorm() == FastRnn.Norm.NONE) return m;
        m.put(GAIN, slice(view, base, base + n));
        if (c.getNorm() == FastRnn.Norm.BATCH_STEP) {
            long s = (long) c.getSteps() * n;
            m.put(MEAN, slice(view, base + n, base + n + s).reshape('c', c.getSteps(), n));
            m.put(VAR, slice(view, base + n + s, base + n + 2 * s).reshape('c', c.getSteps(), n));
        }
        return m;
    }

    /** Elements [from, to) of the parameter vector DL4J hands each layer ([numParams] in 1.0.0-M2.1, [1, numParams] before). */
    private static INDArray slice(INDArray view, long from, long to) {
        return view.rank() == 1 ? view.get(NDArrayIndex.interval(from, to))
                : view.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(from, to));
    }
}
