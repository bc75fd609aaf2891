package claimsweep.bench;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch side of the training benchmark: scripts/bench_torch.py kept running as a worker, so
 * each of its timed passes can follow the matching DL4J pass within seconds (see the protocol in
 * that script). {@link #absent} stands in when no Python with torch is found.
 */
final class TorchWorker implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String note;

    private TorchWorker(Process process, BufferedReader out, Writer in, String note) {
        this.process = process;
        this.out = out;
        this.in = in;
        this.note = note;
    }

    static TorchWorker absent(String note) {
        return new TorchWorker(null, null, null, note);
    }

    boolean available() {
        return process != null;
    }

    /** The torch version, BLAS and sgemm figure, or why PyTorch is absent. */
    String note() {
        return note;
    }

    /**
     * Starts the worker with the first Python that imports torch ({@code python} if given, else
     * /usr/bin/python3 then python3 on the PATH); absent if none does or the worker fails to start.
     */
    static TorchWorker start(String python, Path script, Path dataDir, List<ReferenceModel> models)
            throws IOException, InterruptedException {
        List<String> candidates = python.isEmpty() ? List.of("/usr/bin/python3", "python3") : List.of(python);
        for (String exe : candidates) {
            Process probe;
            try {
                probe = new ProcessBuilder(exe, "-c", "import torch").redirectErrorStream(true).start();
            } catch (IOException e) {
                continue;
            }
            if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) continue;
            JsonObject cfg = new JsonObject();
            cfg.addProperty("data_dir", dataDir.toAbsolutePath().toString());
            cfg.add("models", new Gson().toJsonTree(models));
            Process p = new ProcessBuilder(exe, script.toString(), cfg.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = r.readLine();
            if (ready == null) {
                p.waitFor(60, TimeUnit.SECONDS);
                return absent(exe + " " + script + " ended before it was ready (exit " + (p.isAlive() ? "?" : p.exitValue()) + ")");
            }
            String note = JsonParser.parseString(ready).getAsJsonObject().get("note").getAsString();
            return new TorchWorker(p, r, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), note);
        }
        return absent("not importable (install Debian's python3-torch and libopenblas0-pthread to compare)");
    }

    /** One timed pass of {@code steps} steps of model {@code key}, after {@code warmup} untimed ones; ms per step. */
    double pass(String key, int warmup, int steps) throws IOException {
        JsonObject cmd = new JsonObject();
        cmd.addProperty("model", key);
        cmd.addProperty("warmup", warmup);
        cmd.addProperty("steps", steps);
        in.write(cmd + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) throw new IOException("the PyTorch worker ended during " + key + " (see its error output above)");
        return JsonParser.parseString(line).getAsJsonObject().get("ms_per_step").getAsDouble();
    }

    /** Ends the worker: end of input is its signal to exit; one that does not within a minute is killed. */
    @Override
    public void close() throws IOException {
        if (process == null) return;
        in.close();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
