package claimsweep.model.fused;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static claimsweep.model.fused.FastRnnParams.B;
import static claimsweep.model.fused.FastRnnParams.GAIN;
import static claimsweep.model.fused.FastRnnParams.MEAN;
import static claimsweep.model.fused.FastRnnParams.RW;
import static claimsweep.model.fused.FastRnnParams.VAR;
import static claimsweep.model.fused.FastRnnParams.W;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * Implementation of {@link FastRnn}. W's memory is the row-major [nOut, nIn] matrix Wt and RW's
 * the row-major RWt (DL4J stores both in 'f' order), so with the layouts of {@link RnnSteps}:
 * <pre>
 *   forward   P = X Wt^T (one gemm, all steps);  per step P_t += h_{t-1} RWt^T, then h_t = f(norm(P_t) + b)
 *   backward  per step eps_t += dz_{t+1} RWt (into G when only the last step has eps), then dz_t;
 *             dRWt = DZs[1..]^T Hs[..T-1], dWt = DZ^T X, dX = DZ Wt (one gemm each, all steps)
 * </pre>
 * DL4J's SimpleRnn issues ~10 ND4J ops per step and recomputes the forward pass in backprop; this
 * layer issues one gemm per step each way and keeps the training pass's outputs (as
 * {@code FastDenseLayer} does, recomputing if the input changed in between).
 */
final class FastRnnLayer extends BaseLayer<FastRnn> {
    private Act act;
    private RnnSteps cell;
    private INDArray forwardInput;
    /** Working matrices in native memory for the gemms, kept between steps outside any workspace; see {@link RnnSteps}. */
    private INDArray p;
    private INDArray hs;
    private INDArray g;
    private INDArray dzs;
    private INDArray dz;

    FastRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int nIn() {
        return (int) layerConf().getNIn();
    }

    private int nOut() {
        return (int) layerConf().getNOut();
    }

    private RnnSteps cell() {
        if (cell == null) {
            act = Act.of(layerConf().getActivationFn());
            cell = RnnSteps.of(dataType, nOut(), act, layerConf().getNorm());
        }
        return cell;
    }

