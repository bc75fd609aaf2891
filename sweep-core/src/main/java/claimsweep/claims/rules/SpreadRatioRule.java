package claimsweep.claims.rules;

/**
 * The spread-ratio rule (claim A3: "the accuracy spread across inits with BN is <= 1/3 of
 * without"): as {@link RatioRule}, but per seed the ratio is of the metric's range (max - min)
 * across the levels of {@code over}.
 */
public final class SpreadRatioRule extends RatioRule {
    @Override
    public String name() {
        return "spread_ratio";
    }

    @Override
    public java.util.Map<String, Boolean> keys() {
        return java.util.Map.of("over", true);
    }

    @Override
    boolean spread() {
        return true;
    }

    @Override
    public java.util.Set<Figure> figures() {
        return java.util.Set.of(Figure.BY_PARAMETER);
    }
}
