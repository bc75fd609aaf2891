package claimsweep.model.fused;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The float passes of {@link FastGroupNormLayer} over native memory (see that class for the
 * formulas). NCHW input goes block by block (one example's group, L = C/G x H x W values, at most
 * 50 KB in the reference CNN: L2-resident); dense input row by row, all of a row's groups at once,
 * so the per-value loops run over the whole row with per-unit scale and shift arrays (the shape
 * C2 vectorizes, see {@link Rows}). Statistics and gradient sums are kept in double; per-value
 * work is in float.
 */
final class GroupNormFloat {
    private GroupNormFloat() {}

    /**
     * Per-channel float scale and shift of y = x scale + shift for channels [from, from + len) of a
     * group with mean m and inverse std inv. The backward pass calls this with the same arguments to
     * recompute ReLU's mask bit for bit.
     */
    private static void scaleShift(double[] gamma, double[] beta, double m, double inv, int from, int len,
                                   float[] sc, float[] sh) {
        for (int ch = from; ch < from + len; ch++) {
            double k = gamma[ch] * inv;
            sc[ch] = (float) k;
            sh[ch] = (float) (beta[ch] - m * k);
        }
    }

    static void forward(FloatBuffer xb, FloatBuffer yb, int n, int c, int s, int g, double[] gamma, double[] beta,
                        double eps, Act f, double[] mu, double[] is, Scratch scratch) {
        int cpg = c / g, len = cpg * s;
        float[] buf = scratch.floats(0, len * (s == 1 ? g : 1));
        float[] sc = new float[c];
        float[] sh = new float[c];
        boolean relu = f == Act.RELU; // fused into the affine pass: one pass over the values, not two
        for (int i = 0; i < n; i++) {
            if (s == 1) xb.get(i * c, buf, 0, c);
            for (int q = 0; q < g; q++) {
                int base = (i * c + q * cpg) * s;
                int from = s == 1 ? q * cpg : 0;
                if (s > 1) xb.get(base, buf, 0, len);
                float m = (float) (Lanes.sum(buf, from, len) / len);
                double inv = 1 / Math.sqrt(Lanes.centredSquares(buf, from, len, m) / len + eps);
                mu[i * g + q] = m;
                is[i * g + q] = inv;
                scaleShift(gamma, beta, m, inv, q * cpg, cpg, sc, sh);
                if (s > 1) {
                    for (int p = 0; p < cpg; p++) {
                        float a = sc[q * cpg + p], b = sh[q * cpg + p];
                        int lo = p * s, hi = lo + s;
                        if (relu) {
                            for (int k = lo; k < hi; k++) buf[k] = Math.max(buf[k] * a + b, 0f);
                        } else {
                            for (int k = lo; k < hi; k++) buf[k] = buf[k] * a + b;
                        }
                    }
                    if (!relu) f.applyInPlace(buf, len);
                    yb.put(base, buf, 0, len);
                }
            }
            if (s == 1) {
                if (relu) {
                    for (int j = 0; j < c; j++) buf[j] = Math.max(buf[j] * sc[j] + sh[j], 0f);
                } else {
                    for (int j = 0; j < c; j++) buf[j] = buf[j] * sc[j] + sh[j];
                    f.applyInPlace(buf, c);
                }
                yb.put(i * c, buf, 0, c);
            }
        }
    }

    /** ReLU's derivative at y as a float mask, branch-free (as in FastBatchNormLayer and Act). */
    private static float reluMask(float y) {
        return Math.min(Math.max(y, 0f) * 0x1p75f * 0x1p75f, 1f);
    }

