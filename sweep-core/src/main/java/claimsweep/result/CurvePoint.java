package claimsweep.result;

import java.util.List;

/**
 * One evaluation point of a run's learning curve.
 *
 * @param step      optimizer steps taken so far
 * @param epoch     passes over the training subset so far (fractional)
 * @param trainLoss mean minibatch training loss since the previous point
 * @param valLoss   validation loss (network in inference mode); NaN if it could not be computed
 * @param valAcc    validation accuracy in [0, 1]
 * @param lr        learning rate in force at this step
 * @param elapsedMs wall time since training started, evaluation included
 * @param classAcc  validation accuracy of each true class (its recall), NaN for a class absent from validation
 * @param gradients per-layer gradient norms on the step's minibatch, for the layers with parameters
 * @param trainAcc  accuracy on a fixed subset of the training images against the labels the network is
 *                  trained on (inference mode): the memorization measure; null in results written before
 *                  it was recorded
 */
public record CurvePoint(long step, double epoch, double trainLoss, double valLoss, double valAcc, double lr,
                         long elapsedMs, List<Double> classAcc, List<LayerGradient> gradients, Double trainAcc) {
    public CurvePoint {
        classAcc = classAcc == null ? List.of() : List.copyOf(classAcc);
        gradients = gradients == null ? List.of() : List.copyOf(gradients);
    }

    /** A point without per-class accuracy or gradient norms. */
    public CurvePoint(long step, double epoch, double trainLoss, double valLoss, double valAcc, double lr, long elapsedMs) {
        this(step, epoch, trainLoss, valLoss, valAcc, lr, elapsedMs, List.of(), List.of());
    }

    /** A point without training accuracy (as results written before it was recorded). */
    public CurvePoint(long step, double epoch, double trainLoss, double valLoss, double valAcc, double lr, long elapsedMs,
                      List<Double> classAcc, List<LayerGradient> gradients) {
        this(step, epoch, trainLoss, valLoss, valAcc, lr, elapsedMs, classAcc, gradients, null);
    }

    /**
     * L2 norm of one layer's gradient (all its trainable parameters, mean over the minibatch), before
     * the optimizer touches it: the vanishing/exploding-gradient metric of claim B6; and the
     * distribution of the same gradient's values, or null where it was not recorded (results
     * written before histograms existed).
     */
    public record LayerGradient(int layer, String type, double norm, GradientHistogram histogram) {
        /** A norm without a histogram. */
        public LayerGradient(int layer, String type, double norm) {
            this(layer, type, norm, null);
        }
    }
}
