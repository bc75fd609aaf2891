package claimsweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden files under {@code sweep-core/src/test/resources/golden/}: a test renders what it pins as
 * lines and compares them with the committed file. Run with {@code -Dgolden.update=true} to rewrite
 * the file instead (an intended change then shows as a diff in review). The source tree's copy is
 * read and written, not target/test-classes, so an update lands where git sees it.
 */
public final class Golden {
    /** The system property that makes {@link #check} rewrite the golden file instead of comparing. */
    public static final String UPDATE = "golden.update";

    private Golden() {}

    /** The committed golden file {@code name} in the source tree. */
    public static Path file(String name) {
        return TestData.repoRoot().resolve("sweep-core/src/test/resources/golden").resolve(name);
    }

    public static boolean updating() {
        return Boolean.getBoolean(UPDATE);
    }

    /** Compares {@code lines} with golden file {@code name} (or rewrites it when updating). */
    public static void check(String name, List<String> lines) {
        Path f = file(name);
        try {
            if (updating()) {
                Files.createDirectories(f.getParent());
                Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(f)) fail(f + " is missing; create it with -D" + UPDATE + "=true");
            List<String> expected = Files.readAllLines(f, StandardCharsets.UTF_8);
            String diff = firstDifference(expected, lines);
            if (diff != null) {
                fail(f + " no longer matches: " + diff + "\nIf the change is intended, rerun with -D" + UPDATE
                        + "=true and commit the file.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write golden file " + f + ": " + e.getMessage(), e);
        }
    }

    /** "line N: expected ... / actual ..." for the first differing line, or null when equal. */
    public static String firstDifference(List<String> expected, List<String> actual) {
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String e = i < expected.size() ? expected.get(i) : "<end of file>";
            String a = i < actual.size() ? actual.get(i) : "<end of output>";
            if (!e.equals(a)) {
                return "line " + (i + 1) + " (of " + expected.size() + " expected, " + actual.size() + " actual)\n  expected: "
                        + e + "\n  actual:   " + a;
            }
        }
        return null;
    }
}
