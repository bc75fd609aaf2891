package claimsweep.model.fused;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.Solver;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.StochasticGradientDescent;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;


/**
 * DL4J's SGD solver with its two whole-network element-wise passes done by OpenBLAS level-1
 * calls: the division of the gradient by the minibatch size ({@code divi}) and the parameter step
 * {@code params -= update} ({@code subi}). Same arithmetic, same order, same updater blocks.
 *
 * <p>Why: each of those ND4J ops cost far more than its memory traffic, 65 and 140 us per step on
 * the reference MLP's 270k parameters (JFR, docs/perf.md), against ~15-30 us for a cblas call
 * through JavaCPP. DL4J offers no way to configure a custom step function (StepFunctions rejects
 * unknown ones), so {@link SweepNetwork} installs this solver in place of the stock one.
 */
final class SweepSolver extends Solver {
    private final NeuralNetConfiguration conf;
    private final MultiLayerNetwork model;
    private final List<TrainingListener> listeners;
    private ConvexOptimizer optimizer;

    SweepSolver(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, MultiLayerNetwork model) {
        this.conf = conf;
        this.model = model;
        this.listeners = new ArrayList<>(listeners == null ? List.of() : listeners);
    }

    /** Whether a network's configuration is one this solver reproduces exactly: plain SGD with DL4J's default step. */
    static boolean applies(NeuralNetConfiguration conf) {
        return conf.getOptimizationAlgo() == OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT && conf.getStepFunction() == null;
    }

    @Override
    public void optimize(LayerWorkspaceMgr workspaceMgr) {
        initOptimizer();
        optimizer.optimize(workspaceMgr);
    }

    @Override
    public void initOptimizer() {
        if (optimizer == null) {
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                optimizer = getOptimizer();
            }
        }
    }

    @Override
    public ConvexOptimizer getOptimizer() {
        if (optimizer == null) {
            optimizer = new StochasticGradientDescent(conf, new AxpyStep(), listeners, model);
            optimizer.setUpdater(new ScalUpdater(model));
        }
        return optimizer;
    }

    @Override
    public void setListeners(Collection<TrainingListener> listeners) {
        this.listeners.clear();
        if (listeners != null) this.listeners.addAll(listeners);
        if (optimizer != null) optimizer.setListeners(this.listeners);
    }

    /** {@code x -= line} (DL4J's NegativeGradientStepFunction) as one axpy when both are contiguous. */
    static final class AxpyStep implements StepFunction {
        @Override
        public void step(INDArray x, INDArray line, double step) {
            step(x, line); // DL4J's negative-gradient step ignores the step size too
        }

        @Override
        public void step(INDArray x, INDArray line) {
            if (Native.level1(x, line)) Native.axpy(-1, line, x);
            else x.subi(line);
        }

        @Override
        public void step() {}
    }

    /** DL4J's MultiLayerUpdater with the minibatch division as scal calls over its cached gradient subsets. */
    static final class ScalUpdater extends MultiLayerUpdater {
        ScalUpdater(MultiLayerNetwork network) {
            super(network);
        }

        @Override
        protected void divideByMinibatch(boolean isExternal, Gradient gradient, int batchSize) {
            if (isExternal) {
                super.divideByMinibatch(true, gradient, batchSize);
                return;
            }
            if (!initializedMinibatchDivision) {
                gradientsForMinibatchDivision = getMinibatchDivisionSubsets(getFlattenedGradientsView());
                initializedMinibatchDivision = true;
            }
            for (INDArray a : gradientsForMinibatchDivision) {
                // x / b and x * (1 / b) can differ in the last bit; the tests hold both paths to float tolerance
                if (Native.level1(a)) Native.scal(1.0 / batchSize, a);
                else a.divi(batchSize);
            }
        }

        @Override
        public ScalUpdater clone() {
            return new ScalUpdater(network);
        }
    }
}
