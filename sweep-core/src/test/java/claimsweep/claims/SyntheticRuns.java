package claimsweep.claims;

import claimsweep.spec.RunSpec;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fake but deterministic run results for the golden claims table: every number is a pure function of
 * the run id (seeding a {@link Random}) and the run's parameters. The systematic effects are a
 * caricature of the claims (BN learns faster and tolerates higher learning rates, label noise and
 * imbalance cost accuracy, BN costs time per step, ...) with seed noise of about the same size, so
 * that the table holds supported, refuted and inconclusive verdicts and exercises every rule. The
 * values are not meant to be realistic; they only have to stay the same.
 */
final class SyntheticRuns {
    /** Evaluation points per run at most, so ~3000 runs stay cheap (the budget's last point is always kept). */
    private static final int MAX_POINTS = 40;
    private static final Provenance PROV = new Provenance("golden", "golden", "17", "golden", "golden", 1, "golden", 0L);

    private SyntheticRuns() {}

    static RunResult of(RunSpec s) {
        // The first 15 hex digits of the content-hash id: stable across JVMs, unlike Object.hashCode.
        Random rnd = new Random(Long.parseLong(s.runId().substring(0, 15), 16));
        String norm = s.stringParam("norm");
        String model = s.stringParam("model");
        String optimizer = s.stringParam("optimizer");
        boolean bn = norm.startsWith("batch");
        boolean anyNorm = !norm.equals("none");
        double lr = s.doubleParam("lr");
        // best LR per optimizer; accuracy falls with the distance from it in decades
        double bestLr = optimizer.startsWith("adam") || optimizer.equals("rmsprop") ? 1e-3 : 0.03;
        double decades = Math.abs(Math.log10(lr / bestLr));
        double stableUpTo = (bn ? 1.0 : anyNorm ? 0.3 : 0.1) * (optimizer.startsWith("adam") ? 0.1 : 1)
                * (s.stringParam("clip").equals("none") ? 1 : 10);
        double inputsFactor = s.stringParam("inputs").equals("raw") ? 30 : 1;
        boolean diverged = lr * inputsFactor > stableUpTo * (1 + 2 * rnd.nextDouble());
        // Sporadic outcomes, so that the engine's handling of them is pinned too: raw inputs without
        // normalization blow up now and then even at a good LR (scored at chance by accuracy metrics),
        // and about 1% of runs fail (left out of their pair).
        double sporadic = rnd.nextDouble();
        if (s.stringParam("inputs").equals("raw") && !anyNorm && sporadic < 0.2) diverged = true;
        if (s.longParam("depth") >= 20 && !anyNorm && sporadic < 0.3) diverged = true;
        boolean failed = sporadic > 0.99;

        double q = 0.86 - 0.04 * decades * decades
                + (bn ? 0.015 : 0) + (norm.startsWith("layer") ? 0.02 : 0) + (norm.startsWith("group") ? 0.01 : 0)
                + (s.stringParam("inputs").equals("standardized") ? 0.01 : 0)
                - 0.25 * s.doubleParam("label_noise")
                - 0.03 * Math.log10(s.longParam("imbalance"))
                + (s.stringParam("remedy").equals("weighted") ? 0.01 : 0)
                + (s.stringParam("augment").equals("none") ? 0 : 0.008)
                + (s.stringParam("transfer").equals("pretrain") ? 0.02 : 0)
                + (s.stringParam("schedule").equals("constant") ? 0 : 0.004)
                + (s.stringParam("bug").equals("none") ? 0 : -0.05)
                + (s.stringParam("loss").equals("ce") ? 0 : -0.01)
                - (bn && s.longParam("batch_size") <= 4 ? 0.05 : 0)
                - 0.2 / Math.max(1, s.longParam("width"))
                - (s.longParam("depth") >= 10 && s.stringParam("init").startsWith("normal") ? 0.3 : 0);
        q = Math.max(0.15, Math.min(0.97, q));
        double noise = 0.006;
        double best = q + noise * rnd.nextGaussian();

        long budget = Metric.budgetSteps(new RunResult(s, RunStatus.OK, "", null, null, null, null, null, null, 0, 0, PROV,
                List.of()));
        long every = s.longParam("eval_every");
        // steps to learn: BN and a good LR learn faster; the seed jitters it
        double tau = budget / 6.0 * (bn ? 0.3 : 1) * (1 + decades) * (s.stringParam("loss").equals("ce") ? 1 : 1.8)
                * Math.exp(0.15 * rnd.nextGaussian());
        double msPerStep = (model.equals("cnn") ? 4.0 : model.equals("rnn") ? 2.0 : 1.0)
                * (bn ? 1.08 : norm.startsWith("group") ? 1.12 : anyNorm ? 1.04 : 1.0) * (1 + 0.01 * rnd.nextGaussian());
        long depth = s.longParam("depth");
        boolean sigmoid = s.stringParam("activation").equals("sigmoid");
        double gradDecay = sigmoid && !anyNorm ? -0.45 : -0.02; // log10 of the per-layer gradient shrink

        List<Long> steps = new ArrayList<>();
        long stride = Math.max(every, (budget / MAX_POINTS + every - 1) / every * every);
        for (long st = stride; st < budget; st += stride) steps.add(st);
        steps.add(budget);
        List<CurvePoint> curve = new ArrayList<>();
        double bestSeen = 0;
        long bestStep = 0;
        for (long st : steps) {
            double acc = Math.min(0.99, best * (1 - Math.exp(-st / tau)) + 0.002 * rnd.nextGaussian());
            double trainLoss = 2.3 * Math.exp(-st / tau) + (1 - q) * (0.8 - 0.5 * Math.min(1, s.longParam("width") / 256.0))
                    + 0.01 * Math.abs(rnd.nextGaussian());
            double valLoss = trainLoss + (bn ? 0.03 : 0.05) + 0.01 * rnd.nextGaussian();
            List<Double> classAcc = new ArrayList<>();
            double minorityHit = 0.1 * Math.log10(s.longParam("imbalance"))
                    * (s.stringParam("remedy").equals("none") ? 1 : s.stringParam("remedy").equals("weighted") ? 0.3 : 0.9);
            for (int c = 0; c < 10; c++) classAcc.add(Math.max(0, acc - (c < 5 ? minorityHit : -minorityHit / 2)
                    + 0.01 * rnd.nextGaussian()));
            List<CurvePoint.LayerGradient> grads = new ArrayList<>();
            for (int l = 0; l <= depth; l++) {
                grads.add(new CurvePoint.LayerGradient(l, l == depth ? "output" : "dense",
                        Math.pow(10, gradDecay * (depth - l) + 0.05 * rnd.nextGaussian())));
            }
            curve.add(new CurvePoint(st, st / 100.0, trainLoss, valLoss, acc, lr, Math.round(st * msPerStep), classAcc, grads));
            if (acc > bestSeen) {
                bestSeen = acc;
                bestStep = st;
            }
            if (diverged) break;
        }
        CurvePoint last = curve.get(curve.size() - 1);
        if (failed) {
            return new RunResult(s, RunStatus.FAILED, "IllegalStateException: synthetic failure", null, null, null, null, null,
                    null, last.step(), last.elapsedMs(), PROV, curve);
        }
        if (diverged) {
            return new RunResult(s, RunStatus.DIVERGED, "loss NaN at step " + last.step(), null, null, null, null, null, null,
                    last.step(), last.elapsedMs(), PROV, curve);
        }
        double test = last.valAcc() - 0.004 + 0.003 * rnd.nextGaussian()
                + (s.longParam("early_stop") > 0 ? 0.003 : 0);
        return new RunResult(s, RunStatus.OK, "", last.valLoss(), last.valAcc(), bestSeen, bestStep, test,
                last.valLoss() + 0.01, last.step(), last.elapsedMs() + 50, PROV, curve);
    }
}
