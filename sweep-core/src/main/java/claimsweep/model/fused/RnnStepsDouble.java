package claimsweep.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * {@link RnnSteps} in double, for DL4J's gradient check: {@link RnnStepsDouble} line for line in
 * double precision (with {@code Math.tanh}); speed does not matter here.
 */
final class RnnStepsDouble extends RnnSteps {
    /** Row buffers: a the row being computed, r a second row read beside it (h or xhat), e a row of the output gradient; c1, c2 per-unit sums. */
    private final double[] a;
    private final double[] r;
    private final double[] e;
    private final double[] c1;
    private final double[] c2;
    private double[] bias;
    private double[] gain;
    /** Inference with BATCH_STEP: running mean and 1/sigma per trained step and unit. */
    private double[] runMean;
    private double[] runInv;
    private int trainedSteps;
    /** Normalized pre-activations of every step (time-major) and their 1/sigma: per row (LAYER) or per step and unit (BATCH_STEP). */
    private double[] xhat;
    private double[] inv;
    /** BATCH_STEP backward: one step's dL/dxhat, kept between its two passes. */
    private double[] stash;

    RnnStepsDouble(int n, Act act, FastRnn.Norm norm) {
        super(n, act, norm);
        a = new double[n];
        r = new double[n];
        e = new double[n];
        c1 = new double[n];
        c2 = new double[n];
    }

    private static double[] read(INDArray v) {
        double[] out = new double[(int) v.length()];
        Native.doubles(Native.dense(v)).get(0, out);
        return out;
    }

    @Override
    void beginForward(int mb, int steps, boolean training, INDArray b, INDArray g, INDArray mean, INDArray var) {
        this.mb = mb;
        this.steps = steps;
        this.training = training;
        bias = read(b);
        gain = g == null ? null : read(g);
        if (norm == FastRnn.Norm.NONE) return;
        boolean keep = training;
        if (keep && (xhat == null || xhat.length != steps * mb * n)) xhat = new double[steps * mb * n];
        int invLen = norm == FastRnn.Norm.LAYER ? steps * mb : steps * n;
        if (keep && (inv == null || inv.length != invLen)) inv = new double[invLen];
        if (norm == FastRnn.Norm.BATCH_STEP) {
            if (training) {
                batchMean = new double[steps * n];
                batchVar = new double[steps * n];
                if (stash == null || stash.length != mb * n) stash = new double[mb * n];
            } else {
                runMean = read(mean);
                double[] v = read(var);
                trainedSteps = v.length / n;
                runInv = new double[v.length];
                for (int i = 0; i < v.length; i++) runInv[i] = (1 / Math.sqrt(v[i] + FastRnn.EPS));
            }
        }
    }

    /** a = P(b, t), the step's pre-activation (the layer has added the recurrent term into P). */
    private void preActivation(DoubleBuffer p, int b, int t) {
        p.get((b * steps + t) * n, a, 0, n);
    }

    private void emit(DoubleBuffer hs, DoubleBuffer h, int b, int t) {
        act.applyInPlace(a, n);
        hs.put((t * mb + b) * n, a, 0, n);
        if (h != null) h.put((b * steps + t) * n, a, 0, n);
    }

    @Override
    void forwardStep(int t, INDArray pa, INDArray hsa, INDArray ha) {
        DoubleBuffer p = Native.doubles(pa);
        DoubleBuffer hs = Native.doubles(hsa);
        DoubleBuffer h = ha == null ? null : Native.doubles(ha);
        if (norm == FastRnn.Norm.BATCH_STEP) {
            if (training) batchStepForward(t, p, hs, h);
            else runningStepForward(t, p, hs, h);
            return;
        }
        for (int b = 0; b < mb; b++) {
            preActivation(p, b, t);
            if (norm == FastRnn.Norm.NONE) {
                for (int j = 0; j < n; j++) a[j] += bias[j];
            } else {
                double mu = sum(a, n) / n;
                for (int j = 0; j < n; j++) r[j] = a[j] - mu;
                double is = (1 / Math.sqrt(dot(r, r, n) / n + FastRnn.EPS));
                for (int j = 0; j < n; j++) a[j] = r[j] * is;
                if (training) {
                    System.arraycopy(a, 0, xhat, (t * mb + b) * n, n);
                    inv[t * mb + b] = is;
                }
                for (int j = 0; j < n; j++) a[j] = a[j] * gain[j] + bias[j];
            }
            emit(hs, h, b, t);
        }
    }

    private void batchStepForward(int t, DoubleBuffer p, DoubleBuffer hs, DoubleBuffer h) {
        int base = t * mb * n;
        Arrays.fill(c1, 0.0);
        for (int b = 0; b < mb; b++) {
            preActivation(p, b, t);
            System.arraycopy(a, 0, xhat, base + b * n, n);
            for (int j = 0; j < n; j++) c1[j] += a[j];
        }
        for (int j = 0; j < n; j++) c1[j] /= mb;
        Arrays.fill(c2, 0.0);
        for (int b = 0; b < mb; b++) {
            System.arraycopy(xhat, base + b * n, a, 0, n);
            for (int j = 0; j < n; j++) {
                double d = a[j] - c1[j];
                c2[j] += d * d;
            }
        }
        for (int j = 0; j < n; j++) {
            batchMean[t * n + j] = c1[j];
            batchVar[t * n + j] = c2[j] / mb;
            c2[j] = (1 / Math.sqrt(c2[j] / mb + FastRnn.EPS));
            inv[t * n + j] = c2[j];
        }
        for (int b = 0; b < mb; b++) {
            System.arraycopy(xhat, base + b * n, a, 0, n);
            for (int j = 0; j < n; j++) a[j] = (a[j] - c1[j]) * c2[j];
            System.arraycopy(a, 0, xhat, base + b * n, n);
            for (int j = 0; j < n; j++) a[j] = a[j] * gain[j] + bias[j];
            emit(hs, h, b, t);
        }
    }

