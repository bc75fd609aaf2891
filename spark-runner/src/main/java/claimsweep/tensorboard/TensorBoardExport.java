package claimsweep.tensorboard;

import claimsweep.spec.RunSpec;
import claimsweep.result.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes TensorBoard event files from committed results: {@code <dir>/<configuration>/<seed>/} per
 * run (the configuration is the run's tag without its seeds, e.g. {@code norm=batch,lr=0.05/seed=1}),
 * so TensorBoard's run selector groups the seeds of a configuration and the hparams view
 * aggregates them as one session group; and one experiment record at {@code <dir>} naming the
 * swept parameters and the metrics to show. Each file is written whole to a temporary name and
 * renamed, so TensorBoard never reads half a file, and rewriting a run replaces its file: the
 * bytes depend only on the committed result.
 */
public final class TensorBoardExport {
    private static final String PREFIX = "events.out.tfevents.";
    /** After the timestamp: who wrote the file and which run it holds, so a rewrite finds and replaces it. */
    private static final String WRITER = ".claimsweep.";
    private static final String EXPERIMENT_FILE = PREFIX + "0" + WRITER + "experiment";

    private final Path dir;
    private final TfRecords.Checksum checksum;

    public TensorBoardExport(Path dir) {
        this(dir, TfRecords.Checksum.MASKED);
    }

    /** With a chosen checksum, so a test can prove that TensorBoard drops wrongly framed files. */
    TensorBoardExport(Path dir, TfRecords.Checksum checksum) {
        this.dir = dir;
        this.checksum = checksum;
    }

    public Path dir() {
        return dir;
    }

    /** Rewrites everything from {@code results}: the experiment record and one file per run. */
    public void writeAll(Collection<RunResult> results) {
        experiment(results.stream().map(RunResult::spec).toList());
        results.forEach(this::write);
    }

    /**
     * Writes the experiment record (the hparams plugin's list of parameters, with the values the
     * sweep gives each, and of metrics) for {@code runs}, replacing any earlier one: written before
     * training, it already names every value the sweep will try.
     */
    public void experiment(List<RunSpec> runs) {
        Map<String, TreeSet<Object>> values = new LinkedHashMap<>();
        for (RunSpec r : runs) {
            RunEvents.hparams(r).forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>(TensorBoardExport::compare)).add(v));
        }
        List<EventProtos.HParam> hparams = new ArrayList<>();
        values.forEach((k, v) -> hparams.add(new EventProtos.HParam(k, List.copyOf(v))));
        // wall time 0: the record describes the sweep, not a moment, and its bytes stay the same on every rewrite
        writeFile(dir.resolve(EXPERIMENT_FILE), List.of(EventProtos.fileVersionEvent(0),
                EventProtos.summaryEvent(0, 0, List.of(EventProtos.experiment(hparams, RunEvents.METRICS)))));
    }

    /** Writes (or replaces) the event file of one run and returns its path. */
    public Path write(RunResult r) {
        Path runDir = runDir(r);
        Path file = runDir.resolve(PREFIX + r.provenance().startMs() / 1000 + WRITER + r.runId());
        try {
            Files.createDirectories(runDir);
            for (Path old : filesOf(runDir)) {
                if (old.getFileName().toString().endsWith(WRITER + r.runId())) Files.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorBoard events to " + runDir + ": " + e.getMessage(), e);
        }
        writeFile(file, RunEvents.events(r));
        return file;
    }

    /** Whether {@code r} has an event file already. */
    public boolean has(RunResult r) {
        return runOf(runDir(r), r.runId()).isPresent();
    }

    /**
     * {@code <dir>/<configuration>/<seed>}; if that folder holds another run's file (a run of the
     * same tag but other parameters, from an earlier invocation with other overrides), the run id
     * is added to the seed folder's name rather than mixing two runs in one TensorBoard run.
     */
    private Path runDir(RunResult r) {
        Path d = dir.resolve(RunEvents.group(r.spec())).resolve(RunEvents.seedDir(r.spec()));
        boolean other = filesOf(d).stream().anyMatch(f -> f.getFileName().toString().contains(WRITER)
                && !f.getFileName().toString().endsWith(WRITER + r.runId()));
        return other ? d.resolveSibling(d.getFileName() + ",id=" + r.runId()) : d;
    }

    private Optional<Path> runOf(Path runDir, String runId) {
        return filesOf(runDir).stream().filter(f -> f.getFileName().toString().endsWith(WRITER + runId)).findFirst();
    }

    private static List<Path> filesOf(Path d) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(d)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, PREFIX + "*")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + d + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private void writeFile(Path file, List<byte[]> events) {
        // the temporary name lacks "tfevents", so TensorBoard ignores it until the rename
        Path tmp = file.resolveSibling(".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            Files.createDirectories(file.getParent());
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                for (byte[] e : events) out.write(TfRecords.frame(e, checksum));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorBoard events to " + file + ": " + e.getMessage()
                    + "; choose a writable --tensorboard DIR, or --no-tensorboard", e);
        }
    }

    /** Numbers by value, then booleans and strings by their text: a stable order for the hparams domains. */
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        if (a instanceof Number) return -1;
        if (b instanceof Number) return 1;
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
