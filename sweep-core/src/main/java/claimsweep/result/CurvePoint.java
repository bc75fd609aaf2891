package claimsweep.result;

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
 */
public record CurvePoint(long step, double epoch, double trainLoss, double valLoss, double valAcc, double lr,
                         long elapsedMs) {}
