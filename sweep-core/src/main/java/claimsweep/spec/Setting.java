package claimsweep.spec;

import java.util.Objects;

/**
 * A canonical parameter value and where it came from ("quickstart.conf:12", "command line",
 * "default"), so that --dry-run can explain every value of every run.
 */
public record Setting(Object value, String origin) {
    public static final String DEFAULT_ORIGIN = "default";

    public Setting {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
