package claimsweep.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The shared file, hashing and provenance helpers do what their callers rely on. */
class IoHelpersTest {
    @TempDir
    Path tmp;

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void atomicWriteReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path f = tmp.resolve("r.json");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("r.json"), names(tmp));
    }

    @Test
    void aWriteThatFailsKeepsTheOldFileWhole() throws IOException {
        Path f = tmp.resolve("r.json");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, t -> {
            Files.writeString(t, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("r.json"), names(tmp), "the temporary file is removed");
    }

    @Test
    void directoryReplacementSwapsTheWholeFolder() throws IOException {
        Path table = tmp.resolve("runs");
        AtomicFiles.replaceDirectory(table, d -> Files.writeString(d.resolve("a"), "1"));
        AtomicFiles.replaceDirectory(table, d -> Files.writeString(d.resolve("b"), "2"));
        assertEquals(List.of("b"), names(table), "nothing of the old folder survives");
        assertThrows(IOException.class, () -> AtomicFiles.replaceDirectory(table, d -> {
            Files.writeString(d.resolve("c"), "3");
            throw new IOException("writer failed");
        }));
        assertEquals(List.of("b"), names(table), "a failed replacement leaves the old folder");
        assertEquals(List.of("runs"), names(tmp), "and no temporary folder");
    }

    @Test
    void sha256MatchesTheStandardVectorForBytesTextAndFiles() throws IOException {
        // FIPS 180-2, appendix B.1
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, Hashing.sha256Hex("abc"));
        assertEquals(abc, Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
        Path f = tmp.resolve("big");
        byte[] big = new byte[200_000]; // larger than the streaming buffer
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        Files.write(f, big);
        assertEquals(Hashing.sha256Hex(big), Hashing.sha256Hex(f));
    }

    @Test
    void gitCommitComesFromTheBuildProperty() {
        String before = System.getProperty(GitCommit.PROPERTY);
        try {
            System.clearProperty(GitCommit.PROPERTY);
            assertEquals(GitCommit.UNKNOWN, GitCommit.current());
            System.setProperty(GitCommit.PROPERTY, "abc123");
            assertEquals("abc123", GitCommit.current());
        } finally {
            if (before == null) System.clearProperty(GitCommit.PROPERTY);
            else System.setProperty(GitCommit.PROPERTY, before);
        }
    }
}
