package claimsweep.backend;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds ND4J to the accelerator Spark assigned to a task. With the CUDA backend (Maven profile
 * {@code cuda}) the thread's device becomes the assigned GPU; with the CPU backend an assigned GPU
 * address is only recorded (the scheduling itself is tested on CPU with a fake discovery script;
 * see the README for what has not run on a real GPU).
 */
public final class Devices {
    private Devices() {}

    /** The GPU index in a device string such as "gpu:1" (the first when several), or -1 for "cpu". */
    public static int gpuIndex(String device) {
        if (device == null || !device.startsWith("gpu:")) return -1;
        String first = device.substring(4).split(",")[0].trim();
        try {
            return Integer.parseInt(first);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GPU address '" + first + "' is not a device index; the discovery "
                    + "script must report CUDA device indices");
        }
    }

    /** Whether ND4J runs on its CUDA backend. */
    public static boolean cudaBackend() {
        return Nd4j.getBackend().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).contains("cuda");
    }

    /** Points the current thread's ND4J work at the assigned GPU, when there is one and the backend is CUDA. */
    public static void bind(String device) {
        int gpu = gpuIndex(device);
        if (gpu >= 0 && cudaBackend()) Nd4j.getAffinityManager().unsafeSetDevice(gpu);
    }
}
