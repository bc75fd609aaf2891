package claimsweep.data;

import java.util.List;
import java.util.Map;

/**
 * The data sets claimsweep knows, with the sizes of the splits {@code scripts/fetch-data} writes.
 * Sizes are known up front so that a sweep is validated (e.g. batch size versus training-set size)
 * before anything runs; the loader still checks the real files.
 */
public final class DatasetCatalog {
    /** Standard IDX file names, so the official files can be dropped in unchanged. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    public static final String MANIFEST = "SHA256SUMS";

    /** Image side and class count shared by both data sets. */
    public static final int ROWS = 28;
    public static final int COLS = 28;
    public static final int CLASSES = 10;

    /** Size of a data set's training and test files. */
    public record Info(String name, int trainCount, int testCount) {}

    private static final Map<String, Info> INFO = Map.of(
            "fashion-mnist", new Info("fashion-mnist", 60_000, 10_000),
            "mnist", new Info("mnist", 8_004, 1_996));

    private DatasetCatalog() {}

    public static Info info(String name) {
        Info i = INFO.get(name);
        if (i == null) throw new IllegalArgumentException("unknown data set " + name + "; known: " + INFO.keySet());
        return i;
    }
}
