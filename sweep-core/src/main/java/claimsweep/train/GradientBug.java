package claimsweep.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

/**
 * The B8 bugs that act between the backward pass and the optimizer step, as a DL4J training
 * listener: DL4J's optimizer calls {@link #onGradientCalculation} after the backward pass has
 * written the gradients and before the updater reads them, so what the listener leaves in the
 * gradient views is what the step applies. Nothing else of the step changes (the optimizer
 * state, the learning-rate schedule and the data order are the clean loop's).
 * <ul>
 *   <li>stale_grad: the views get the previous minibatch's gradient (zero at the first step), and
 *       this minibatch's is kept for the next: {@code optimizer.step(); loss.backward()} in PyTorch.
 *   <li>constant_loss: the views are zeroed, the gradient of a loss that does not depend on the
 *       parameters.
 * </ul>
 * The views hold gradients summed over the minibatch, which the updater then divides by its size;
 * minibatches all have one size (Minibatches drops the partial one), so a stale sum is divided
 * exactly as it would have been in its own step.
 * BatchNorm's running statistics are left alone: DL4J carries their moving-average update in the
 * same views, but in PyTorch they update in the forward pass, untouched by either bug. The curve's
 * per-layer gradient norms come from a separate backward pass (GradientNorms) that no listener sees:
 * they stay the real loss's gradient on the step's minibatch, i.e. what the bug throws away or delays.
 */
final class GradientBug extends BaseTrainingListener {
    private final boolean stale;
    /** The previous minibatch's gradient per variable ("layer_param"), copied out of the reused views. */
    private final Map<String, INDArray> previous = new HashMap<>();

    private GradientBug(boolean stale) {
        this.stale = stale;
    }

    /** The listener of a run's gradient bug, or null when its bug does not touch gradients. */
    static GradientBug of(Bugs bugs) {
        if (!bugs.changesGradients()) return null;
        return new GradientBug(bugs.staleGradient());
    }

    @Override
    public void onGradientCalculation(Model model) {
        Gradient g = model.gradient();
        for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
            String key = e.getKey();
            if (GradientNorms.isState(key.substring(key.indexOf('_') + 1))) continue;
            INDArray view = e.getValue();
            if (!stale) {
                view.assign(0);
                continue;
            }
            INDArray current = view.dup();
            INDArray last = previous.put(key, current);
            if (last == null) view.assign(0);
            else view.assign(last);
        }
    }
}
