package claimsweep.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * @param seeds       adaptive seeding ({@code seeds { start, step, max }}) instead of a seed axis, if declared
 */
public record SweepSpec(String name, String description, String source, String sourceHash, String profile,
                        List<String> overrides, Map<String, Setting> fixed, List<Axis> axes,
                        List<List<String>> zips, List<ExcludeRule> excludes, Optional<SeedSchedule> seeds) {
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
        seeds = seeds == null ? Optional.empty() : seeds;
    }

    /**
     * This sweep with a seed axis over {@code seedValues} (adaptive seeding: the grid the planner picks
     * its rounds from). Run ids depend only on parameters, so a run here has the id it would have in a
     * sweep that declared {@code seed = [...]}.
     */
    public SweepSpec withSeedAxis(List<Long> seedValues) {
        String at = seeds.map(SeedSchedule::origin).orElse("seeds { }");
        List<Axis> withSeed = new java.util.ArrayList<>(axes);
        withSeed.add(new Axis("seed", seedValues.stream().map(v -> new Setting(v, at)).toList()));
        return new SweepSpec(name, description, source, sourceHash, profile, overrides, fixed, withSeed, zips, excludes, seeds);
    }

    /**
     * The whole grid this sweep can run: with adaptive seeding ({@code seeds { }}) every configuration at
     * seeds 1..max, the grid every round picks from and the design a report reads; otherwise the sweep itself.
     */
    public SweepSpec atSeedCap() {
        return seeds.map(q -> withSeedAxis(q.allSeeds())).orElse(this);
    }

    public Axis axis(String axisName) {
        return axes.stream().filter(a -> a.name().equals(axisName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no axis " + axisName));
    }
}
