package claimsweep.claims.rules;

/**
 * The band rule (claim A8: "adaptive optimizers work over a wider range of learning rates"): as
 * {@link MaxStableRule}, but per seed it counts the stable grid values of {@code over} instead of
 * taking the largest.
 */
public final class BandRule extends MaxStableRule {
    @Override
    public String name() {
        return "band";
    }

    @Override
    boolean band() {
        return true;
    }
}
