package claimsweep.model.fused;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's MultiLayerNetwork with its gradient handed to the updater in the form the updater
 * recognizes as the network's own.
 *
 * <p>Why: in 1.0.0-M2.1 the updater decides whether a gradient is "external" (computed by another
 * network) by object identity, {@code gradient.gradient() != getFlattenedGradientsView()}, but
 * {@code DefaultGradient.gradient()} returns a fresh reshaped view on every call, so every step of
 * every network took the external path: each step rebuilt views of every parameter and gradient
 * block (about 30 ND4J view creations, 13% of an MLP step at batch 64 in a JFR profile). The
 * gradient returned here answers with the network's flattened gradient array itself, so the
 * updater takes its standard path over the same memory, with the views it built once. The
 * arithmetic is the same; {@code SweepNetworkTest} checks training matches a plain network.
 */
public class SweepNetwork extends MultiLayerNetwork {
    public SweepNetwork(MultiLayerConfiguration conf) {
        super(conf);
    }

    /**
     * Installs {@link SweepSolver} where DL4J would lazily create its stock solver. The entry
     * points this project uses (fit on a DataSet, the updater accessors) go through here; any
     * other path gets DL4J's solver, which computes the same, only slower.
     */
    private void installSolver() {
        if (solver == null && SweepSolver.applies(conf())) solver = new SweepSolver(conf(), getListeners(), this);
    }

    @Override
    public void init(INDArray parameters, boolean cloneParametersArray) {
        installSolver(); // before DL4J's init builds its own solver; the optimizer is built lazily, after the layers
        super.init(parameters, cloneParametersArray);
    }

    @Override
    public void fit(org.nd4j.linalg.dataset.api.DataSet data) {
        installSolver();
        super.fit(data);
    }

    @Override
    public void fit(org.nd4j.linalg.dataset.api.iterator.DataSetIterator iterator) {
        installSolver();
        super.fit(iterator);
    }

    @Override
    public org.deeplearning4j.nn.api.Updater getUpdater(boolean initializeIfReq) {
        if (initializeIfReq) installSolver();
        return super.getUpdater(initializeIfReq);
    }

    @Override
    public void setUpdater(org.deeplearning4j.nn.api.Updater updater) {
        installSolver();
        super.setUpdater(updater);
    }

    /**
     * Every backward pass goes through here; when the caller wants the gradient with respect to
     * the network's input ({@code calculateGradients}, {@code backpropGradient}), the fused first
     * layer computes it too (in training it skips it, as nothing reads it).
     */
    @Override
    protected org.nd4j.common.primitives.Pair<Gradient, INDArray> calcBackpropGradients(INDArray epsilon,
            boolean withOutputLayer, boolean tbptt, boolean returnInputActGrad) {
        FastConvLayer first = getnLayers() > 0 && getLayer(0) instanceof FastConvLayer f ? f : null;
        if (first != null) first.setInputGradientWanted(returnInputActGrad);
        try {
            return super.calcBackpropGradients(epsilon, withOutputLayer, tbptt, returnInputActGrad);
        } finally {
            if (first != null) first.setInputGradientWanted(false);
        }
    }

    @Override
    public void computeGradientAndScore() {
        super.computeGradientAndScore();
        if (gradient != null && flattenedGradients != null && !(gradient instanceof OwnGradient)) {
            gradient = new OwnGradient(flattenedGradients, gradient);
        }
    }

    /** A gradient whose flattened form is exactly the network's gradient array (not a new view of it). */
    static final class OwnGradient extends DefaultGradient {
        private final INDArray flat;

        OwnGradient(INDArray flat, Gradient from) {
            super(flat);
            this.flat = flat;
            gradientForVariable().putAll(from.gradientForVariable());
        }

        @Override
        public INDArray gradient() {
            return flat;
        }
    }
}
