package claimsweep.backend;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Pins ND4J to one native thread per run. On this project's 2-core machines two threads in one
 * run were slower than one; parallelism comes from running several runs (Spark tasks) at once.
 * OMP_NUM_THREADS=1 in the environment (the scripts set it) covers the OpenMP pool itself.
 */
public final class NativeThreads {
    private NativeThreads() {}

    public static int pinToOne() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        return 1;
    }

    /**
     * Backend, BLAS vendor, native flavour and the OpenBLAS kernel set in use, for provenance: the
     * kernel set decides gemm speed (see scripts/lib.sh on OPENBLAS_CORETYPE).
     */
    public static String backend() {
        try {
            return Nd4j.getBackend().getClass().getSimpleName() + "/" + Nd4j.factory().blas().getBlasVendor() + "/"
                    + NativeSetup.flavour() + "/" + openBlasCore();
        } catch (RuntimeException e) {
            return Nd4j.getBackend().getClass().getSimpleName();
        }
    }

    /**
     * The OpenBLAS kernel set forced through OPENBLAS_CORETYPE, or "auto" when OpenBLAS picked it
     * (the bundled JavaCPP preset has no binding for openblas_get_corename to read it back).
     */
    public static String openBlasCore() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return forced == null || forced.isBlank() ? "auto" : forced.strip();
    }
}
