package claimsweep.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and backward pass of {@link GroupNormalization}.
 *
 * <p>With x viewed as {@code [N, G, M]} (M = channels per group x positions), each (n, g) row is
 * normalized: {@code xhat = (x - mean) / sqrt(var + eps)}, and {@code y = gamma[c] * xhat + beta[c]}.
 * Backward, with {@code dxhat = dy * gamma[c]}, the standard result for normalizing over a row is
 * {@code dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sqrt(var + eps)} (means over M).
 * The statistics are recomputed in the backward pass instead of cached across DL4J's workspaces:
 * simpler to get right; the extra cost is one normalization per step.
 */
public class GroupNormalizationLayer extends BaseLayer<GroupNormalization> {
    private static final long serialVersionUID = 1L;

    public GroupNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    /** Normalized activations as {@code [N, G, M]} plus the per-row standard deviation {@code [N, G]}. */
    private record Normalized(INDArray xhat3, INDArray std) {}

    private Normalized normalize(INDArray x) {
        long n = x.size(0);
        int g = layerConf().getGroups();
        long m = x.length() / (n * g);
        INDArray x3 = x.castTo(dataType).dup('c').reshape('c', n, g, m);
        INDArray mean = x3.mean(2);
        INDArray std = Transforms.sqrt(x3.var(false, 2).addi(layerConf().getEps()), false);
        INDArray xhat3 = Nd4j.createUninitialized(dataType, x3.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x3, mean, xhat3, 0, 1));
        Nd4j.getExecutioner().exec(new BroadcastDivOp(xhat3, std, xhat3, 0, 1));
        return new Normalized(xhat3, std);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkShape(input);
        Normalized nz = normalize(input);
        INDArray xhat = nz.xhat3().reshape('c', input.shape());
        INDArray gamma = getParam(GroupNormParamInitializer.GAMMA);
        INDArray beta = getParam(GroupNormParamInitializer.BETA);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(xhat, gamma, out, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(out, beta, out, 1));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long n = input.size(0);
        int g = layerConf().getGroups();
        long m = input.length() / (n * g);
        int[] nonChannel = input.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};

        Normalized nz = normalize(input);
        INDArray eps = epsilon.castTo(dataType).dup('c');
        INDArray xhat = nz.xhat3().reshape('c', input.shape());
        INDArray gamma = getParam(GroupNormParamInitializer.GAMMA);

        INDArray dGamma = eps.mul(xhat).sum(nonChannel);
        INDArray dBeta = eps.sum(nonChannel);

        INDArray dxhat = Nd4j.createUninitialized(dataType, eps.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(eps, gamma, dxhat, 1));
        INDArray dxhat3 = dxhat.reshape('c', n, g, m);
        INDArray meanDxhat = dxhat3.mean(2);
        INDArray meanDxhatXhat = dxhat3.mul(nz.xhat3()).mean(2);

        INDArray proj = Nd4j.createUninitialized(dataType, dxhat3.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(nz.xhat3(), meanDxhatXhat, proj, 0, 1));
        INDArray dx3 = Nd4j.createUninitialized(dataType, dxhat3.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastSubOp(dxhat3, meanDxhat, dx3, 0, 1));
        dx3.subi(proj);
        Nd4j.getExecutioner().exec(new BroadcastDivOp(dx3, nz.std(), dx3, 0, 1));

        INDArray dGammaView = gradientViews.get(GroupNormParamInitializer.GAMMA);
        INDArray dBetaView = gradientViews.get(GroupNormParamInitializer.BETA);
        dGammaView.assign(dGamma.reshape(dGammaView.shape()));
        dBetaView.assign(dBeta.reshape(dBetaView.shape()));
        Gradient grad = new DefaultGradient();
        grad.setGradientFor(GroupNormParamInitializer.GAMMA, dGammaView);
        grad.setGradientFor(GroupNormParamInitializer.BETA, dBetaView);

        INDArray dx = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx3.reshape('c', input.shape()));
        return new Pair<>(grad, dx);
    }

    private void checkShape(INDArray x) {
        if (x.rank() != 2 && x.rank() != 4) {
            throw new IllegalStateException("GroupNormalization takes [N,C] or [N,C,H,W] input, got shape "
                    + java.util.Arrays.toString(x.shape()) + " " + layerId());
        }
        if (x.size(1) % layerConf().getGroups() != 0) {
            throw new IllegalStateException(layerConf().getGroups() + " groups do not divide " + x.size(1)
                    + " channels " + layerId());
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("GroupNormalization is trained by backprop only");
    }
}
