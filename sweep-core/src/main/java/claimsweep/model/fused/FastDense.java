package claimsweep.model.fused;

import claimsweep.model.layers.LayerWiring;


import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A fully connected layer (a = f(x W + b)) computed with direct gemm calls and Java loops instead
 * of ND4J ops; same parameters, initialization and regularization as DL4J's {@code DenseLayer}
 * (it uses DL4J's {@link DefaultParamInitializer}), so the two are interchangeable; the tests prove
 * equal outputs and gradients. See docs/perf.md for why and what it gains.
 */
public class FastDense extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (DL4J serializes layer configurations as JSON). */
    public FastDense() {
        this(new Builder());
    }

    private FastDense(Builder b) {
        super(b);
    }

    @Override
    public FastDense clone() {
        return (FastDense) super.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        if (getIDropout() != null) {
            throw new IllegalStateException("FastDense layer " + layerIndex + " does not implement dropout; use DenseLayer");
        }
        Act.of(getActivationFn()); // fails early for an activation the layer cannot compute
        return LayerWiring.wire(new FastDenseLayer(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, FastDense.class, inputType, out)
                .standardMemory(params, params)
                .workingMemory(0, 0, out.arrayElementsPerExample(), out.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public FastDense build() {
            return new FastDense(this);
        }
    }
}
