package claimsweep.spec;

/**
 * The seed of each source of randomness, resolved: {@code seed_<part>} when set (non-zero), else
 * {@code seed} (claim B9 varies one source at a time).
 *
 * @param seed  the run's seed
 * @param init  weight initialization
 * @param data  training subset, label noise and imbalance draws
 * @param order data order and augmentation
 */
public record Seeds(long seed, long init, long data, long order) {
    static Seeds resolve(long seed, long init, long data, long order) {
        return new Seeds(seed, init != 0 ? init : seed, data != 0 ? data : seed, order != 0 ? order : seed);
    }
}
