package claimsweep.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that readers never see half done: the content goes to a temporary sibling (same folder,
 * so the same file system), which is then renamed over the target. A reader, a resumed sweep or a
 * crash in the middle finds the old file or the new one, never a torn one.
 */
public final class AtomicFiles {
    /** Fills a temporary path (a file, or an existing empty folder) with what the target should hold. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code text} (UTF-8) to {@code target} atomically, replacing what was there. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Lets {@code filler} write the file at a temporary sibling path, then renames it over
     * {@code target}. The temporary name carries the process and thread, so concurrent writers of
     * the same target (two Spark tasks committing the same run) do not write into each other's file.
     */
    public static void write(Path target, Filler filler) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try {
            filler.fill(tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Lets {@code filler} fill a fresh temporary sibling folder, then replaces the folder
     * {@code target} with it (deleting the old one first: a folder cannot be renamed over a
     * non-empty one). Between the delete and the rename the target is briefly absent, never partial.
     */
    public static void replaceDirectory(Path target, Filler filler) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a plain directory (not createTempDirectory, which makes it owner-only): the result is shared data
        Path tmp = Files.createDirectory(parent.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId() + "-" + System.nanoTime()));
        try {
            filler.fill(tmp);
            deleteTree(target);
            move(tmp, target);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
