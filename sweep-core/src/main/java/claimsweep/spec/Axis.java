package claimsweep.spec;

import java.util.List;
import java.util.Objects;

/** A parameter the sweep crosses, with its values in file order (each with its own origin). */
public record Axis(String name, List<Setting> values) {
    public Axis {
        Objects.requireNonNull(name);
        values = List.copyOf(values);
        if (values.isEmpty()) throw new IllegalArgumentException("axis " + name + " has no values");
    }

    public int size() {
        return values.size();
    }
}
