package claimsweep.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise work of one {@link FastRnnLayer} time step, forward and backward, in one
 * precision: {@link RnnStepsFloat} for training, {@link RnnStepsDouble} for gradient checks. The
 * two are the same algorithm written twice, because C2 vectorizes loops over one primitive type
 * only ({@code FastRnnTest} holds the float one to the double one, and the double one to DL4J's
 * gradient check).
 *
 * <p>Layouts (row-major): P, the input projection x W of every step, and H, the output, are
 * [minibatch, time, units] (NWC, row (b, t) at b T + t); Hs, the outputs again, and DZs, the
 * pre-activation gradients, are time-major [time, minibatch, units], so that each step's block is
 * one contiguous matrix for the recurrent gemm and the recurrent weight gradient is one gemm over
 * all steps; DZ holds the same gradients batch-major for the input-side gemms.
 */
abstract class RnnSteps {
    final int n;
    final Act act;
    final FastRnn.Norm norm;
    int mb;
    int steps;
    boolean training;
    /** Bias and gain gradients of the last backward pass. */
    final double[] db;
    final double[] dg;
    /** BATCH_STEP, training: each step's batch mean and (biased) variance, [steps * n]. */
    double[] batchMean;
    double[] batchVar;

    RnnSteps(int n, Act act, FastRnn.Norm norm) {
        this.n = n;
        this.act = act;
        this.norm = norm;
        this.db = new double[n];
        this.dg = new double[n];
    }

    static RnnSteps of(DataType t, int n, Act act, FastRnn.Norm norm) {
        return switch (t) {
            case FLOAT -> new RnnStepsFloat(n, act, norm);
            case DOUBLE -> new RnnStepsDouble(n, act, norm);
            default -> throw new IllegalArgumentException("FastRnn supports float and double, not " + t);
        };
    }

    /**
     * Starts a forward pass over {@code mb} sequences of {@code steps} steps with bias b, gain g
     * (null without normalization) and, for BATCH_STEP, the running statistics [trained steps, n].
     */
    abstract void beginForward(int mb, int steps, boolean training, INDArray b, INDArray g, INDArray mean, INDArray var);

    /** h_t from P's rows of step t, which already hold x_t W + h_{t-1} RW: into Hs and, if not null, H. */
    abstract void forwardStep(int t, INDArray p, INDArray hs, INDArray h);

    /**
     * dz_t from the gradient reaching h_t: G (dz_{t+1} RW^T; null at the last step, and when the
     * layer has added it into eps) plus the layer's output gradient eps (NWC, or [mb, n] for the
     * last step only when {@code lastOnly});
     * into DZs and DZ, accumulating {@link #db} and {@link #dg}.
     */
    abstract void backwardStep(int t, INDArray g, INDArray eps, boolean lastOnly, INDArray hs, INDArray dzs, INDArray dz);

    void beginBackward() {
        java.util.Arrays.fill(db, 0);
        java.util.Arrays.fill(dg, 0);
    }
}
