package claimsweep.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed, validated sweep definition: what is fixed, what is crossed, what varies together and
 * what is left out. Built only by {@link SweepParser}; no raw {@code Config} escapes it.
 *
 * @param name        sweep name, safe for paths ({@code [A-Za-z0-9._-]+})
 * @param description free text for reports
 * @param source      the file as the user named it
 * @param sourceHash  sha256 (hex) of the file's bytes, recorded with every result
 * @param profile     the profile applied, or the empty string
 * @param overrides   the command-line overrides applied, in order
 * @param fixed       parameters with one value, by name
 * @param axes        crossed parameters, slowest-varying first
 * @param zips        groups of axes that vary together (each names two or more axes)
 * @param excludes    rules that drop points
 */
public record SweepSpec(String name, String description, String source, String sourceHash, String profile,
                        List<String> overrides, Map<String, Setting> fixed, List<Axis> axes,
                        List<List<String>> zips, List<ExcludeRule> excludes) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public SweepSpec {
        Objects.requireNonNull(name);
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad sweep name " + name);
        description = description == null ? "" : description;
        profile = profile == null ? "" : profile;
        overrides = List.copyOf(overrides);
        fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        axes = List.copyOf(axes);
        zips = zips.stream().map(List::copyOf).toList();
        excludes = List.copyOf(excludes);
    }

    public Axis axis(String axisName) {
        return axes.stream().filter(a -> a.name().equals(axisName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no axis " + axisName));
    }
}
