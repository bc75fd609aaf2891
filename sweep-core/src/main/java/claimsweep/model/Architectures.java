package claimsweep.model;

import claimsweep.spec.ModelConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Layer widths of the model families, in one place so that validation (does the group count
 * divide every normalized layer?) and the network builder agree.
 */
public final class Architectures {
    /** CNN: conv5x5x16 - norm - relu - pool2 - conv5x5x32 - norm - relu - pool2 - dense128 - norm - relu. */
    public static final int CNN_CONV1 = 16;
    public static final int CNN_CONV2 = 32;
    public static final int CNN_DENSE = 128;
    public static final int CNN_KERNEL = 5;

    private Architectures() {}

    /** Channel (or unit) counts of every layer that gets a normalization, in order. */
    public static List<Integer> normalizedWidths(ModelConfig.Family model, int depth, int width) {
        List<Integer> out = new ArrayList<>();
        switch (model) {
            case MLP -> {
                for (int i = 0; i < depth; i++) out.add(width);
            }
            case CNN -> {
                out.add(CNN_CONV1);
                out.add(CNN_CONV2);
                out.add(CNN_DENSE);
            }
            case RNN -> {
                // batch: between the recurrent layers; layer: inside each of them
                for (int i = 0; i < depth; i++) out.add(width);
            }
        }
        return out;
    }

    public static List<Integer> normalizedWidths(ModelConfig model) {
        return normalizedWidths(model.family(), model.depth(), model.width());
    }
}
