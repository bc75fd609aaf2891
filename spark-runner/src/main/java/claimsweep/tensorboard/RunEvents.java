package claimsweep.tensorboard;

import claimsweep.spec.RunSpec;
import claimsweep.result.CurvePoint;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run looks like in TensorBoard: where its events go and what they hold. Scalars per
 * evaluation point under the tags of {@link #TAGS}, a histogram of each layer's gradient values,
 * the final metrics at the last step, and the hparams plugin's session start and end records.
 */
final class RunEvents {
    /** Scalar tags at every evaluation point (per layer: grad_norm/layerN_Type and the histogram grad/layerN_Type). */
    static final String TRAIN_LOSS = "loss/train";
    static final String VAL_LOSS = "loss/val";
    static final String GAP = "loss/gap";
    static final String VAL_ACC = "accuracy/val";
    /** Training-probe accuracy (against the labels trained on): beside accuracy/val, so memorization shows as the gap
     *  between the two; written only at points that recorded it (results before it existed have none). */
    static final String TRAIN_ACC = "accuracy/train";
    static final String LR = "lr";
    /** Scalar tags written once, at the last step. */
    static final String TEST_ACC = "final/test_acc";
    static final String BEST_VAL_ACC = "final/best_val_acc";
    static final String DIVERGED = "final/diverged";
    static final List<String> TAGS = List.of(TRAIN_LOSS, VAL_LOSS, GAP, VAL_ACC, TRAIN_ACC, LR);

    /** The metrics the hparams view shows for each session group (the last value of each tag). */
    static final List<EventProtos.Metric> METRICS = List.of(new EventProtos.Metric(VAL_ACC, EventProtos.DATASET_VALIDATION),
            new EventProtos.Metric(VAL_LOSS, EventProtos.DATASET_VALIDATION),
            new EventProtos.Metric(TRAIN_LOSS, EventProtos.DATASET_TRAINING),
            new EventProtos.Metric(GAP, EventProtos.DATASET_VALIDATION),
            new EventProtos.Metric(TRAIN_ACC, EventProtos.DATASET_TRAINING),
            new EventProtos.Metric(BEST_VAL_ACC, EventProtos.DATASET_VALIDATION),
            new EventProtos.Metric(TEST_ACC, 0), new EventProtos.Metric(DIVERGED, 0));

    private RunEvents() {}

    /** The parts of a run's tag, in order: {@code norm=batch,lr=0.05,seed=1} -> norm=batch, lr=0.05, seed=1. */
    static List<String> tagParts(RunSpec spec) {
        if (spec.tag().equals("base")) return List.of(); // a sweep without axes
        // values never hold "=", so a part starts at each "," followed by "name="
        return List.of(spec.tag().split(",(?=[a-z][a-z0-9_]*=)"));
    }

    /** seed, seed_init, seed_data, seed_order: repetitions of a configuration, not part of it. */
    static boolean isSeed(String part) {
        return part.startsWith("seed=") || part.startsWith("seed_");
    }

    /** The swept parameters that define the configuration (seeds left out), with their typed values. */
    static Map<String, Object> hparams(RunSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : tagParts(spec)) {
            if (isSeed(part)) continue;
            String name = part.substring(0, part.indexOf('='));
            Object v = spec.params().get(name);
            if (v != null) out.put(name, v);
        }
        return out;
    }

    /** The configuration's folder (and hparams session group): the tag without its seeds, "all" when nothing else is swept. */
    static String group(RunSpec spec) {
        List<String> parts = tagParts(spec).stream().filter(p -> !isSeed(p)).toList();
        return safe(parts.isEmpty() ? "all" : String.join(",", parts));
    }

    /** The run's folder within its configuration's: the seed parts of its tag, or its seed. */
    static String seedDir(RunSpec spec) {
        List<String> parts = tagParts(spec).stream().filter(RunEvents::isSeed).toList();
        return safe(parts.isEmpty() ? "seed=" + spec.config().seeds().seed() : String.join(",", parts));
    }

    private static String safe(String name) {
        return name.replace('/', '_').replace('\\', '_');
    }

    /** Every event of the run's file, in step order, the file-version event first. */
    static List<byte[]> events(RunResult r) {
        double start = r.provenance().startMs() / 1000.0;
        List<byte[]> out = new ArrayList<>();
        out.add(EventProtos.fileVersionEvent(start));
        out.add(EventProtos.summaryEvent(start, 0, List.of(EventProtos.sessionStart(hparams(r.spec()), group(r.spec()), start))));
        List<CurvePoint> curve = r.curve();
        long lastStep = Math.max(r.steps(), curve.isEmpty() ? 0 : curve.get(curve.size() - 1).step());
        for (int i = 0; i < curve.size(); i++) {
            CurvePoint p = curve.get(i);
            List<byte[]> values = new ArrayList<>();
            values.add(EventProtos.scalar(TRAIN_LOSS, p.trainLoss()));
            values.add(EventProtos.scalar(VAL_LOSS, p.valLoss()));
            values.add(EventProtos.scalar(GAP, p.valLoss() - p.trainLoss()));
            values.add(EventProtos.scalar(VAL_ACC, p.valAcc()));
            if (p.trainAcc() != null) values.add(EventProtos.scalar(TRAIN_ACC, p.trainAcc()));
            values.add(EventProtos.scalar(LR, p.lr()));
            for (CurvePoint.LayerGradient g : p.gradients()) {
                String layer = "layer" + g.layer() + "_" + g.type();
                values.add(EventProtos.scalar("grad_norm/" + layer, g.norm()));
                if (g.histogram() != null) values.add(EventProtos.histogram("grad/" + layer, g.histogram()));
            }
            if (p.step() == lastStep) values.addAll(finals(r));
            out.add(EventProtos.summaryEvent(start + p.elapsedMs() / 1000.0, p.step(), values));
        }
        double end = (r.provenance().startMs() + r.wallMs()) / 1000.0;
        boolean finalsWritten = !curve.isEmpty() && curve.get(curve.size() - 1).step() == lastStep;
        List<byte[]> last = new ArrayList<>(finalsWritten ? List.of() : finals(r));
        last.add(EventProtos.sessionEnd(r.status() == RunStatus.OK ? EventProtos.STATUS_SUCCESS : EventProtos.STATUS_FAILURE, end));
        out.add(EventProtos.summaryEvent(end, lastStep, last));
        return out;
    }

    /** The run's final metrics, each a scalar at the last step (those the run reached). */
    private static List<byte[]> finals(RunResult r) {
        List<byte[]> out = new ArrayList<>();
        if (r.testAcc() != null) out.add(EventProtos.scalar(TEST_ACC, r.testAcc()));
        if (r.bestValAcc() != null) out.add(EventProtos.scalar(BEST_VAL_ACC, r.bestValAcc()));
        out.add(EventProtos.scalar(DIVERGED, r.status() == RunStatus.DIVERGED ? 1 : 0));
        return out;
    }
}