    /**
     * dx into dxb and dGamma, dBeta (added to), from x, the incoming gradient e and the forward
     * output y (read only for activations other than ReLU and identity).
     */
    static void backward(FloatBuffer xb, FloatBuffer eb, FloatBuffer yb, FloatBuffer dxb, int n, int c, int s, int g,
                         double[] gamma, double[] beta, Act f, double[] mu, double[] is,
                         double[] dGamma, double[] dBeta, Scratch scratch) {
        if (s == 1) {
            backwardDense(xb, eb, yb, dxb, n, c, g, gamma, beta, f, mu, is, dGamma, dBeta, scratch);
            return;
        }
        int cpg = c / g, len = cpg * s;
        float[] bx = scratch.floats(0, len);
        float[] bd = scratch.floats(1, len);
        float[] by = f == Act.RELU || f == Act.IDENTITY ? null : scratch.floats(2, len);
        float[] sc = new float[c];
        float[] sh = new float[c];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < g; q++) {
                int base = (i * c + q * cpg) * s;
                double m = mu[i * g + q], inv = is[i * g + q];
                float mf = (float) m, invf = (float) inv;
                xb.get(base, bx, 0, len);
                eb.get(base, bd, 0, len);
                if (f == Act.RELU) {
                    scaleShift(gamma, beta, m, inv, q * cpg, cpg, sc, sh);
                    for (int p = 0; p < cpg; p++) {
                        float a = sc[q * cpg + p], b = sh[q * cpg + p];
                        for (int k = p * s, hi = k + s; k < hi; k++) bd[k] *= reluMask(bx[k] * a + b);
                    }
                } else if (by != null) {
                    yb.get(base, by, 0, len);
                    f.backpropInPlace(bd, by, len);
                }
                double sumDxhat = 0, sumDxhatXhat = 0;
                for (int p = 0; p < cpg; p++) {
                    int ch = q * cpg + p;
                    double sb = Lanes.sum(bd, p * s, s);
                    double sg = Lanes.centredDot(bd, bx, p * s, s, mf) * inv;
                    dBeta[ch] += sb;
                    dGamma[ch] += sg;
                    sumDxhat += gamma[ch] * sb;
                    sumDxhatXhat += gamma[ch] * sg;
                }
                // 1/std is applied last, so that dxhat - mean(dxhat) cancels exactly where it should
                // (an InstanceNorm block of one value), instead of leaving rounding times 1/std
                float b1 = (float) (sumDxhat / len), c1 = (float) (sumDxhatXhat / len);
                for (int p = 0; p < cpg; p++) {
                    float a1 = (float) gamma[q * cpg + p];
                    for (int k = p * s, hi = k + s; k < hi; k++) {
                        bd[k] = invf * (a1 * bd[k] - b1 - c1 * ((bx[k] - mf) * invf));
                    }
                }
                dxb.put(base, bd, 0, len);
            }
        }
    }

    /**
     * Dense input, row by row: dy (through the activation), xhat, the row's per-group sums, dx,
     * and the per-unit gradient sums accumulated in float over blocks of rows as in {@link Rows}.
     */
    private static void backwardDense(FloatBuffer xb, FloatBuffer eb, FloatBuffer yb, FloatBuffer dxb, int n, int c,
                                      int g, double[] gamma, double[] beta, Act f, double[] mu, double[] is,
                                      double[] dGamma, double[] dBeta, Scratch scratch) {
        int cpg = c / g;
        float[] rx = scratch.floats(0, c);
        float[] rd = scratch.floats(1, c);
        float[] ry = f == Act.RELU || f == Act.IDENTITY ? null : scratch.floats(2, c);
        float[] xh = scratch.floats(3, c);
        float[] gd = new float[c];
        float[] gf = new float[c];
        for (int j = 0; j < c; j++) gf[j] = (float) gamma[j];
        float[] sc = new float[c];
        float[] sh = new float[c];
        float[] sb = new float[c];
        float[] sg = new float[c];
        for (int r0 = 0; r0 < n; r0 += Rows.BLOCK) {
            Arrays.fill(sb, 0f);
            Arrays.fill(sg, 0f);
            for (int i = r0, end = Math.min(n, r0 + Rows.BLOCK); i < end; i++) {
                xb.get(i * c, rx, 0, c);
                eb.get(i * c, rd, 0, c);
                for (int q = 0; q < g; q++) {
                    double m = mu[i * g + q], inv = is[i * g + q];
                    if (f == Act.RELU) scaleShift(gamma, beta, m, inv, q * cpg, cpg, sc, sh);
                    float mf = (float) m, invf = (float) inv;
                    for (int j = q * cpg, hi = j + cpg; j < hi; j++) xh[j] = (rx[j] - mf) * invf;
                }
                if (f == Act.RELU) {
                    for (int j = 0; j < c; j++) rd[j] *= reluMask(rx[j] * sc[j] + sh[j]);
                } else if (ry != null) {
                    yb.get(i * c, ry, 0, c);
                    f.backpropInPlace(rd, ry, c);
                }
                for (int j = 0; j < c; j++) {
                    float d = rd[j];
                    sb[j] += d;
                    sg[j] += d * xh[j];
                    gd[j] = gf[j] * d;
                }
                for (int q = 0; q < g; q++) {
                    int from = q * cpg;
                    double inv = is[i * g + q];
                    float b1 = (float) (Lanes.sum(gd, from, cpg) / cpg);
                    float c1 = (float) (Lanes.centredDot(gd, xh, from, cpg, 0f) / cpg);
                    float invf = (float) inv;
                    for (int j = from, hi = from + cpg; j < hi; j++) rd[j] = invf * (gd[j] - b1 - c1 * xh[j]);
                }
                dxb.put(i * c, rd, 0, c);
            }
            for (int j = 0; j < c; j++) {
                dBeta[j] += sb[j];
                dGamma[j] += sg[j];
            }
        }
    }
}
