package claimsweep.train;

import claimsweep.backend.Devices;
import claimsweep.backend.NativeSetup;
import claimsweep.backend.NativeThreads;

import claimsweep.data.DatasetCatalog;
import claimsweep.data.Dataset;
import claimsweep.data.Features;
import claimsweep.data.LabeledImages;
import claimsweep.data.Splits;
import claimsweep.data.TrainingSet;
import claimsweep.spec.BudgetConfig;
import claimsweep.spec.DataConfig;
import claimsweep.spec.OptimConfig;
import claimsweep.spec.RunConfig;
import claimsweep.spec.RunSpec;
import claimsweep.spec.Seeds;
import claimsweep.spec.Treatments;
import claimsweep.model.fused.BatchNormStats;
import claimsweep.model.NetworkFactory;
import claimsweep.result.CurvePoint;
import claimsweep.result.Provenance;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Trains one run and reports it. Never throws for a run's own trouble: divergence ends the run
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

    private RunResult trainOrThrow(RunSpec run, Dataset data, Provenance prov, List<CurvePoint> curve, long start) {
        RunConfig cfg = run.config();
        DataConfig dc = cfg.data();
        BudgetConfig budget = cfg.budget();
        OptimConfig optim = cfg.optim();
        Treatments tr = cfg.treatments();
        Seeds seeds = cfg.seeds();
        Bugs bugs = Bugs.of(cfg);
        LabeledImages trainFile = data.train();
        Splits.Split split = Splits.split(trainFile.labelArray(), DatasetCatalog.CLASSES, dc.trainSize(),
                dc.valSize(), seeds.data());
        TrainingSet ts = TrainingSet.build(split.train(), trainFile.labelArray(), DatasetCatalog.CLASSES,
                seeds.data(), dc.imbalance(), dc.labelNoise(), dc.remedy());
        Features.Treatment treatment = Features.treatment(dc.inputs(), trainFile, ts.rows());
        int per = trainFile.pixelsPerImage();
        int[] trainRows = ts.rows();
        int[] trainY = bugs.trainLabels(ts.labels(), seeds.data());
        int[] valRows = split.validation();
        int[] valY = Features.labels(trainFile, valRows);
        LabeledImages testFile = data.test();
        int[] testRows = Features.all(testFile.count());
        int[] testY = Features.labels(testFile, testRows);
        boolean transferTask = tr.transferTask();
        int[] sourceRows = null;
        int[] sourceY = null;
        double[] classWeights = ts.classWeights();
        if (transferTask) {
            // claim A9: the target task is classes 5-9 (as 0-4) from target_labels images per class
            int[] src = Transfer.source(trainY);
            sourceRows = Transfer.pick(trainRows, src);
            sourceY = Transfer.pick(trainY, src);
            int[][] train = Transfer.targetTask(trainRows, trainY, tr.targetLabels());
            trainRows = train[0];
            trainY = train[1];
            int[][] val = Transfer.targetTask(valRows, valY, 0);
            valRows = val[0];
            valY = val[1];
            int[][] test = Transfer.targetTask(testRows, testY, 0);
            testRows = test[0];
            testY = test[1];
            classWeights = null;
        }
        float[] trainX = Features.rows(trainFile, trainRows, treatment);
        Evaluator validation = Evaluator.of(cfg.model().loss(), budget.testBatch(), bugs, Features.rows(trainFile, valRows, treatment), valY, per);

        int batch = budget.batchSize();
        Minibatches batches = new Minibatches(trainX, trainY, per, DatasetCatalog.CLASSES, batch,
                new Random(seeds.order() ^ ORDER_SALT), dc.order())
                .augment(dc.augment(), new Random(seeds.order() ^ AUGMENT_SALT), treatment.blank());
        int stepsPerEpoch = batches.stepsPerEpoch();
        long totalSteps = budget.totalSteps(stepsPerEpoch);
        long evalEvery = budget.evalEvery();
        double divergeAt = budget.divergeLoss();
        double lr = optim.lr();
        LrSchedule schedule = LrSchedule.of(optim, totalSteps);
        Plateau plateau = optim.schedule() == OptimConfig.Schedule.PLATEAU
                ? new Plateau(lr, optim.patience(), optim.decay()) : null;

        MultiLayerNetwork net = NetworkFactory.build(cfg, DataType.FLOAT,
                bugs.lossWeights(classWeights, DatasetCatalog.CLASSES), schedule.isConstant() ? null : schedule);
        double lossScale = bugs.lossScale();
        if (tr.transfer() == Treatments.Transfer.PRETRAIN) {
            String trouble = pretrain(cfg, net, Features.rows(trainFile, sourceRows, treatment), sourceY, per, batch);
            if (trouble != null) return diverged(run, prov, curve, start, 0, trouble, null, null, null);
        }
        if (tr.bnStats() != Treatments.BnStats.TRAIN) BatchNormStats.freeze(net, true);
        double lossSum = 0;
        int lossCount = 0;
        Double bestAcc = null;
        Long bestStep = null;
        Evaluator.Score last = null;
        long trainStart = clock.getAsLong();
        int earlyStop = budget.earlyStop();
        double bestValLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int sinceBest = 0;
        long stepsDone = totalSteps;
        String reason = "";
        for (long step = 1; step <= totalSteps; step++) {
            DataSet minibatch = batches.next();
            boolean evalStep = step % evalEvery == 0 || step == totalSteps;
            List<CurvePoint.LayerGradient> gradients = evalStep ? GradientNorms.of(net, minibatch) : List.of();
            net.fit(minibatch);
            double loss = net.score() / lossScale; // the mean loss, also under the sum_loss bug
            if (!Double.isFinite(loss)) {
                return diverged(run, prov, curve, start, step, "train loss became " + loss + " at step " + step,
                        bestAcc, bestStep, last);
            }
            lossSum += loss;
            lossCount++;
            if (evalStep) {
                double running = lossSum / lossCount;
                last = validation.score(net);
                double stepLr = plateau != null && step > schedule.warmup() ? plateau.lr() : schedule.atStep(step);
                curve.add(new CurvePoint(step, (double) step / stepsPerEpoch, running, last.loss(), last.accuracy(), stepLr,
                        clock.getAsLong() - trainStart, last.classAccuracy(), gradients));
                if (plateau != null && step >= schedule.warmup()) {
                    double before = plateau.lr();
                    // setLearningRate replaces the warm-up schedule with a fixed rate; warm-up is over here
                    if (plateau.observe(last.loss()) != before) net.setLearningRate(plateau.lr());
                }
                lossSum = 0;
                lossCount = 0;
                if (bestAcc == null || last.accuracy() > bestAcc) {
                    bestAcc = last.accuracy();
                    bestStep = step;
                }
                if (running > divergeAt) {
                    return diverged(run, prov, curve, start, step, String.format(java.util.Locale.ROOT,
                            "running train loss %.4g exceeded diverge_loss %.4g at step %d", running, divergeAt, step),
                            bestAcc, bestStep, last);
                }
                if (!Double.isFinite(last.loss())) {
                    return diverged(run, prov, curve, start, step, "validation loss became " + last.loss()
                            + " at step " + step, bestAcc, bestStep, last);
                }
                if (earlyStop > 0) {
                    // Early stopping (claim B11): keep the parameters (BN statistics included) of the best
                    // validation loss; stop after early_stop evaluations without a relative 1e-4 improvement.
                    if (last.loss() < bestValLoss * (1 - Plateau.THRESHOLD)) {
                        bestValLoss = last.loss();
                        bestParams = net.params().dup();
                        sinceBest = 0;
                    } else if (++sinceBest >= earlyStop) {
                        stepsDone = step;
                        reason = "early stopped at step " + step + "; parameters of the best validation loss restored";
                        break;
                    }
                }
            }
        }
        if (bestParams != null) net.setParams(bestParams);
        if (tr.bnStats() == Treatments.BnStats.REESTIMATE) {
            INDArray x = Nd4j.create(DataType.FLOAT, new long[] {trainY.length, per}, 'c');
            ((org.bytedeco.javacpp.FloatPointer) x.data().addressPointer()).put(trainX);
            BatchNormStats.reestimate(net, x);
        }
        Features.Treatment testTreatment = bugs.testInputs() == dc.inputs() ? treatment
                : Features.treatment(bugs.testInputs(), trainFile, ts.rows());
        Evaluator.Score test = Evaluator.of(cfg.model().loss(), budget.testBatch(), bugs,
                Features.rows(testFile, testRows, testTreatment), testY, per).score(net);
        return new RunResult(run, RunStatus.OK, reason, last == null ? null : last.loss(), last == null ? null : last.accuracy(),
                bestAcc, bestStep, test.accuracy(), test.loss(), stepsDone, clock.getAsLong() - start, prov, curve);
    }

    /**
     * Transfer (claim A9): trains {@code net} on the source classes for pretrain_steps steps, then
     * gives it a fresh output layer (the initialization a new network of the same seed would get)
     * and a fresh optimizer state, as a new fine-tuning optimizer would start. Returns why it
     * diverged, or null.
     */
    private static String pretrain(RunConfig run, MultiLayerNetwork net, float[] x, int[] y, int per, int batch) {
        Minibatches source = new Minibatches(x, y, per, DatasetCatalog.CLASSES, Math.min(batch, y.length),
                new Random(run.seeds().order() ^ PRETRAIN_SALT));
        for (long s = 1; s <= run.treatments().pretrainSteps(); s++) {
            net.fit(source.next());
            if (!Double.isFinite(net.score())) return "pretraining loss became " + net.score() + " at pretraining step " + s;
        }
        MultiLayerNetwork fresh = NetworkFactory.build(run, DataType.FLOAT, null, null);
        int out = net.getnLayers() - 1;
        net.getLayer(out).setParams(fresh.getLayer(out).params().dup());
        if (net.getUpdater() != null && net.getUpdater().getStateViewArray() != null) {
            net.getUpdater().getStateViewArray().assign(0);
        }
        return null;
    }

    private RunResult diverged(RunSpec run, Provenance prov, List<CurvePoint> curve, long start, long step, String reason,
                               Double bestAcc, Long bestStep, Evaluator.Score last) {
        return new RunResult(run, RunStatus.DIVERGED, reason, last == null ? null : last.loss(),
                last == null ? null : last.accuracy(), bestAcc, bestStep, null, null, step, clock.getAsLong() - start,
                prov, curve);
    }
}
