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
import claimsweep.spec.RunSpec;
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
    /** Evaluation chunk: bounds memory for the CNN on 10k images. */
    private static final int EVAL_CHUNK = 1000;

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
        LabeledImages trainFile = data.train();
        Splits.Split split = Splits.split(trainFile.labelArray(), DatasetCatalog.CLASSES, run.intParam("train_size"),
                run.intParam("val_size"), run.seedOf("data"));
        TrainingSet ts = TrainingSet.build(split.train(), trainFile.labelArray(), DatasetCatalog.CLASSES,
                run.seedOf("data"), run.intParam("imbalance"), run.doubleParam("label_noise"), run.stringParam("remedy"));
        Features.Treatment treatment = Features.treatment(run.stringParam("inputs"), trainFile, ts.rows());
        int per = trainFile.pixelsPerImage();
        int[] trainRows = ts.rows();
        int[] trainY = Bugs.of(run).equals("misaligned") ? Bugs.misalign(ts.labels(), run.seedOf("data")) : ts.labels();
        int[] valRows = split.validation();
        int[] valY = Features.labels(trainFile, valRows);
        LabeledImages testFile = data.test();
        int[] testRows = Features.all(testFile.count());
        int[] testY = Features.labels(testFile, testRows);
        boolean transferTask = run.intParam("target_labels") > 0;
        int[] sourceRows = null;
        int[] sourceY = null;
        double[] classWeights = ts.classWeights();
        if (transferTask) {
            // claim A9: the target task is classes 5-9 (as 0-4) from target_labels images per class
            int[] src = Transfer.source(trainY);
            sourceRows = Transfer.pick(trainRows, src);
            sourceY = Transfer.pick(trainY, src);
            int[][] train = Transfer.targetTask(trainRows, trainY, run.intParam("target_labels"));
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
        Evaluator validation = Evaluator.of(run, Features.rows(trainFile, valRows, treatment), valY, per);

        int batch = run.intParam("batch_size");
        Minibatches batches = new Minibatches(trainX, trainY, per, DatasetCatalog.CLASSES, batch,
                new Random(run.seedOf("order") ^ ORDER_SALT), Minibatches.Order.parse(run.stringParam("data_order")))
                .augment(Minibatches.Augment.parse(run.stringParam("augment")), new Random(run.seedOf("order") ^ AUGMENT_SALT),
                        treatment.blank());
        int stepsPerEpoch = batches.stepsPerEpoch();
        long totalSteps = run.longParam("steps") > 0 ? run.longParam("steps") : run.longParam("epochs") * stepsPerEpoch;
        long evalEvery = run.longParam("eval_every");
        double divergeAt = run.doubleParam("diverge_loss");
        double lr = run.doubleParam("lr");
        LrSchedule schedule = new LrSchedule(run.stringParam("schedule"), lr, run.longParam("warmup"),
                run.doubleParam("decay"), run.longParam("decay_every"), totalSteps);
        Plateau plateau = run.stringParam("schedule").equals("plateau")
                ? new Plateau(lr, run.intParam("patience"), run.doubleParam("decay")) : null;

        MultiLayerNetwork net = NetworkFactory.build(run, DataType.FLOAT,
                Bugs.lossWeights(run, classWeights, DatasetCatalog.CLASSES), schedule.isConstant() ? null : schedule);
        double lossScale = Bugs.lossScale(run);
        if (run.stringParam("transfer").equals("pretrain")) {
            String trouble = pretrain(run, net, Features.rows(trainFile, sourceRows, treatment), sourceY, per, batch);
            if (trouble != null) return diverged(run, prov, curve, start, 0, trouble, null, null, null);
        }
        if (!run.stringParam("bn_stats").equals("train")) BatchNormStats.freeze(net, true);
        double lossSum = 0;
        int lossCount = 0;
        Double bestAcc = null;
        Long bestStep = null;
        Evaluator.Score last = null;
        long trainStart = clock.getAsLong();
        int earlyStop = run.intParam("early_stop");
        double bestValLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int sinceBest = 0;
        long stepsDone = totalSteps;
        String reason = "";
        long deadline = TimeLimit.deadline(run, start);
        for (long step = 1; step <= totalSteps; step++) {
            long now = clock.getAsLong();
            if (now > deadline) return failed(run, prov, curve, start, TimeLimit.exceeded(run, step - 1, now - start));
            DataSet minibatch = batches.next();
            boolean evalStep = step % evalEvery == 0 || step == totalSteps;
            List<CurvePoint.LayerGradient> gradients = evalStep
                    ? GradientHistograms.attach(net, minibatch, GradientNorms.of(net, minibatch)) : List.of();
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
        if (run.stringParam("bn_stats").equals("reestimate")) {
            INDArray x = Nd4j.create(DataType.FLOAT, new long[] {trainY.length, per}, 'c');
            ((org.bytedeco.javacpp.FloatPointer) x.data().addressPointer()).put(trainX);
            BatchNormStats.reestimate(net, x);
        }
        Features.Treatment testTreatment = Bugs.testInputs(run).equals(run.stringParam("inputs")) ? treatment
                : Features.treatment(Bugs.testInputs(run), trainFile, ts.rows());
        Evaluator.Score test = Evaluator.of(run, Features.rows(testFile, testRows, testTreatment), testY, per).score(net);
        return new RunResult(run, RunStatus.OK, reason, last == null ? null : last.loss(), last == null ? null : last.accuracy(),
                bestAcc, bestStep, test.accuracy(), test.loss(), stepsDone, clock.getAsLong() - start, prov, curve);
    }

    /**
     * Transfer (claim A9): trains {@code net} on the source classes for pretrain_steps steps, then
     * gives it a fresh output layer (the initialization a new network of the same seed would get)
     * and a fresh optimizer state, as a new fine-tuning optimizer would start. Returns why it
     * diverged, or null.
     */
    private static String pretrain(RunSpec run, MultiLayerNetwork net, float[] x, int[] y, int per, int batch) {
        Minibatches source = new Minibatches(x, y, per, DatasetCatalog.CLASSES, Math.min(batch, y.length),
                new Random(run.seedOf("order") ^ PRETRAIN_SALT));
        for (long s = 1; s <= run.longParam("pretrain_steps"); s++) {
            net.fit(source.next());
            if (!Double.isFinite(net.score())) return "pretraining loss became " + net.score() + " at pretraining step " + s;
        }
        MultiLayerNetwork fresh = NetworkFactory.build(run, DataType.FLOAT, null);
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

    /** Loss and accuracy of a network on fixed data, in inference mode. */
    static final class Evaluator {
        record Score(double loss, double accuracy, List<Double> classAccuracy) {}

        private final float[] x;
        private final int[] y;
        private final int per;
        private final String loss;
        private final int chunk;
        private final boolean trainingMode;

        Evaluator(float[] x, int[] y, int per, String loss) {
            this(x, y, per, loss, EVAL_CHUNK, false);
        }

        Evaluator(float[] x, int[] y, int per, String loss, int chunk, boolean trainingMode) {
            this.x = x;
            this.y = y;
            this.per = per;
            this.loss = loss;
            this.chunk = chunk;
            this.trainingMode = trainingMode;
        }

        /** The run's evaluator: inference mode in chunks of 1000, or as the bn_train_at_test bugs evaluate. */
        static Evaluator of(RunSpec run, float[] x, int[] y, int per) {
            int chunk = run.intParam("test_batch") > 0 ? run.intParam("test_batch") : EVAL_CHUNK;
            if (Bugs.evalSorted(run)) {
                // stable sort by class (as data_order = sorted): each batch holds (mostly) one class
                int[] order = Minibatches.sortedByClass(y);
                float[] xs = new float[x.length];
                int[] ys = new int[y.length];
                for (int i = 0; i < order.length; i++) {
                    System.arraycopy(x, order[i] * per, xs, i * per, per);
                    ys[i] = y[order[i]];
                }
                return new Evaluator(xs, ys, per, run.stringParam("loss"), chunk, true);
            }
            return new Evaluator(x, y, per, run.stringParam("loss"), chunk, Bugs.evalInTrainingMode(run));
        }

        /**
         * Mean loss, unweighted, in the run's own loss (cross-entropy of the softmax outputs with
         * probabilities clamped at 1e-12, or mean squared error over the 10 outputs against one-hot
         * targets, as DL4J's LossMSE), and accuracy (argmax).
         */
        Score score(MultiLayerNetwork net) {
            int n = y.length;
            double lossSum = 0;
            long correct = 0;
            long[] perClass = new long[DatasetCatalog.CLASSES];
            long[] perClassCorrect = new long[DatasetCatalog.CLASSES];
            INDArray full = null;
            for (int from = 0; from < n; from += chunk) {
                int rows = Math.min(chunk, n - from);
                // bulk copy into a native array (Nd4j.create(float[]) copies element by element)
                INDArray in = rows == chunk && full != null ? full
                        : Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, new long[] {rows, per}, 'c');
                if (rows == chunk) full = in;
                ((org.bytedeco.javacpp.FloatPointer) in.data().addressPointer()).put(x, from * per, rows * per);
                int k = DatasetCatalog.CLASSES;
                float[] p = outputs(net.output(in, trainingMode), rows, k);
                for (int r = 0; r < rows; r++) {
                    int label = y[from + r];
                    int o = r * k;
                    int argmax = 0;
                    for (int c = 1; c < k; c++) if (p[o + c] > p[o + argmax]) argmax = c;
                    perClass[label]++;
                    if (argmax == label) {
                        correct++;
                        perClassCorrect[label]++;
                    }
                    if (loss.equals("ce")) {
                        double pl = p[o + label];
                        lossSum += -Math.log(Double.isNaN(pl) ? Double.NaN : Math.max(pl, 1e-12));
                    } else {
                        double se = 0;
                        for (int c = 0; c < k; c++) {
                            double d = p[o + c] - (c == label ? 1 : 0);
                            se += d * d;
                        }
                        lossSum += se / k;
                    }
                }
            }
            List<Double> classAcc = new ArrayList<>();
            for (int c = 0; c < DatasetCatalog.CLASSES; c++) {
                classAcc.add(perClass[c] == 0 ? Double.NaN : (double) perClassCorrect[c] / perClass[c]);
            }
            return new Score(lossSum / n, (double) correct / n, classAcc);
        }

        /**
         * The network's [rows, k] float outputs, row-major, in one bulk copy. INDArray.toFloatMatrix
         * issues one ND4J op per row (~30 us each): it made evaluation 4x slower than the forward
         * pass itself (JFR, docs/perf.md).
         */
        static float[] outputs(INDArray out, int rows, int k) {
            if (out.rank() != 2 || out.size(0) != rows || out.size(1) != k) {
                throw new IllegalStateException("network output has shape " + java.util.Arrays.toString(out.shape())
                        + ", expected [" + rows + ", " + k + "]");
            }
            INDArray dense = out.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT && out.ordering() == 'c'
                    && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(out)
                    ? out : out.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
            float[] p = new float[rows * k];
            ((org.bytedeco.javacpp.FloatPointer) dense.data().addressPointer()).get(p);
            return p;
        }
    }
}
