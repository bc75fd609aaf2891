package claimsweep.model.fused;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * Implementation of {@link FastConv}: DL4J's convolution layer with two kinds of waste removed
 * from its backward pass, both measured with oneDNN's verbose log on the reference CNN
 * (docs/perf.md, session 5):
 * <ul>
 * <li>DL4J's backprop runs the forward convolution again to get the pre-activation z for the
 *     activation's derivative. With the identity activation (every conv here: BatchNorm and the
 *     nonlinearity follow) the derivative needs no z, so the incoming gradient goes straight to
 *     the conv helper's backward op: one forward convolution and its layout reorders saved per
 *     layer and step.</li>
 * <li>The first layer's input gradient (the gradient with respect to the images) is never used,
 *     yet oneDNN's backward-data pass for it cost ~4 ms of a ~35 ms step. For the first layer
 *     only the weight and bias gradients are computed: im2col in Java and one sgemm per image.</li>
 * </ul>
 * Any other case (another activation, dropout, weight noise, NHWC, strides or dilation other
 * than 1 on the first layer, a double network) runs DL4J's own backward pass unchanged.
 */
final class FastConvLayer extends ConvolutionLayer {
    private static final String W = ConvolutionParamInitializer.WEIGHT_KEY;
    private static final String B = ConvolutionParamInitializer.BIAS_KEY;
    /** Slots: 0 the input, 1 a row of zeros. */
    private final Scratch scratch = new Scratch(2);
    /** The im2col matrices and the [oc, k + 1] weight-and-bias gradient in native memory for sgemm, kept between steps (outside any workspace). */
    private INDArray colsNative;
    private INDArray gradNative;
    /** Set by {@link SweepNetwork} while a caller wants the gradient with respect to the network's input. */
    private boolean inputGradientWanted;
    /** A training pass's input and output when the layer has an activation (see {@link #activate}). */
    private INDArray keptInput;
    private INDArray keptOutput;
    /** Backward passes that computed only the parameter gradients (for the tests). */
    int parameterOnlyPasses;

    FastConvLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    void setInputGradientWanted(boolean wanted) {
        inputGradientWanted = wanted;
    }

