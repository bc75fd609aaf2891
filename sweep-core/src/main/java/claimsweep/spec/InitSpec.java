package claimsweep.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weight initialization for every weight layer. Sweep-file form:
 * {@code xavier | he | normal(sigma) | uniform(a)}, where normal draws N(0, sigma^2) and uniform
 * draws U(-a, a).
 */
public record InitSpec(Kind kind, double scale) {
    public enum Kind { XAVIER, HE, NORMAL, UNIFORM }

    public static final String EXPECTED = "one of xavier, he, normal(sigma), uniform(a) with sigma, a > 0";
    private static final Pattern SCALED = Pattern.compile("(normal|uniform)\\s*\\(\\s*([^)]+?)\\s*\\)");

    public InitSpec {
        if (kind == null) throw new IllegalArgumentException("kind is required");
        boolean scaled = kind == Kind.NORMAL || kind == Kind.UNIFORM;
        if (scaled && !(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException(EXPECTED);
        }
        if (!scaled && scale != 0) throw new IllegalArgumentException(kind + " takes no scale");
    }

    public static InitSpec parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("xavier")) return new InitSpec(Kind.XAVIER, 0);
        if (s.equals("he")) return new InitSpec(Kind.HE, 0);
        Matcher m = SCALED.matcher(s);
        if (m.matches()) {
            double v;
            try {
                v = Double.parseDouble(m.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(EXPECTED);
            }
            return new InitSpec(m.group(1).equals("normal") ? Kind.NORMAL : Kind.UNIFORM, v);
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    public String canonical() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return (kind == Kind.NORMAL || kind == Kind.UNIFORM) ? k + "(" + scale + ")" : k;
    }
}
