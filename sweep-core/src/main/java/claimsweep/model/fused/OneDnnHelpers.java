package claimsweep.model.fused;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;

/**
 * Turns on DL4J's native-op helpers for convolution, pooling and BatchNorm, which route those
 * layers to libnd4j's {@code conv2d}/{@code maxpool2d}/{@code batchnorm} ops (oneDNN kernels in the
 * oneDNN build) instead of Java-side im2col + gemm.
 *
 * <p>DL4J 1.0.0-M2.1 never enables them by itself: helpers are off by default
 * ({@code org.eclipse.deeplearning4j.helpers.disable=true}), and even when switched on,
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} looks the native environment up under its old class name
 * ({@code org.nd4j.nativeblas.Nd4jCpu$Environment}), fails, and disables them for good. So the
 * helpers are installed here directly. Measured on the reference CNN: 560 -> 118 ms/step
 * (docs/perf.md). The helpers handle float only; for other types they decline and DL4J's own
 * path runs, so gradient checks in double still test DL4J's implementation.
 */
public final class OneDnnHelpers {
    private OneDnnHelpers() {}

    /** Installs the helpers on every supported layer of a float network on the CPU backend; returns how many. */
    public static int install(MultiLayerNetwork net) {
        if (!"CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))) return 0;
        DataType t = net.getLayerWiseConfigurations().getDataType();
        if (t != DataType.FLOAT) return 0;
        int n = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof ConvolutionLayer) n += set(l, ConvolutionLayer.class, new MKLDNNConvHelper(t));
            else if (l instanceof SubsamplingLayer && !(l instanceof FastMaxPoolLayer)) {
                n += set(l, SubsamplingLayer.class, new MKLDNNSubsamplingHelper(t));
            }
            else if (l instanceof BatchNormalization bn && !(l instanceof FastBatchNormLayer) && !bn.layerConf().isLockGammaBeta()) {
                n += set(l, BatchNormalization.class, new MKLDNNBatchNormHelper(t));
            }
        }
        return n;
    }

    private static int set(Layer layer, Class<?> owner, Object helper) {
        try {
            Field f = owner.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(layer, helper);
            return 1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A DL4J version without the field: keep DL4J's own (slower, equally correct) path.
            return 0;
        }
    }
}
