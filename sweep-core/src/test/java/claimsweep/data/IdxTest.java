package claimsweep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxTest {
    @TempDir
    Path dir;

    private static byte[] pixels(int n) {
        byte[] px = new byte[n * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
        return px;
    }

    private Path gz(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(content);
        }
        return f;
    }

    @Test
    void roundTripsPlainAndGzipped() throws IOException {
        byte[] px = pixels(3);
        Path plain = dir.resolve("a-idx3-ubyte");
        Files.write(plain, Idx.imagesBytes(2, 2, px));
        Path zipped = gz("a-idx3-ubyte.gz", Idx.imagesBytes(2, 2, px));
        for (Path f : new Path[] {plain, zipped}) {
            Idx.Images im = Idx.readImages(f);
            assertEquals(3, im.count());
            assertEquals(2, im.rows());
            assertArrayEquals(px, im.pixels());
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Idx.writeLabels(b, new byte[] {1, 2, 9});
        Path labels = gz("l-idx1-ubyte.gz", b.toByteArray());
        assertArrayEquals(new byte[] {1, 2, 9}, Idx.readLabels(labels));
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Idx.writeLabels(b, new byte[] {1});
        Path f = gz("x-idx3-ubyte.gz", b.toByteArray()); // a label file where images are expected
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("wrong magic number 0x801"), e.getMessage());
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        byte[] whole = Idx.imagesBytes(2, 2, pixels(5));
        Path f = gz("t-idx3-ubyte.gz", Arrays.copyOf(whole, whole.length - 3));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path header = gz("h-idx3-ubyte.gz", Arrays.copyOf(whole, 6));
        assertTrue(assertThrows(DataException.class, () -> Idx.readImages(header)).getMessage().contains("truncated"));
    }

    @Test
    void missingFileTellsHowToFetch() {
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(dir.resolve("nope.gz")));
        assertTrue(e.getMessage().contains("scripts/fetch-data"), e.getMessage());
    }

    /** A tiny but complete data set folder with its manifest. */
    private Path tinyDataset() throws IOException {
        Path d = Files.createDirectories(dir.resolve("tiny"));
        byte[] labels = new byte[20];
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) (i % 10);
        byte[] px = new byte[20 * 784];
        ByteArrayOutputStream lb = new ByteArrayOutputStream();
        Idx.writeLabels(lb, labels);
        StringBuilder sums = new StringBuilder();
        for (String f : DatasetCatalog.FILES) {
            Path p = dir.resolve("tiny").resolve(f);
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
                o.write(f.contains("labels") ? lb.toByteArray() : Idx.imagesBytes(28, 28, px));
            }
            sums.append(DataStore.sha256(p)).append("  ").append(f).append('\n');
        }
        Files.writeString(d.resolve(DatasetCatalog.MANIFEST), sums);
        return d;
    }

    @Test
    void storeLoadsVerifiedFilesAndRejectsChecksumMismatch() throws IOException {
        Path d = tinyDataset();
        Dataset ok = DataStore.loadUncached(d, "tiny");
        assertEquals(20, ok.train().count());
        Path victim = d.resolve(DatasetCatalog.TEST_LABELS);
        byte[] b = Files.readAllBytes(victim);
        b[b.length - 5] ^= 1;
        Files.write(victim, b);
        DataException e = assertThrows(DataException.class, () -> DataStore.loadUncached(d, "tiny"));
        assertTrue(e.getMessage().contains(victim.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void missingManifestAndMissingFolderAreExplained() throws IOException {
        Path d = tinyDataset();
        Files.delete(d.resolve(DatasetCatalog.MANIFEST));
        assertTrue(assertThrows(DataException.class, () -> DataStore.loadUncached(d, "tiny"))
                .getMessage().contains("sha256sum"));
        assertTrue(assertThrows(DataException.class, () -> DataStore.loadUncached(dir.resolve("none"), "none"))
                .getMessage().contains("scripts/fetch-data"));
    }
}
