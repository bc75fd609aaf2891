package claimsweep.model.fused;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The gradient through a convolution layer's activation from the layer's kept output,
 * dz = da f'(a), streamed between native memory and a small buffer ({@link Act} computes f' from
 * the output), for {@link FastConvLayer}'s lean backward pass.
 */
final class ConvActivations {
    /** Values per chunk: 16 KB per buffer, L1-resident. */
    private static final int CHUNK = 4096;

    private ConvActivations() {}

    static boolean supports(IActivation f) {
        try {
            Act.of(f);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** da f'(a) as a new float array of da's shape; a is the activation's output. */
    static INDArray gradient(INDArray da, INDArray a, IActivation f, LayerWorkspaceMgr mgr) {
        Act act = Act.of(f);
        INDArray g = Native.dense(da);
        INDArray out = Native.dense(a);
        INDArray dz = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, g.shape(), 'c');
        FloatBuffer gb = Native.floats(g), ab = Native.floats(out), zb = Native.floats(dz);
        int n = Math.toIntExact(g.length());
        float[] bg = new float[Math.min(CHUNK, n)];
        float[] ba = new float[bg.length];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            gb.get(off, bg, 0, len);
            ab.get(off, ba, 0, len);
            act.backpropInPlace(bg, ba, len);
            zb.put(off, bg, 0, len);
        }
        return dz;
    }
}