    private void runningStepForward(int t, DoubleBuffer p, DoubleBuffer hs, DoubleBuffer h) {
        int s = Math.min(t, trainedSteps - 1) * n;
        for (int j = 0; j < n; j++) {
            c2[j] = runInv[s + j] * gain[j];
            c1[j] = bias[j] - runMean[s + j] * c2[j];
        }
        for (int b = 0; b < mb; b++) {
            preActivation(p, b, t);
            for (int j = 0; j < n; j++) a[j] = a[j] * c2[j] + c1[j];
            emit(hs, h, b, t);
        }
    }

    /** a = dL/dz (z the activation's input) for row b of step t, from G, eps and the output h. */
    private void activationGradient(DoubleBuffer g, DoubleBuffer eps, boolean lastOnly, DoubleBuffer hs, int b, int t) {
        int at = (lastOnly ? b : b * steps + t) * n;
        boolean withEps = !lastOnly || t == steps - 1;
        if (g != null) {
            g.get(b * n, a, 0, n);
            if (withEps) {
                eps.get(at, e, 0, n);
                for (int j = 0; j < n; j++) a[j] += e[j];
            }
        } else if (withEps) {
            eps.get(at, a, 0, n);
        } else {
            Arrays.fill(a, 0.0);
        }
        hs.get((t * mb + b) * n, r, 0, n);
        act.backpropInPlace(a, r, n);
    }

    @Override
    void backwardStep(int t, INDArray ga, INDArray epsa, boolean lastOnly, INDArray hsa, INDArray dzsa, INDArray dza) {
        DoubleBuffer g = ga == null ? null : Native.doubles(ga);
        DoubleBuffer eps = Native.doubles(epsa);
        DoubleBuffer hs = Native.doubles(hsa);
        DoubleBuffer dzs = Native.doubles(dzsa);
        DoubleBuffer dz = Native.doubles(dza);
        int base = t * mb * n;
        // c1: this step's bias gradient, c2: its gain gradient
        Arrays.fill(c1, 0.0);
        Arrays.fill(c2, 0.0);
        double[] m1 = null;
        double[] m2 = null;
        for (int b = 0; b < mb; b++) {
            activationGradient(g, eps, lastOnly, hs, b, t);
            for (int j = 0; j < n; j++) c1[j] += a[j];
            if (norm != FastRnn.Norm.NONE) {
                System.arraycopy(xhat, base + b * n, r, 0, n);
                for (int j = 0; j < n; j++) {
                    c2[j] += a[j] * r[j];
                    a[j] *= gain[j];
                }
                if (norm == FastRnn.Norm.BATCH_STEP) {
                    System.arraycopy(a, 0, stash, b * n, n);
                    continue;
                }
                double s1 = sum(a, n) / n;
                double s2 = dot(a, r, n) / n;
                double is = inv[t * mb + b];
                for (int j = 0; j < n; j++) a[j] = is * (a[j] - s1 - r[j] * s2);
            }
            dzs.put(base + b * n, a, 0, n);
            dz.put((b * steps + t) * n, a, 0, n);
        }
        for (int j = 0; j < n; j++) {
            db[j] += c1[j];
            dg[j] += c2[j];
        }
        if (norm == FastRnn.Norm.BATCH_STEP) batchStepBackward(t, dzs, dz);
    }

    /** dz = (1/sigma) (dxhat - mean_b dxhat - xhat mean_b(dxhat xhat)), column by column over the step's batch. */
    private void batchStepBackward(int t, DoubleBuffer dzs, DoubleBuffer dz) {
        int base = t * mb * n;
        Arrays.fill(c1, 0.0);
        Arrays.fill(c2, 0.0);
        for (int b = 0; b < mb; b++) {
            System.arraycopy(stash, b * n, a, 0, n);
            System.arraycopy(xhat, base + b * n, r, 0, n);
            for (int j = 0; j < n; j++) {
                c1[j] += a[j];
                c2[j] += a[j] * r[j];
            }
        }
        System.arraycopy(inv, t * n, e, 0, n);
        for (int j = 0; j < n; j++) {
            c1[j] /= mb;
            c2[j] /= mb;
        }
        for (int b = 0; b < mb; b++) {
            System.arraycopy(stash, b * n, a, 0, n);
            System.arraycopy(xhat, base + b * n, r, 0, n);
            for (int j = 0; j < n; j++) a[j] = e[j] * (a[j] - c1[j] - r[j] * c2[j]);
            dzs.put(base + b * n, a, 0, n);
            dz.put((b * steps + t) * n, a, 0, n);
        }
    }

    static double sum(double[] v, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            s0 += v[j];
            s1 += v[j + 1];
            s2 += v[j + 2];
            s3 += v[j + 3];
            s4 += v[j + 4];
            s5 += v[j + 5];
            s6 += v[j + 6];
            s7 += v[j + 7];
        }
        for (; j < n; j++) s0 += v[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static double dot(double[] u, double[] v, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            s0 += u[j] * v[j];
            s1 += u[j + 1] * v[j + 1];
            s2 += u[j + 2] * v[j + 2];
            s3 += u[j + 3] * v[j + 3];
            s4 += u[j + 4] * v[j + 4];
            s5 += u[j + 5] * v[j + 5];
            s6 += u[j + 6] * v[j + 6];
            s7 += u[j + 7] * v[j + 7];
        }
        for (; j < n; j++) s0 += u[j] * v[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
