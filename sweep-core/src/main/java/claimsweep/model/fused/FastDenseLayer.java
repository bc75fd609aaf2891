package claimsweep.model.fused;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Implementation of {@link FastDense}. W is DL4J's 'f'-order [nIn, nOut] view, which is the
 * row-major [nOut, nIn] matrix Wt, so z = x Wt^T, dWt = dz^T x, dx = dz Wt.
 *
 * <p>The forward output of a training pass is kept for the backward pass (DL4J keeps training
 * activations alive until backprop), so unlike DL4J's DenseLayer the forward gemm is not redone;
 * if the input changed in between, the forward pass is recomputed.
 */
final class FastDenseLayer extends BaseLayer<FastDense> {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;
    private static final String B = DefaultParamInitializer.BIAS_KEY;

    /** Resolved once: the configuration of a layer does not change after it is built. */
    private Act act;
    private INDArray forwardInput;
    private INDArray forwardOutput;
    /** Slots (double path; the float path streams rows through {@link Rows}): 0 the forward output, 1 the incoming gradient, 2 the kept output in backprop. */
    private final Scratch scratch = new Scratch(3);

    FastDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int nIn() {
        return (int) layerConf().getNIn();
    }

    private int nOut() {
        return (int) layerConf().getNOut();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray x = Native.dense(input.castTo(dataType));
        int rows = (int) x.size(0);
        if (x.size(1) != nIn()) {
            throw new IllegalStateException("FastDense " + layerId() + ": input has " + x.size(1) + " columns, expected " + nIn());
        }
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {rows, nOut()}, 'c');
        Native.gemm(false, true, rows, nOut(), nIn(), 1.0, x, nIn(), getParam(W), nIn(), 0.0, out, nOut());
        if (dataType == DataType.FLOAT) {
            biasActivationFloat(out, rows, nOut());
        } else {
            biasActivation(out, rows, nOut());
        }
        forwardInput = training ? input : null;
        forwardOutput = training ? out : null;
        return out;
    }

    /**
     * out += b, then the activation, in place. Float networks stay in float: converting to double
     * and back cost 7% of the BatchNorm MLP's step at batch 256 (docs/perf.md); double networks
     * (gradient checks) stay in double. The bias goes through {@link Rows} (vectorized row loops
     * straight over the native memory).
     */
    private void biasActivationFloat(INDArray out, int rows, int n) {
        float[] b = new float[n];
        Native.floats(Native.dense(getParam(B))).get(0, b);
        FloatBuffer o = Native.floats(out);
        Rows.affine(o, o, rows, n, null, b, act());
    }

    private void biasActivation(INDArray out, int rows, int n) {
        double[] o = Vec.read(out, scratch.get(0, rows * n));
        double[] b = Vec.read(getParam(B));
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            for (int j = 0; j < n; j++) o[off + j] += b[j];
        }
        act().applyInPlace(o, rows * n);
        Vec.write(out, o);
    }

    private Act act() {
        if (act == null) act = Act.of(layerConf().getActivationFn());
        return act;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray a = forwardInput == input && forwardOutput != null ? forwardOutput : activate(true, mgr);
        INDArray x = Native.dense(input.castTo(dataType));
        int rows = (int) x.size(0);
        int n = nOut();
        INDArray dz = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, n}, 'c');
        INDArray eps = Native.dense(epsilon.castTo(dataType));
        double[] db = new double[n];
        if (dataType == DataType.FLOAT) {
            Rows.activationGradient(Native.floats(eps), Native.floats(a), Native.floats(dz), rows, n, act(), db);
        } else {
            double[] e = Vec.read(eps, scratch.get(1, rows * n));
            double[] av = Vec.read(a, scratch.get(2, rows * n));
            act().backpropInPlace(e, av, rows * n);
            for (int r = 0; r < rows; r++) {
                int off = r * n;
                for (int j = 0; j < n; j++) db[j] += e[off + j];
            }
            Vec.write(dz, e);
        }
        forwardInput = null;
        forwardOutput = null;
        return linearBackward(this, gradientViews, dz, x, db, mgr);
    }

    /**
     * The backward pass of z = x Wt^T + b given dz ([rows, nOut], row-major) and the bias gradient
     * db: writes dWt = dz^T x and db into the layer's gradient views and returns them with
     * dx = dz Wt. Shared by FastDense and FastOutput. The first layer's input gradient is never
     * used, so layer 0 skips it (the largest gemm) and returns null.
     */
    static Pair<Gradient, INDArray> linearBackward(BaseLayer<?> layer, Map<String, INDArray> gradientViews, INDArray dz,
                                                   INDArray x, double[] db, LayerWorkspaceMgr mgr) {
        int rows = (int) dz.size(0);
        int nOut = (int) dz.size(1);
        int nIn = (int) x.size(1);
        INDArray dbView = gradientViews.get(B);
        Vec.writeAny(dbView, db);
        INDArray dwView = gradientViews.get(W);
        Native.gemm(true, false, nOut, nIn, rows, 1.0, dz, nOut, x, nIn, 0.0, dwView, nIn);
        Gradient grad = new DefaultGradient();
        grad.gradientForVariable().put(W, dwView);
        grad.gradientForVariable().put(B, dbView);
        INDArray dx = null;
        if (layer.getIndex() > 0) {
            dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dz.dataType(), new long[] {rows, nIn}, 'c');
            Native.gemm(false, false, rows, nIn, nOut, 1.0, dz, nOut, layer.getParam(W), nIn, 0.0, dx, nIn);
        }
        return new Pair<>(grad, dx);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
