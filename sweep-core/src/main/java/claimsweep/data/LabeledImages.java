package claimsweep.data;

/**
 * Images with labels, as stored: unsigned bytes, row-major, {@code rows x cols} per image. Shared
 * read-only between the runs of one JVM; nobody writes into the arrays after loading.
 */
public final class LabeledImages {
    private final byte[] pixels;
    private final byte[] labels;
    private final int rows;
    private final int cols;

    public LabeledImages(byte[] pixels, byte[] labels, int rows, int cols) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("bad image size " + rows + "x" + cols);
        if (pixels.length != labels.length * rows * cols) {
            throw new IllegalArgumentException(labels.length + " labels but " + pixels.length / (rows * cols) + " images");
        }
        for (byte l : labels) {
            if (l < 0 || l >= DatasetCatalog.CLASSES) {
                throw new IllegalArgumentException("label " + l + " outside 0.." + (DatasetCatalog.CLASSES - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
    }

    public int count() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Pixel {@code p} of image {@code i} as 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * rows * cols + p] & 0xff;
    }

    /** Direct read access for hot loops; callers must not modify it. */
    byte[] pixelArray() {
        return pixels;
    }

    /** Labels as 0..9 ints. */
    public int[] labelArray() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) out[i] = labels[i];
        return out;
    }
}
