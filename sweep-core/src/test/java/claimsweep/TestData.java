package claimsweep;

import claimsweep.data.DataStore;
import claimsweep.data.Dataset;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository and its fetched data for tests (scripts/test fetches the data first). */
public final class TestData {
    private TestData() {}

    public static Path repoRoot() {
        String p = System.getProperty("claimsweep.repo.root");
        Path root = p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("experiments"))) root = Path.of(".").toAbsolutePath().normalize();
        return root;
    }

    public static Path dataDir() {
        return repoRoot().resolve("data");
    }

    /** The real data set; fails with the fix if scripts/fetch-data has not run. */
    public static Dataset load(String name) {
        Path dir = dataDir().resolve(name);
        if (!Files.exists(dir.resolve("SHA256SUMS"))) {
            throw new IllegalStateException("test data missing at " + dir + ": run scripts/fetch-data (scripts/test does)");
        }
        return DataStore.load(dataDir(), name);
    }
}