    private boolean lean(INDArray epsilon) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        return dataType == DataType.FLOAT && input.dataType() == DataType.FLOAT && epsilon.dataType() == DataType.FLOAT
                && input.rank() == 4 && (c.getActivationFn() instanceof ActivationIdentity || keptFor(input))
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && c.getIDropout() == null && c.getWeightNoise() == null
                && hasBias();
    }

    /**
     * With an activation (the CNN without normalization: conv + ReLU), a training pass keeps its
     * output so that the backward pass can form dz = da f'(a) from it (ConvActivations) instead
     * of DL4J's second forward convolution for z (measured: the no-norm CNN ran at 1.65x
     * PyTorch, slower than the CNN with BatchNorm; docs/perf.md, session 7).
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        INDArray a = super.activate(training, mgr);
        boolean keep = training && !(layerConf().getActivationFn() instanceof ActivationIdentity) && ConvActivations.supports(layerConf().getActivationFn());
        keptInput = keep ? input : null;
        keptOutput = keep ? a : null;
        return a;
    }

    private boolean keptFor(INDArray x) {
        return keptOutput != null && keptInput == x && keptOutput.dataType() == DataType.FLOAT;
    }

    /** Top and left padding, as DL4J computes it for this input. */
    private int[] padding() {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize(), strides = c.getStride(), dilation = c.getDilation();
        if (convolutionMode == ConvolutionMode.Same) {
            int[] outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, null, convolutionMode, dilation, CNN2DFormat.NCHW);
            return ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {(int) input.size(2), (int) input.size(3)},
                    kernel, strides, dilation);
        }
        return c.getPadding();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (!lean(epsilon)) return super.backpropGradient(epsilon, mgr);
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        if (keptFor(input)) epsilon = ConvActivations.gradient(epsilon, keptOutput, c.getActivationFn(), mgr);
        keptInput = null;
        keptOutput = null;
        boolean unitSteps = Arrays.equals(c.getStride(), new int[] {1, 1}) && Arrays.equals(c.getDilation(), new int[] {1, 1});
        if (getIndex() == 0 && !inputGradientWanted && unitSteps && Native.isDense(gradientViews.get(W))) {
            parameterOnlyPasses++;
            return parameterGradientsOnly(Native.dense(epsilon), mgr);
        }
        if (helper == null) return super.backpropGradient(epsilon, mgr);
        Pair<Gradient, INDArray> ret = helper.backpropGradient(input, getParam(W), getParam(B), epsilon, c.getKernelSize(),
                c.getStride(), padding(), gradientViews.get(B), gradientViews.get(W), c.getActivationFn(), c.getCudnnAlgoMode(),
                c.getCudnnBwdFilterAlgo(), c.getCudnnBwdDataAlgo(), convolutionMode, c.getDilation(), CNN2DFormat.NCHW, mgr);
        return ret != null ? ret : super.backpropGradient(epsilon, mgr);
    }

    /**
     * dW[o][(c, ky, kx)] = sum over images n of eps_n[o][p] cols_n[(c, ky, kx)][p], where cols_n is
     * image n unrolled (im2col: row (c, ky, kx) holds the input values each output position p sees
     * through that kernel tap, zero in the padding); db[o] = sum of eps over images and positions,
     * the same sgemm's product with a row of ones. One small sgemm per image: a single call over
     * the whole batch (K = N x P) was slower here, 4.6 against 3.1 ms per step.
     * Returns an all-zero input gradient, which nothing reads (the network's first layer).
     */
    private Pair<Gradient, INDArray> parameterGradientsOnly(INDArray eps, LayerWorkspaceMgr mgr) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
        INDArray x = Native.dense(input);
        int n = (int) x.size(0), ic = (int) x.size(1), h = (int) x.size(2), w = (int) x.size(3);
        int oc = (int) eps.size(1), oh = (int) eps.size(2), ow = (int) eps.size(3);
        int kh = conf.getKernelSize()[0], kw = conf.getKernelSize()[1];
        int[] pad = padding();
        int k = ic * kh * kw, p = oh * ow;

        float[] xv = scratch.floats(0, n * ic * h * w);
        Native.floats(x).get(0, xv);
        // per image, rows 0..k-1 the unrolled input and row k all ones: the ones row makes the
        // sgemm's last output column the bias gradient, so eps never leaves native memory. The
        // matrices are written straight into native memory (building them in a Java array and
        // copying them over took 2.1 of the pass's 3.1 ms; docs/perf.md, session 6).
        int k1 = k + 1;
        if (colsNative == null || colsNative.length() != (long) n * k1 * p) {
            colsNative = Nd4j.createUninitializedDetached(DataType.FLOAT, (long) n * k1 * p);
            gradNative = Nd4j.createUninitializedDetached(DataType.FLOAT, (long) oc * k1);
            FloatBuffer init = Native.floats(colsNative);
            float[] ones = new float[p];
            Arrays.fill(ones, 1f);
            for (int img = 0; img < n; img++) init.put((img * k1 + k) * p, ones, 0, p); // constant: written once
        }
        FloatBuffer cols = Native.floats(colsNative);
        float[] zeroRow = scratch.floats(1, p);
        Arrays.fill(zeroRow, 0f);
        for (int img = 0; img < n; img++) {
            for (int ch = 0; ch < ic; ch++) {
                int plane = (img * ic + ch) * h * w;
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        int row = ((img * k1) + (ch * kh + ky) * kw + kx) * p;
                        // output (y, xo) sees input (y + dy, xo + dx), zero outside the image
                        int dy = ky - pad[0], dx = kx - pad[1];
                        int y0 = Math.max(0, -dy), y1 = Math.min(oh, h - dy);
                        int x0 = Math.max(0, -dx), x1 = Math.min(ow, w - dx);
                        if (y1 <= y0 || x1 <= x0) {
                            cols.put(row, zeroRow, 0, p);
                            continue;
                        }
                        cols.put(row, zeroRow, 0, y0 * ow);
                        cols.put(row + y1 * ow, zeroRow, 0, (oh - y1) * ow);
                        if (ow == w) {
                            // output and input rows share a pitch: rows y0..y1-1 are one contiguous
                            // span of the image shifted by dy * w + dx; then re-zero the few entries
                            // that wrapped across a row edge (x + dx outside the image)
                            int from = Math.max(y0 * ow, -(dy * w + dx)), to = Math.min(y1 * ow, h * w - (dy * w + dx));
                            cols.put(row + from, xv, plane + from + dy * w + dx, to - from);
                            for (int y = y0; y < y1; y++) {
                                for (int xo = 0; xo < x0; xo++) cols.put(row + y * ow + xo, 0f);
                                for (int xo = x1; xo < ow; xo++) cols.put(row + y * ow + xo, 0f);
                            }
                        } else {
                            for (int y = y0; y < y1; y++) {
                                int dst = row + y * ow;
                                cols.put(dst, zeroRow, 0, x0);
                                cols.put(dst + x0, xv, plane + (y + dy) * w + x0 + dx, x1 - x0);
                                cols.put(dst + x1, zeroRow, 0, ow - x1);
                            }
                        }
                    }
                }
            }
        }
        FloatPointer e = (FloatPointer) eps.data().addressPointer();
        FloatPointer cp = (FloatPointer) colsNative.data().addressPointer();
        for (int img = 0; img < n; img++) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, oc, k1, p, 1f,
                    new FloatPointer(e).position(e.position() + (long) img * oc * p), p,
                    new FloatPointer(cp).position(cp.position() + (long) img * k1 * p), p,
                    img == 0 ? 0f : 1f, (FloatPointer) gradNative.data().addressPointer(), k1);
        }
        float[] gw = new float[oc * k1];
        Native.floats(gradNative).get(0, gw);
        float[] dwv = new float[oc * k];
        double[] db = new double[oc];
        for (int o = 0; o < oc; o++) {
            System.arraycopy(gw, o * k1, dwv, o * k, k);
            db[o] = gw[o * k1 + k];
        }
        INDArray dw = gradientViews.get(W);
        Native.floats(dw).put(0, dwv);
        INDArray dbView = gradientViews.get(B);
        Vec.writeAny(dbView, db);

        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(B, dbView);
        g.gradientForVariable().put(W, dw);
        INDArray zeros = mgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        return new Pair<>(g, zeros);
    }
}
