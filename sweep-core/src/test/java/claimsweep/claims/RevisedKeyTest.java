package claimsweep.claims;

import claimsweep.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code revised = "..."}: why a part's design changed since the previous report; empty when unchanged. */
class RevisedKeyTest {
    private static final String CLAIMS = """
            claims = [
              { id = A5a, text = "BN is worse at batch 2", metric = test_acc, treatment { norm = batch },
                control { norm = layer }, direction = less%s }
              { id = A5b, text = "GN is flat in batch", metric = test_acc, treatment { norm = layer },
                control { norm = none }, direction = greater }
            ]
            """;

    @Test
    void revisedIsReadAndDefaultsToEmpty() {
        List<ClaimSpec> c = ClaimParser.parse("x.conf", CLAIMS.formatted(
                ", revised = \"conv-only BN: a per-feature BN on the dense layer at batch 2 outputs +-1\""));
        assertEquals("conv-only BN: a per-feature BN on the dense layer at batch 2 outputs +-1", c.get(0).revised());
        assertEquals("", c.get(1).revised());
    }

    @Test
    void aRevisedThatIsNotAStringNamesFileLineAndKey() {
        var e = assertThrows(SpecException.class, () -> ClaimParser.parse("x.conf", CLAIMS.formatted(", revised = [a]")));
        assertTrue(e.getMessage().contains("x.conf:3: claims[0].revised"), e.getMessage());
        assertTrue(e.getMessage().contains("a string"), e.getMessage());
    }
}
