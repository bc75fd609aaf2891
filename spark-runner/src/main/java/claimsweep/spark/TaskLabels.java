package claimsweep.spark;

import com.google.gson.JsonParser;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.PrintStream;
import java.io.Serializable;

/**
 * Makes a sweep readable in Spark's own tools. Each task adds its run's tag to a named
 * accumulator, {@value #ACCUMULATOR}: Spark shows a named accumulator's per-task update in the
 * stage page's task table, records it in the event log (each SparkListenerTaskEnd's
 * "Accumulables") and serves it from the REST API (taskList's accumulatorUpdates), so the UI,
 * the History Server and a script can all tell which task trained which run.
 */
final class TaskLabels {
    static final String ACCUMULATOR = "claimsweep run";

    private TaskLabels() {}

    /** {@code task} with each run's tag recorded on its Spark task. */
    static Labelled label(RunPartition task, SparkContext sc) {
        return new Labelled(task, sc.collectionAccumulator(ACCUMULATOR));
    }

    /** Prints where to watch the sweep: the UI's address when it is on, the event log's folder when it is kept. */
    static void announce(SparkContext sc, PrintStream log) {
        if (sc.uiWebUrl().isDefined()) log.println("Spark UI: " + sc.uiWebUrl().get() + " (open while the sweep runs)");
        if (sc.conf().getBoolean("spark.eventLog.enabled", false)) {
            String dir = sc.conf().get("spark.eventLog.dir", "/tmp/spark-events");
            log.println("Spark event log: " + dir + " (application " + sc.applicationId() + "; scripts/cluster history "
                    + "--dir " + dir + " serves it)");
        }
    }

    /** The run function with the label; serializable, capturing the wrapped function and the accumulator only. */
    static final class Labelled extends AbstractFunction1<Iterator<String>, String> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final RunPartition task;
        private final CollectionAccumulator<String> tags;

        Labelled(RunPartition task, CollectionAccumulator<String> tags) {
            this.task = task;
            this.tags = tags;
        }

        @Override
        public String apply(Iterator<String> specs) {
            if (!specs.hasNext()) return task.apply(specs); // RunPartition reports the empty partition
            String json = specs.next();
            tags.add(JsonParser.parseString(json).getAsJsonObject().get("tag").getAsString());
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(json));
            while (specs.hasNext()) all.add(specs.next()); // RunPartition refuses more than one
            return task.apply(scala.jdk.javaapi.CollectionConverters.asScala(all.iterator()));
        }
    }
}
