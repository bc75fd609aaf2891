package claimsweep.data;

import claimsweep.io.Hashing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a data set from {@code <dataDir>/<name>/}: four IDX files and a {@code SHA256SUMS}
 * manifest (the {@code sha256sum} format, so {@code sha256sum -c SHA256SUMS} checks it too). Every
 * file is verified before use; a JVM loads each data set once and shares it between its runs.
 */
public final class DataStore {
    private static final Map<Path, Dataset> CACHE = new ConcurrentHashMap<>();

    private DataStore() {}

    /** The verified data set, loaded at most once per JVM. */
    public static Dataset load(Path dataDir, String name) {
        Path dir = dataDir.resolve(name).toAbsolutePath().normalize();
        return CACHE.computeIfAbsent(dir, d -> loadUncached(d, name));
    }

    static Dataset loadUncached(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": no data for " + name + "; run scripts/fetch-data (or point --data-dir at "
                    + "a folder holding " + name + "/ with " + String.join(", ", DatasetCatalog.FILES) + ")");
        }
        verify(dir);
        LabeledImages train = read(dir, DatasetCatalog.TRAIN_IMAGES, DatasetCatalog.TRAIN_LABELS);
        LabeledImages test = read(dir, DatasetCatalog.TEST_IMAGES, DatasetCatalog.TEST_LABELS);
        return new Dataset(name, train, test);
    }

    private static LabeledImages read(Path dir, String imagesFile, String labelsFile) {
        Idx.Images im = Idx.readImages(dir.resolve(imagesFile));
        byte[] labels = Idx.readLabels(dir.resolve(labelsFile));
        if (im.count() != labels.length) {
            throw new DataException(dir.resolve(labelsFile) + ": " + labels.length + " labels for " + im.count()
                    + " images in " + imagesFile + "; re-run scripts/fetch-data --force");
        }
        try {
            return new LabeledImages(im.pixels(), labels, im.rows(), im.cols());
        } catch (IllegalArgumentException e) {
            throw new DataException(dir.resolve(labelsFile) + ": " + e.getMessage(), e);
        }
    }

    /** Checks every data file against the manifest; throws naming the first file that differs. */
    public static void verify(Path dir) {
        Path manifest = dir.resolve(DatasetCatalog.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new DataException(manifest + ": missing checksum manifest; run scripts/fetch-data, or for your own "
                    + "IDX files create it with: (cd " + dir + " && sha256sum *.gz > " + DatasetCatalog.MANIFEST + ")");
        }
        Map<String, String> expected = readManifest(manifest);
        for (String f : DatasetCatalog.FILES) {
            Path file = dir.resolve(f);
            String want = expected.get(f);
            if (want == null) {
                throw new DataException(manifest + ": no checksum for " + f + "; re-run scripts/fetch-data --force");
            }
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + ": missing; re-run scripts/fetch-data --force");
            }
            String got = sha256(file);
            if (!got.equals(want)) {
                throw new DataException(file + ": checksum mismatch (sha256 " + got + ", manifest says " + want
                        + "); the file is corrupt or was replaced: re-run scripts/fetch-data --force");
            }
        }
    }

    static Map<String, String> readManifest(Path manifest) {
        Map<String, String> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest);
        } catch (IOException e) {
            throw new DataException(manifest + ": unreadable (" + e.getMessage() + ")", e);
        }
        int n = 0;
        for (String line : lines) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] parts = t.split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}")) {
                throw new DataException(manifest + ":" + n + ": expected '<sha256 hex>  <file name>', found '" + t + "'");
            }
            out.put(parts[1].strip(), parts[0]);
        }
        return out;
    }

    public static String sha256(Path file) {
        try {
            return Hashing.sha256Hex(file);
        } catch (IOException e) {
            throw new DataException(file + ": unreadable (" + e.getMessage() + ")", e);
        }
    }
}
