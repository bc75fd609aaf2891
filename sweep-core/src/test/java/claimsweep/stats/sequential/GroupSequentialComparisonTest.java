package claimsweep.stats.sequential;

import claimsweep.stats.Direction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The group-sequential designs against the betting confidence sequence on the same simulated claims
 * (typical of this project: effects of 0 to 5 pp, seed sd 0.5 to 1.5 pp, normal differences, cap 24
 * seeds, "greater" claims). The betting sequence is read after every seed; the designs at 4, 6, ...,
 * 24. Each row prints the median seeds at which sampling stopped (decided, or the cap when not), the
 * share decided by the cap, and the share "supported". The sequences are the same for every method.
 */
class GroupSequentialComparisonTest {
    private static final double ALPHA = 0.05;
    private static final int CAP = 24;
    private static final int SIMS = 400;

    record Claim(String name, double effect, double sd, double margin) {}

    record Row(int medianSeeds, double decided, double supported) {}

    private static Row run(List<double[]> sequences, double margin, Function<double[], SequentialDecision> method) {
        int[] seeds = new int[sequences.size()];
        int decided = 0;
        int supported = 0;
        for (int i = 0; i < seeds.length; i++) {
            SequentialDecision d = method.apply(sequences.get(i));
            seeds[i] = d.outcome().decided() ? d.n() : CAP;
            if (d.outcome().decided()) decided++;
            if (d.outcome() == Outcome.SUPPORTED) supported++;
        }
        Arrays.sort(seeds);
        return new Row(seeds[seeds.length / 2], (double) decided / seeds.length, (double) supported / seeds.length);
    }

    @Test
    void theDesignsDecideTypicalClaimsWithFarFewerSeedsThanTheBettingSequence() {
        GroupSequentialDesign obf = GroupSequentialDesign.of(4, 2, CAP, ALPHA, SpendingFunction.OBRIEN_FLEMING);
        GroupSequentialDesign pocock = GroupSequentialDesign.of(4, 2, CAP, ALPHA, SpendingFunction.POCOCK);
        SequenceSettings safe = SequenceSettings.accuracyDifferences(ALPHA);
        SequenceSettings declared = SequenceSettings.of(ALPHA, -0.1, 0.1);
        List<Claim> claims = List.of(
                new Claim("4 pp vs margin 2, sd 1", 0.04, 0.01, 0.02),
                new Claim("2 pp vs margin 1, sd 0.5", 0.02, 0.005, 0.01),
                new Claim("5 pp vs margin 2, sd 1.5", 0.05, 0.015, 0.02),
                new Claim("3 pp vs margin 2, sd 1.5", 0.03, 0.015, 0.02),
                new Claim("1 pp vs margin 2, sd 1", 0.01, 0.01, 0.02),
                new Claim("0 pp vs margin 2, sd 1", 0.0, 0.01, 0.02));
        String[] methods = {"gs obrien-fleming", "gs pocock", "betting [-1, 1]", "betting +-10 pp"};
        System.out.printf("%-26s | %-18s | %s%n", "claim (greater)", "method", "median seeds, decided by 24, supported");
        SplittableRandom r = new SplittableRandom(101);
        for (Claim c : claims) {
            List<double[]> sequences = new java.util.ArrayList<>();
            for (int k = 0; k < SIMS; k++) {
                double[] d = new double[CAP];
                // Clipped to the declared +-10 pp so the betting sequence's bounds hold (never binds at these sds).
                for (int i = 0; i < CAP; i++) d[i] = Math.max(-0.1, Math.min(0.1, c.effect() + c.sd() * r.nextGaussian()));
                sequences.add(d);
            }
            Row[] rows = {
                    run(sequences, c.margin(), d -> obf.firstStop(d, Direction.GREATER, c.margin(), SupportRule.LOWER_BOUND)),
                    run(sequences, c.margin(), d -> pocock.firstStop(d, Direction.GREATER, c.margin(), SupportRule.LOWER_BOUND)),
                    run(sequences, c.margin(), d -> SequentialDecision.firstStop(ConfidenceSequence.of(d, safe), Direction.GREATER,
                            c.margin(), SupportRule.LOWER_BOUND, CAP)),
                    run(sequences, c.margin(), d -> SequentialDecision.firstStop(ConfidenceSequence.of(d, declared), Direction.GREATER,
                            c.margin(), SupportRule.LOWER_BOUND, CAP))};
            for (int m = 0; m < rows.length; m++) {
                System.out.printf(Locale.ROOT, "%-26s | %-18s | %2d, %.3f, %.3f%n", c.name(), methods[m], rows[m].medianSeeds(),
                        rows[m].decided(), rows[m].supported());
            }
            // What the comparison is for: under the designs' (normal) assumption they decide every one of
            // these claims at least as often as the betting sequence even with its narrower declared bounds,
            // and with the safe bounds the betting sequence decides none of them within 24 seeds.
            for (int m = 0; m < 2; m++) {
                assertTrue(rows[m].decided() >= rows[3].decided(), c.name() + ", " + methods[m] + ": " + rows[m] + " vs " + rows[3]);
                assertTrue(rows[m].medianSeeds() <= rows[3].medianSeeds(), c.name() + ", " + methods[m]);
            }
            assertTrue(rows[2].decided() <= 0.01, c.name() + ": betting [-1, 1] decided " + rows[2].decided());
        }
    }
}
