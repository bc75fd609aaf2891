package claimsweep.data;

import claimsweep.spec.DataConfig.Inputs;

/**
 * Turns stored bytes into network inputs with the run's input treatment:
 * {@code raw} keeps 0..255, {@code scaled} divides by 255, {@code standardized} subtracts the
 * training subset's pixel mean and divides by its standard deviation (one scalar each, computed on
 * the scaled training pixels, and applied unchanged to validation and test).
 */
public final class Features {
    /** {@code x -> (x * scale - shift) / divisor} per pixel byte x. */
    public record Treatment(Inputs name, double scale, double shift, double divisor) {
        float apply(int b) {
            return (float) ((b * scale - shift) / divisor);
        }

        /** A blank (0) pixel after the treatment: what augmentation fills uncovered pixels with. */
        public float blank() {
            return apply(0);
        }
    }

    private Features() {}

    public static Treatment treatment(Inputs name, LabeledImages train, int[] trainIdx) {
        return switch (name) {
            case RAW -> new Treatment(name, 1.0, 0.0, 1.0);
            case SCALED -> new Treatment(name, 1.0 / 255.0, 0.0, 1.0);
            case STANDARDIZED -> {
                double sum = 0;
                double sumSq = 0;
                int per = train.pixelsPerImage();
                byte[] px = train.pixelArray();
                for (int i : trainIdx) {
                    int off = i * per;
                    for (int p = 0; p < per; p++) {
                        double v = (px[off + p] & 0xff) / 255.0;
                        sum += v;
                        sumSq += v * v;
                    }
                }
                double n = (double) trainIdx.length * per;
                double mean = sum / n;
                double std = Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12));
                yield new Treatment(name, 1.0 / 255.0, mean, std);
            }
        };
    }

    /** Rows {@code idx} of {@code images}, treated, as one row-major float array. */
    public static float[] rows(LabeledImages images, int[] idx, Treatment t) {
        int per = images.pixelsPerImage();
        float[] lut = new float[256];
        for (int b = 0; b < 256; b++) lut[b] = t.apply(b);
        float[] out = new float[idx.length * per];
        byte[] px = images.pixelArray();
        for (int r = 0; r < idx.length; r++) {
            int src = idx[r] * per;
            int dst = r * per;
            for (int p = 0; p < per; p++) out[dst + p] = lut[px[src + p] & 0xff];
        }
        return out;
    }

    public static int[] labels(LabeledImages images, int[] idx) {
        int[] out = new int[idx.length];
        for (int r = 0; r < idx.length; r++) out[r] = images.label(idx[r]);
        return out;
    }

    public static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
