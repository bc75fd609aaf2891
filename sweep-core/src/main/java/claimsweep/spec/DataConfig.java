package claimsweep.spec;

import java.util.Objects;

/**
 * The data a run trains on: the data set, its splits, the input treatment, the data treatments of
 * claims B3/B7 (label noise, imbalance and its remedy) and the order and augmentation of the batches.
 *
 * @param dataset    data set name (a key of the data catalog)
 * @param trainSize  stratified training subset size (0: all training images left after validation)
 * @param valSize    validation images held out of the training file
 * @param inputs     input treatment
 * @param labelNoise fraction of training labels flipped to another class
 * @param imbalance  classes 0-4 keep 1/imbalance of their training examples
 * @param remedy     imbalance remedy
 * @param order      data order
 * @param augment    training-image augmentation
 */
public record DataConfig(String dataset, int trainSize, int valSize, Inputs inputs, double labelNoise, int imbalance,
                         Remedy remedy, DataOrder order, Augment augment) {
    public DataConfig {
        Objects.requireNonNull(dataset);
        Objects.requireNonNull(inputs);
        Objects.requireNonNull(remedy);
        Objects.requireNonNull(order);
        Objects.requireNonNull(augment);
    }

    /** Input treatment: raw 0..255, scaled to [0,1], standardized with training statistics. */
    public enum Inputs implements Choice {
        SCALED, RAW, STANDARDIZED;
    }

    /**
     * Imbalance remedy: none, class-weighted loss, oversampling the minority classes (duplicates), or
     * SMOTE (synthetic minority examples between same-class nearest neighbours, data.Smote).
     */
    public enum Remedy implements Choice {
        NONE, WEIGHTED, OVERSAMPLE, SMOTE;
    }

    /** Data order (claim B7): reshuffled every epoch, shuffled once, or sorted by class and never shuffled. */
    public enum DataOrder implements Choice {
        RESHUFFLE, ONCE, SORTED;
    }

    /** Augmentation (claim A10): random shifts of up to 2 pixels, optionally with left-right mirroring. */
    public enum Augment implements Choice {
        NONE, SHIFT, SHIFT_FLIP;
    }
}
