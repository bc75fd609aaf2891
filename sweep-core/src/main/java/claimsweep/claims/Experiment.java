package claimsweep.claims;

import claimsweep.spec.Problem;
import claimsweep.spec.SpecException;
import claimsweep.spec.SweepParser;
import claimsweep.spec.SweepSpec;
import claimsweep.spec.hocon.HoconFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything an experiment file declares, from one read and one parse, before anything runs: the
 * sweep (profile and overrides applied), its claims and its A/A calibration. A mistake in any part
 * fails the whole file with every problem at once, so a bad claims block stops {@code --dry-run}
 * and a sweep before any training rather than after it.
 *
 * @param settings the run parameters each claim is evaluated per value of ({@code settings = [dataset, model]};
 *                 empty: one evaluation over every run), see {@link Settings}
 */
public record Experiment(SweepSpec sweep, List<ClaimSpec> claims, Optional<Calibration> calibration, List<String> settings) {
    public Experiment {
        claims = List.copyOf(claims);
        settings = List.copyOf(settings);
    }

    public static Experiment parse(Path file, List<String> args) {
        List<Problem> read = new ArrayList<>();
        HoconFile f = HoconFile.read(file, (o, k, found, exp) -> read.add(new Problem(o, k, found, exp)));
        if (f == null) throw new SpecException(read);
        return parse(f, args);
    }

    public static Experiment parse(HoconFile file, List<String> args) {
        List<Problem> problems = new ArrayList<>();
        SweepSpec sweep = null;
        try {
            sweep = SweepParser.parse(file, args);
        } catch (SpecException e) {
            problems.addAll(e.problems());
        }
        ClaimParser claims = ClaimParser.collecting();
        List<ClaimSpec> cs = claims.claims(file);
        Optional<Calibration> cal = claims.calibrationBlock(file);
        List<String> settings = claims.settingsList(file);
        problems.addAll(claims.problems());
        if (!problems.isEmpty()) throw new SpecException(problems);
        return new Experiment(sweep, cs, cal, settings);
    }
}
