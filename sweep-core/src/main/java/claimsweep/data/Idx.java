package claimsweep.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of the MNIST family (big-endian): magic {@code 0x00000803} then count, rows,
 * columns and unsigned bytes for images; magic {@code 0x00000801}, count and bytes for labels.
 * Files may be gzipped (detected by content, not by name).
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /** Images as read: {@code pixels} holds count x rows x cols unsigned bytes, row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataException(file + ": wrong magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000803 (an IDX image file); re-run scripts/fetch-data --force");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n < 0 || rows <= 0 || cols <= 0 || (long) n * rows * cols > Integer.MAX_VALUE) {
                throw new DataException(file + ": implausible IDX header (count " + n + ", " + rows + "x" + cols + ")");
            }
            byte[] px = readExactly(in, n * rows * cols, file, "pixel");
            return new Images(n, rows, cols, px);
        } catch (EOFException e) {
            throw new DataException(file + ": truncated IDX header; re-run scripts/fetch-data --force", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + "); re-run scripts/fetch-data --force", e);
        }
    }

    public static byte[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataException(file + ": wrong magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000801 (an IDX label file); re-run scripts/fetch-data --force");
            }
            int n = in.readInt();
            if (n < 0) throw new DataException(file + ": implausible IDX label count " + n);
            return readExactly(in, n, file, "label");
        } catch (EOFException e) {
            throw new DataException(file + ": truncated IDX header; re-run scripts/fetch-data --force", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + "); re-run scripts/fetch-data --force", e);
        }
    }

    public static void writeImages(OutputStream out, int rows, int cols, byte[] pixels) throws IOException {
        int per = rows * cols;
        if (pixels.length % per != 0) throw new IllegalArgumentException("pixels not a multiple of " + per);
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(IMAGES_MAGIC);
        d.writeInt(pixels.length / per);
        d.writeInt(rows);
        d.writeInt(cols);
        d.write(pixels);
        d.flush();
    }

    public static void writeLabels(OutputStream out, byte[] labels) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(LABELS_MAGIC);
        d.writeInt(labels.length);
        d.write(labels);
        d.flush();
    }

    /** Bytes of a whole IDX image file, for checksumming and tests. */
    public static byte[] imagesBytes(int rows, int cols, byte[] pixels) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(16 + pixels.length);
        try {
            writeImages(b, rows, cols, pixels);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": missing; run scripts/fetch-data (or point --data-dir at a folder with the IDX files)");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new DataInputStream(in);
    }

    private static byte[] readExactly(InputStream in, int n, Path file, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new DataException(file + ": truncated, " + b.length + " of " + n + " " + what
                    + " bytes present; re-run scripts/fetch-data --force");
        }
        return b;
    }
}
