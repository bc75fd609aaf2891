package claimsweep.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Native (JavaCPP/ND4J) settings that must be in place before ND4J loads its native library, so
 * this runs first in every JVM that trains: the trainer's static initializer, the benchmark, and
 * the tests. Each setting was measured (docs/perf.md); a value the user set explicitly wins.
 */
public final class NativeSetup {
    /** JavaCPP property naming the native build; ND4J's loader appends it to the platform. */
    public static final String FLAVOUR_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String MAX_PHYSICAL_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";
    /** The build that carries oneDNN (convolution, pooling, BatchNorm kernels) for AVX2 CPUs. */
    static final String ONEDNN_AVX2 = "-onednn-avx2";

    private static volatile boolean done;

    private NativeSetup() {}

    public static synchronized void configure() {
        if (done) return;
        // JavaCPP checks the process's resident size (a read of /proc/self/statm) on every native
        // allocation when maxPhysicalBytes > 0; ND4J allocates shape buffers for every op, and the
        // check alone took 11% of a BatchNorm MLP step. Off-heap memory stays bounded by maxBytes.
        setIfAbsent(MAX_PHYSICAL_PROPERTY, "0");
        if (System.getProperty(FLAVOUR_PROPERTY) == null && oneDnnUsable()) {
            System.setProperty(FLAVOUR_PROPERTY, ONEDNN_AVX2);
        }
        done = true;
    }

    /** The native build in use, for provenance: "onednn-avx2" or "plain". */
    public static String flavour() {
        String f = System.getProperty(FLAVOUR_PROPERTY, "");
        return f.isEmpty() ? "plain" : f.substring(1);
    }

    /** The oneDNN build is on the classpath and the CPU has AVX2 (it would crash without). */
    static boolean oneDnnUsable() {
        String lib = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + ONEDNN_AVX2 + "/libnd4jcpu.so";
        if (NativeSetup.class.getClassLoader().getResource(lib) == null) return false;
        return cpuFlags().contains(" avx2 ");
    }

    static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) return " " + line.substring(line.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT) + " ";
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or not readable: assume nothing
        }
        return "";
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
