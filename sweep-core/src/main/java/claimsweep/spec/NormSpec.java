package claimsweep.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalization put after each hidden linear/conv layer. Written in sweep files as
 * {@code none | batch | layer | group(G) | instance}; {@code layer} is GroupNorm with one group and
 * {@code instance} is GroupNorm with one group per channel.
 *
 * @param kind   which normalization
 * @param groups the group count for {@link Kind#GROUP}, otherwise 0
 */
public record NormSpec(Kind kind, int groups) {
    public enum Kind { NONE, BATCH, LAYER, GROUP, INSTANCE }

    public static final String EXPECTED = "one of none, batch, layer, group(G) with G >= 1, instance";
    private static final Pattern GROUP = Pattern.compile("group\\s*\\(\\s*(\\d+)\\s*\\)");

    public NormSpec {
        if (kind == null) throw new IllegalArgumentException("kind is required");
        if (kind == Kind.GROUP && groups < 1) throw new IllegalArgumentException("group count must be >= 1, got " + groups);
        if (kind != Kind.GROUP && groups != 0) throw new IllegalArgumentException(kind + " takes no group count");
    }

    /** Parses the sweep-file form; throws {@link IllegalArgumentException} naming what is accepted. */
    public static NormSpec parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "none": return new NormSpec(Kind.NONE, 0);
            case "batch": return new NormSpec(Kind.BATCH, 0);
            case "layer": return new NormSpec(Kind.LAYER, 0);
            case "instance": return new NormSpec(Kind.INSTANCE, 0);
            default:
                Matcher m = GROUP.matcher(s);
                if (m.matches()) {
                    int g;
                    try {
                        g = Integer.parseInt(m.group(1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(EXPECTED);
                    }
                    if (g >= 1) return new NormSpec(Kind.GROUP, g);
                }
                throw new IllegalArgumentException(EXPECTED);
        }
    }

    /**
     * Groups to use over {@code channels} channels: 1 for layer norm, {@code channels} for instance
     * norm, the configured count for group norm.
     */
    public int groupsFor(int channels) {
        return switch (kind) {
            case LAYER -> 1;
            case INSTANCE -> channels;
            case GROUP -> groups;
            default -> throw new IllegalStateException(kind + " has no groups");
        };
    }

    public boolean isGroupFamily() {
        return kind == Kind.LAYER || kind == Kind.GROUP || kind == Kind.INSTANCE;
    }

    /** The canonical sweep-file form; {@code parse(x.canonical())} equals {@code x}. */
    public String canonical() {
        return kind == Kind.GROUP ? "group(" + groups + ")" : kind.name().toLowerCase(Locale.ROOT);
    }
}
