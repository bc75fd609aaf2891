package claimsweep.train;

/**
 * Reduce-on-plateau (DL4J has none): after {@code patience} evaluations in a row without the
 * validation loss improving on its best by a relative 1e-4, the rate is multiplied by
 * {@code factor} and the count starts again, as PyTorch's ReduceLROnPlateau does by default.
 */
public final class Plateau {
    static final double THRESHOLD = 1e-4;

    private final int patience;
    private final double factor;
    private double best = Double.POSITIVE_INFINITY;
    private int bad;
    private double lr;

    public Plateau(double lr, int patience, double factor) {
        this.lr = lr;
        this.patience = patience;
        this.factor = factor;
    }

    /** Observes one validation loss; returns the rate to use from now on. */
    public double observe(double valLoss) {
        if (valLoss < best * (1 - THRESHOLD)) {
            best = valLoss;
            bad = 0;
        } else if (++bad >= patience) {
            lr *= factor;
            bad = 0;
        }
        return lr;
    }

    public double lr() {
        return lr;
    }
}
