package claimsweep.claims;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The rule registry: every rule is found by name, declares its plots and columns, and its keys parse. */
class RulesTest {
    @Test
    void everyRuleIsRegisteredOnceWithFiguresAndColumns() {
        List<String> names = Rules.names();
        assertEquals(List.of("band", "interaction", "level", "max_stable", "paired", "range", "rate", "ratio", "sign_flips", "spread_ratio",
                "trend"), names);
        for (String n : names) {
            ClaimRule r = Rules.of(n);
            assertEquals(n, r.name());
            assertFalse(r.figures().isEmpty(), n + " draws something");
            assertTrue(r.columns().contains(ClaimRule.Column.EFFECT), n + " reports an effect");
        }
    }

    @Test
    void aRuleKeyIsOnlyAcceptedForTheRuleThatReadsIt() {
        var e = assertThrows(claimsweep.spec.SpecException.class, () -> ClaimParser.parse("t.conf", """
                claims = [{ id = X, text = t, metric = test_acc, direction = greater, over = lr
                  treatment { norm = batch }, control { norm = none } }]
                """));
        assertTrue(e.getMessage().contains("claims[0].over: found an unknown claim key"), e.getMessage());
        var unknown = assertThrows(claimsweep.spec.SpecException.class, () -> ClaimParser.parse("t.conf", """
                claims = [{ id = X, text = t, metric = test_acc, direction = greater, rule = trnd
                  treatment { norm = batch }, control { norm = none } }]
                """));
        assertTrue(unknown.getMessage().contains("did you mean \"trend\""), unknown.getMessage());
    }
}
