package claimsweep.train;

import claimsweep.backend.Devices;
import claimsweep.backend.NativeSetup;
import claimsweep.backend.NativeThreads;

import claimsweep.data.DatasetCatalog;
import claimsweep.data.Dataset;
import claimsweep.spec.BudgetConfig;
import claimsweep.spec.RunConfig;
import claimsweep.spec.RunSpec;
import claimsweep.spec.Treatments;
import claimsweep.model.NetworkFactory;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Trains one run and reports it, in two phases: {@link #prepare} builds everything from the run's
 * typed configuration once (its data, with bug emulations applied where they act; its network; the
 * batches; the learning-rate and stopping policies), then the loop only steps, evaluates and records,
 * asking the stopping policy whether to go on. Never throws for a run's own trouble: divergence ends the run
 * with status {@code diverged}, any exception with status {@code failed} and the reason, so one bad
 * configuration cannot take a sweep down.
 */
public final class Trainer {
    /** Salt that separates the data-order stream from the subset stream of the same seed. */
    private static final long ORDER_SALT = 0x6f72646572L;
    /** Salt of the pretraining data order (transfer): its own stream, so fine-tuning order is unchanged. */
    private static final long PRETRAIN_SALT = 0x70726574726eL;
    /** Salt of the augmentation stream (its own, so turning augmentation on does not change the data order). */
    private static final long AUGMENT_SALT = 0x6175676d656eL;

    static {
        NativeSetup.configure(); // before anything loads ND4J's native library
    }

    private final LongSupplier clock;

    public Trainer() {
        this(System::currentTimeMillis);
    }

    /** With an injectable clock, for tests of timing fields. */
    public Trainer(LongSupplier clock) {
        this.clock = clock;
    }

    /** Static run context supplied by the caller (the same for every run of a sweep). */
    /**
     * @param device the accelerator Spark assigned to the task ("gpu:1"), or "cpu"; the trainer binds
     *               ND4J to it (Devices) and records it
     */
    public record Context(String sweepHash, String gitCommit, String host, String device) {
        public Context(String sweepHash, String gitCommit, String host) {
            this(sweepHash, gitCommit, host, "cpu");
        }
    }

    public RunResult train(RunSpec run, Dataset data, Context ctx) {
        long start = clock.getAsLong();
        int threads = NativeThreads.pinToOne();
        Devices.bind(ctx.device());
        Provenance prov = provenance(ctx, threads, start);
        List<CurvePoint> curve = new ArrayList<>();
        try {
            return trainOrThrow(run, data, prov, curve, start);
        } catch (Throwable t) {
            // OutOfMemoryError included: the run failed, the JVM usually survives it.
            return failed(run, prov, curve, start, t);
        }
    }

    /** A run that could not even start (e.g. its data is missing), recorded as failed with the reason. */
    public RunResult failed(RunSpec run, Context ctx, Throwable cause) {
        long start = clock.getAsLong();
        return failed(run, provenance(ctx, 1, start), List.of(), start, cause);
    }

    private RunResult failed(RunSpec run, Provenance prov, List<CurvePoint> curve, long start, Throwable t) {
        String reason = t.getClass().getSimpleName() + ": " + t.getMessage();
        return new RunResult(run, RunStatus.FAILED, reason, null, null, null, null, null, null,
                curve.isEmpty() ? 0 : curve.get(curve.size() - 1).step(), clock.getAsLong() - start, prov, curve);
    }

    private static Provenance provenance(Context ctx, int threads, long start) {
        return new Provenance(ctx.sweepHash(), ctx.gitCommit(), System.getProperty("java.version"),
                System.getProperty("os.arch"), NativeThreads.backend(), threads, ctx.host(), start, ctx.device());
    }

    /** Everything a run needs before its first step, built once from its typed configuration. */
    private record Prepared(RunConfig cfg, Bugs bugs, RunData data, MultiLayerNetwork net, Minibatches batches,
                            long totalSteps, RatePolicy rate, StoppingPolicy stopping, Evaluator validation,
                            Evaluator training) {}

    private static Prepared prepare(RunSpec run, Dataset dataset) {
        RunConfig cfg = run.config();
        Bugs bugs = Bugs.of(cfg);
        RunData data = RunData.prepare(cfg, bugs, dataset);
        BudgetConfig budget = cfg.budget();
        long orderSeed = cfg.seeds().order();
        Minibatches batches = new Minibatches(data.trainX(), data.trainY(), data.per(), DatasetCatalog.CLASSES,
                budget.batchSize(), new Random(orderSeed ^ ORDER_SALT), cfg.data().order())
                .augment(cfg.data().augment(), new Random(orderSeed ^ AUGMENT_SALT), data.blank());
        long totalSteps = budget.totalSteps(batches.stepsPerEpoch());
        RatePolicy rate = new RatePolicy(cfg.optim(), totalSteps);
        MultiLayerNetwork net = NetworkFactory.build(cfg, DataType.FLOAT,
                bugs.lossWeights(data.classWeights(), DatasetCatalog.CLASSES), rate.updaterSchedule());
        Evaluator validation = Evaluator.of(cfg.model().loss(), budget.testBatch(), bugs, data.valX(), data.valY(),
                data.per());
        Evaluator training = Evaluator.trainingSubset(cfg.model().loss(), data.trainX(), data.trainY(), data.per(),
                data.valY().length);
        return new Prepared(cfg, bugs, data, net, batches, totalSteps, rate, new StoppingPolicy(budget), validation,
                training);
    }

    private RunResult trainOrThrow(RunSpec run, Dataset dataset, Provenance prov, List<CurvePoint> curve, long start) {
        Prepared p = prepare(run, dataset);
        RunData data = p.data();
        MultiLayerNetwork net = p.net();
        Treatments tr = p.cfg().treatments();
        if (tr.transfer() == Treatments.Transfer.PRETRAIN) {
            String trouble = pretrain(p);
            if (trouble != null) return diverged(run, prov, curve, start, 0, trouble, null, null, null, null);
        }
        Transfer.beforeFineTuning(net, tr.bnStats(), data.trainX(), data.per());
        Bugs.applyToNetwork(p.bugs(), net); // after pretraining: the bugs sit in the fine-tuning loop

        long evalEvery = p.cfg().budget().evalEvery();
        int stepsPerEpoch = p.batches().stepsPerEpoch();
        StoppingPolicy stopping = p.stopping();
        Double bestAcc = null;
        Long bestStep = null;
        Evaluator.Score last = null;
        Double trainAcc = null;
        INDArray bestParams = null;
        long stepsDone = p.totalSteps();
        String reason = "";
        long trainStart = clock.getAsLong();
        double maxMinutes = p.cfg().budget().maxMinutes();
        long deadline = TimeLimit.deadline(maxMinutes, start);
        for (long step = 1; step <= p.totalSteps(); step++) {
            long now = clock.getAsLong();
            if (now > deadline) return failed(run, prov, curve, start, TimeLimit.exceeded(maxMinutes, step - 1, now - start));
            DataSet minibatch = p.batches().next();
            boolean evalStep = step % evalEvery == 0 || step == p.totalSteps();
            List<CurvePoint.LayerGradient> gradients = evalStep
                    ? GradientHistograms.attach(net, minibatch, GradientNorms.of(net, minibatch)) : List.of();
            net.fit(minibatch);
            // the data loss: net.score() also holds the regularization term (weight decay, l2), which for a deep net
            // can be ten times the data loss at initialization and read as divergence (B6g's AdamW, weight decay 0.01,
            // stopped at step 50 with a "loss" of 28); the mean loss, also under the sum_loss bug
            double loss = p.bugs().recordedLoss(net.score() - net.calcRegularizationScore(true));
            StoppingPolicy.Decision d = stopping.afterStep(step, loss);
            if (d.stops()) return diverged(run, prov, curve, start, step, d.reason(), bestAcc, bestStep, last, trainAcc);
            if (!evalStep) continue;
            double running = stopping.takeRunningLoss();
            last = p.validation().score(net);
            trainAcc = p.training().score(net).accuracy();
            curve.add(new CurvePoint(step, (double) step / stepsPerEpoch, running, last.loss(), last.accuracy(),
                    p.rate().lrAt(step), clock.getAsLong() - trainStart, last.classAccuracy(), gradients, trainAcc));
            p.rate().observe(step, last.loss(), net);
            if (bestAcc == null || last.accuracy() > bestAcc) {
                bestAcc = last.accuracy();
                bestStep = step;
            }
            d = stopping.atEvaluation(step, running, last.loss());
            if (d.kind() == StoppingPolicy.Kind.DIVERGED) {
                return diverged(run, prov, curve, start, step, d.reason(), bestAcc, bestStep, last, trainAcc);
            }
            if (stopping.improved()) bestParams = net.params().dup();
            if (d.kind() == StoppingPolicy.Kind.EARLY_STOP) {
                stepsDone = step;
                reason = d.reason();
                break;
            }
        }
        if (bestParams != null) net.setParams(bestParams);
        Transfer.afterFineTuning(net, tr.bnStats(), data.trainX(), data.per());
        Evaluator.Score test = Evaluator.of(p.cfg().model().loss(), p.cfg().budget().testBatch(), p.bugs(), data.testX(),
                data.testY(), data.per()).score(net);
        RunStatus status = RunStatus.OK;
        String collapse = last == null ? null : Collapse.reason(last, data.valY().length);
        if (collapse != null) {
            status = RunStatus.COLLAPSED;
            reason = reason.isEmpty() ? collapse : collapse + "; " + reason;
        }
        return new RunResult(run, status, reason, last == null ? null : last.loss(), last == null ? null : last.accuracy(),
                bestAcc, bestStep, test.accuracy(), test.loss(), stepsDone, clock.getAsLong() - start, prov, curve,
                trainAcc); // at the last evaluation, the point of finalValAcc, so the two make a gap
    }

    /**
     * Transfer (claim A9): trains the network on the source classes for pretrain_steps steps, then
     * gives it a fresh output layer (the initialization a new network of the same seed would get)
     * and a fresh optimizer state, as a new fine-tuning optimizer would start. Returns why it
     * diverged, or null.
     */
    private static String pretrain(Prepared p) {
        RunData data = p.data();
        MultiLayerNetwork net = p.net();
        int batch = p.cfg().budget().batchSize();
        Minibatches source = new Minibatches(data.sourceX(), data.sourceY(), data.per(), DatasetCatalog.CLASSES,
                Math.min(batch, data.sourceY().length), new Random(p.cfg().seeds().order() ^ PRETRAIN_SALT));
        for (long s = 1; s <= p.cfg().treatments().pretrainSteps(); s++) {
            net.fit(source.next());
            if (!Double.isFinite(net.score())) return "pretraining loss became " + net.score() + " at pretraining step " + s;
        }
        MultiLayerNetwork fresh = NetworkFactory.build(p.cfg(), DataType.FLOAT, null, null);
        int out = net.getnLayers() - 1;
        net.getLayer(out).setParams(fresh.getLayer(out).params().dup());
        if (net.getUpdater() != null && net.getUpdater().getStateViewArray() != null) {
            net.getUpdater().getStateViewArray().assign(0);
        }
        return null;
    }

    private RunResult diverged(RunSpec run, Provenance prov, List<CurvePoint> curve, long start, long step, String reason,
                               Double bestAcc, Long bestStep, Evaluator.Score last, Double trainAcc) {
        return new RunResult(run, RunStatus.DIVERGED, reason, last == null ? null : last.loss(),
                last == null ? null : last.accuracy(), bestAcc, bestStep, null, null, step, clock.getAsLong() - start,
                prov, curve, trainAcc);
    }
}
