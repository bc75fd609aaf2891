package claimsweep.spec;

import claimsweep.spec.hocon.HoconReader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;

import java.util.List;
import java.util.Map;

import static claimsweep.spec.hocon.Hocon.where;

/**
 * Reads the optional {@code seeds { start, step, max }} block of a sweep file (profile and overrides
 * applied) through the shared HOCON reader, so its problems read like every other key's. A seed
 * axis or a fixed seed next to it is refused: the schedule decides the seeds.
 */
final class SeedScheduleReader {
    static final List<String> KEYS = List.of("start", "step", "max");
    private static final String EXAMPLE = "an object seeds { start = 4, step = 2, max = 24 }";

    private SeedScheduleReader() {}

    /** The schedule, or null when the file declares none or it has a problem (reported to {@code problems}). */
    static SeedSchedule read(Config c, SweepProblems problems, Map<String, Setting> fixed, List<Axis> axes) {
        if (!c.hasPath("seeds")) return null;
        HoconReader in = new HoconReader((o, k, found, exp) -> problems.add(new Problem(o, k, found, exp)));
        ConfigObject o = in.object(c.root(), "", "seeds", true, EXAMPLE);
        if (o == null) return null;
        int before = in.problems();
        in.unknownKeys(o, "seeds", KEYS, "seeds");
        int start = integer(in, o, "start", 2);
        int step = integer(in, o, "step", 1);
        int max = integer(in, o, "max", start);
        String at = where(o.origin());
        for (Axis a : axes) {
            if (a.name().equals("seed")) {
                in.problem(at, "seeds", "a seed axis too (axes.seed at " + a.values().get(0).origin() + ")",
                        "either seeds { } or a seed axis, not both: remove axes.seed (or the seeds block)");
            }
        }
        Setting s = fixed.get("seed");
        if (s != null) {
            in.problem(at, "seeds", "a fixed seed too (at " + s.origin() + ")",
                    "either seeds { } or a fixed seed, not both: remove fixed.seed (or the seeds block)");
        }
        return in.problems() == before ? new SeedSchedule(start, step, max, at) : null;
    }

    private static int integer(HoconReader in, ConfigObject o, String key, int min) {
        if (!o.containsKey(key)) {
            in.problem(o, "seeds." + key, "nothing", "an integer >= " + min + ", e.g. " + EXAMPLE);
            return min;
        }
        double v = in.number(o, "seeds", key, Double.NaN);
        if (Double.isNaN(v)) return min;
        if (v != Math.rint(v) || v < min || v > 10_000) {
            in.problem(o.get(key), "seeds." + key, Double.toString(v).replaceAll("\\.0$", ""), "an integer >= " + min);
            return min;
        }
        return (int) v;
    }
}
