package claimsweep.claims.rules;

import claimsweep.claims.ClaimSpec;
import claimsweep.stats.Direction;

import java.util.Optional;

/** The check of rules that only test superiority (greater or less). */
final class Superiority {
    private Superiority() {}

    static Optional<String[]> only(ClaimSpec c, String rule) {
        if (c.direction() == Direction.GREATER || c.direction() == Direction.LESS) return Optional.empty();
        return Optional.of(new String[] {"direction", c.direction().label(), "greater or less (the " + rule
                + " rule tests superiority; equivalent and noninferior need the paired rule)"});
    }
}
