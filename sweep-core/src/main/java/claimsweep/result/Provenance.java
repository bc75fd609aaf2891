package claimsweep.result;

/**
 * How and where a result was made, carried by every run row. The OS architecture and the ND4J
 * backend matter because float results differ across CPU instruction sets and BLAS builds: a
 * reader comparing numbers from two machines needs to know whether they should be bit-equal.
 *
 * @param sweepHash  sha256 of the sweep file
 * @param gitCommit  commit of the code that ran ("unknown" outside a git checkout)
 * @param javaVersion {@code java.version} of the JVM that trained
 * @param osArch     {@code os.arch}
 * @param backend    ND4J backend and BLAS vendor
 * @param threads    native threads the run used
 * @param host       host name of the executor
 * @param startMs    run start, epoch milliseconds
 * @param device     where the run trained: "cpu", or the accelerator Spark assigned to its task
 *                   (e.g. "gpu:1"); results written before this field existed read back as "cpu"
 */
public record Provenance(String sweepHash, String gitCommit, String javaVersion, String osArch, String backend,
                         int threads, String host, long startMs, String device) {
    public Provenance {
        device = device == null || device.isBlank() ? "cpu" : device;
    }

    /** A CPU run's provenance. */
    public Provenance(String sweepHash, String gitCommit, String javaVersion, String osArch, String backend, int threads,
                      String host, long startMs) {
        this(sweepHash, gitCommit, javaVersion, osArch, backend, threads, host, startMs, "cpu");
    }
}