    private INDArray buffer(INDArray current, long length) {
        return current != null && current.length() == length ? current : Nd4j.createUninitializedDetached(dataType, length);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray x = Native.dense(input.castTo(dataType));
        if (x.rank() != 3 || x.size(2) != nIn()) {
            throw new IllegalStateException("FastRnn " + layerId() + ": input of shape " + java.util.Arrays.toString(x.shape())
                    + ", expected [minibatch, time steps, " + nIn() + "] (NWC)");
        }
        int mb = (int) x.size(0);
        int steps = (int) x.size(1);
        int n = nOut();
        FastRnn c = layerConf();
        if (training && c.getNorm() == FastRnn.Norm.BATCH_STEP && steps > c.getSteps()) {
            throw new IllegalStateException("FastRnn " + layerId() + ": " + steps + " time steps, but batch_step statistics for "
                    + c.getSteps() + " were configured");
        }
        long all = (long) mb * steps * n;
        p = buffer(p, all);
        hs = buffer(hs, all);
        gemm(false, true, mb * steps, n, nIn(), x, 0, nIn(), getParam(W), 0, nIn(), 0, p, 0, n);
        INDArray h = c.isLastStepOnly() ? null : mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {mb, steps, n}, 'c');
        cell().beginForward(mb, steps, training, getParam(B), c.getNorm() == FastRnn.Norm.NONE ? null : getParam(GAIN),
                c.getNorm() == FastRnn.Norm.BATCH_STEP ? getParam(MEAN) : null,
                c.getNorm() == FastRnn.Norm.BATCH_STEP ? getParam(VAR) : null);
        for (int t = 0; t < steps; t++) {
            // P_t += h_{t-1} RW, in place in P's rows of step t (leading dimension steps * n)
            if (t > 0) gemm(false, true, mb, n, n, hs, (long) (t - 1) * mb * n, n, getParam(RW), 0, n, 1, p, (long) t * n, steps * n);
            cell.forwardStep(t, p, hs, h);
        }
        forwardInput = training ? input : null;
        if (h != null) return h;
        INDArray last = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {mb, n}, 'c');
        long bytes = (long) mb * n * hs.data().getElementSize();
        Pointer.memcpy(last.data().addressPointer(), at(hs, (long) (steps - 1) * mb * n), bytes);
        return last;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (forwardInput != input) activate(true, mgr);
        forwardInput = null;
        INDArray x = Native.dense(input.castTo(dataType));
        INDArray eps = Native.dense(epsilon.castTo(dataType));
        int mb = (int) x.size(0);
        int steps = (int) x.size(1);
        int n = nOut();
        int nIn = nIn();
        FastRnn c = layerConf();
        long all = (long) mb * steps * n;
        dzs = buffer(dzs, all);
        dz = buffer(dz, all);
        g = buffer(g, (long) mb * n);
        cell.beginBackward();
        boolean lastOnly = c.isLastStepOnly();
        for (int t = steps - 1; t >= 0; t--) {
            if (t == steps - 1) {
                cell.backwardStep(t, null, eps, lastOnly, hs, dzs, dz);
            } else if (lastOnly) {
                gemm(false, false, mb, n, n, dzs, (long) (t + 1) * mb * n, n, getParam(RW), 0, n, 0, g, 0, n);
                cell.backwardStep(t, g, eps, true, hs, dzs, dz);
            } else {
                // eps_t += dz_{t+1} RW^T in place in the incoming gradient (DL4J's SimpleRnn does the same)
                gemm(false, false, mb, n, n, dzs, (long) (t + 1) * mb * n, n, getParam(RW), 0, n, 1, eps, (long) t * n, steps * n);
                cell.backwardStep(t, null, eps, false, hs, dzs, dz);
            }
        }
        Gradient grad = new DefaultGradient();
        INDArray dW = gradientViews.get(W);
        gemm(true, false, n, nIn, mb * steps, dz, 0, n, x, 0, nIn, 0, dW, 0, nIn);
        grad.gradientForVariable().put(W, dW);
        INDArray dRW = gradientViews.get(RW);
        if (steps > 1) {
            gemm(true, false, n, n, (steps - 1) * mb, dzs, (long) mb * n, n, hs, 0, n, 0, dRW, 0, n);
        } else {
            dRW.assign(0);
        }
        grad.gradientForVariable().put(RW, dRW);
        Vec.writeAny(gradientViews.get(B), cell.db);
        grad.gradientForVariable().put(B, gradientViews.get(B));
        if (c.getNorm() != FastRnn.Norm.NONE) {
            Vec.writeAny(gradientViews.get(GAIN), cell.dg);
            grad.gradientForVariable().put(GAIN, gradientViews.get(GAIN));
        }
        if (c.getNorm() == FastRnn.Norm.BATCH_STEP) {
            runningStatGradient(MEAN, cell.batchMean, steps, grad);
            runningStatGradient(VAR, cell.batchVar, steps, grad);
        }
        // the first layer's input gradient is never read (as in FastDense); RowsAsSteps passes the null on
        if (getIndex() == 0) return new Pair<>(grad, null);
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {mb, steps, nIn}, 'c');
        gemm(false, false, mb * steps, nIn, n, dz, 0, n, getParam(W), 0, nIn, 0, dx, 0, nIn);
        return new Pair<>(grad, dx);
    }

    /** The running statistics are stepped by their decay, not averaged over the minibatch (as in DL4J's BatchNormalization). */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return !FastRnnParams.isRunningStat(paramName);
    }

    /**
     * The "gradient" of a running statistic: DL4J's decay step (running - batch)(1 - decay), which
     * the NoOp updater subtracts, giving decay running + (1 - decay) batch; steps beyond this
     * sequence's length keep their values.
     */
    private void runningStatGradient(String key, double[] batch, int steps, Gradient grad) {
        double[] running = Vec.read(getParam(key));
        double[] out = new double[running.length];
        int len = Math.min(running.length, steps * nOut());
        for (int i = 0; i < len; i++) out[i] = (running[i] - batch[i]) * (1 - FastRnn.DECAY);
        Vec.writeAny(gradientViews.get(key), out);
        grad.gradientForVariable().put(key, gradientViews.get(key));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    private static Pointer at(INDArray a, long offset) {
        Pointer base = a.data().addressPointer();
        return a.dataType() == DataType.FLOAT ? ((FloatPointer) base).getPointer(offset) : ((DoublePointer) base).getPointer(offset);
    }

    /** C = alpha op(A) op(B) + beta C over row-major matrices starting {@code *Off} elements into each array's memory. */
    private static void gemm(boolean transA, boolean transB, int m, int n, int k, INDArray a, long aOff, int lda,
                             INDArray b, long bOff, int ldb, double beta, INDArray c, long cOff, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1f, (FloatPointer) at(a, aOff), lda, (FloatPointer) at(b, bOff), ldb,
                    (float) beta, (FloatPointer) at(c, cOff), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, (DoublePointer) at(a, aOff), lda, (DoublePointer) at(b, bOff), ldb,
                    beta, (DoublePointer) at(c, cOff), ldc);
        }
    }
}
