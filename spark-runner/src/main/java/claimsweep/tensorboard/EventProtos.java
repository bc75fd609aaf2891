package claimsweep.tensorboard;

import claimsweep.result.GradientHistogram;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The protobuf messages of TensorBoard's event files, encoded with protobuf-java's wire-format
 * writer (the version spark-sql depends on; see the root pom). TensorBoard publishes .proto files,
 * not Java classes, and only a handful of fields are needed, so they are written by field number;
 * each number below is the one in the named TensorBoard file
 * ({@code tensorboard/compat/proto/event.proto}, {@code summary.proto}, {@code histogram.proto},
 * {@code tensorboard/plugins/hparams/plugin_data.proto}, {@code api.proto}), and the read-back
 * test checks them against TensorBoard's own parser.
 */
final class EventProtos {
    /** The version string TensorFlow's summary writers put in the first event of a file. */
    static final String FILE_VERSION = "brain.Event:2";
    /** The hparams plugin's name, tags and plugin-data version (tensorboard/plugins/hparams/metadata.py). */
    static final String HPARAMS_PLUGIN = "hparams";
    static final String EXPERIMENT_TAG = "_hparams_/experiment";
    static final String SESSION_START_TAG = "_hparams_/session_start_info";
    static final String SESSION_END_TAG = "_hparams_/session_end_info";
    private static final int HPARAMS_DATA_VERSION = 0;
    /** api.proto enums. */
    static final int STATUS_SUCCESS = 1;
    static final int STATUS_FAILURE = 2;
    static final int DATASET_TRAINING = 1;
    static final int DATASET_VALIDATION = 2;

    private EventProtos() {}

    private interface Fields {
        void write(CodedOutputStream o) throws IOException;
    }

    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(bytes);
            fields.write(o);
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
    }

    /** Event{wall_time = 1, step = 2, file_version = 3}: the first record of every event file. */
    static byte[] fileVersionEvent(double wallTime) {
        return message(o -> {
            o.writeDouble(1, wallTime);
            o.writeString(3, FILE_VERSION);
        });
    }

    /** Event{wall_time = 1, step = 2, summary = 5} with the given Summary.Value messages (Summary.value = 1). */
    static byte[] summaryEvent(double wallTime, long step, List<byte[]> values) {
        byte[] summary = message(o -> {
            for (byte[] v : values) o.writeByteArray(1, v);
        });
        return message(o -> {
            o.writeDouble(1, wallTime);
            o.writeInt64(2, step);
            o.writeByteArray(5, summary);
        });
    }

    /** Summary.Value{tag = 1, simple_value = 2}: a scalar, which TensorBoard stores as float32. */
    static byte[] scalar(String tag, double value) {
        return message(o -> {
            o.writeString(1, tag);
            o.writeFloat(2, (float) value);
        });
    }

    /**
     * Summary.Value{tag = 1, histo = 5}: HistogramProto{min = 1, max = 2, num = 3, sum = 4,
     * sum_squares = 5, bucket_limit = 6, bucket = 7}, the last two packed. Every fixed bucket is
     * written (TensorBoard drops the empty ones at both ends and replaces the outer edges by min and max).
     */
    static byte[] histogram(String tag, GradientHistogram h) {
        List<Double> limits = GradientHistogram.LIMITS;
        byte[] histo = message(o -> {
            o.writeDouble(1, h.min());
            o.writeDouble(2, h.max());
            o.writeDouble(3, h.count());
            o.writeDouble(4, h.sum());
            o.writeDouble(5, h.sumSquares());
            o.writeTag(6, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(8 * limits.size());
            for (double l : limits) o.writeDoubleNoTag(l);
            o.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(8 * limits.size());
            for (int i = 0; i < limits.size(); i++) o.writeDoubleNoTag(h.bucket(i));
        });
        return message(o -> {
            o.writeString(1, tag);
            o.writeByteArray(5, histo);
        });
    }

    /**
     * Summary.Value{tag = 1, metadata = 9} whose SummaryMetadata{plugin_data = 1} is
     * PluginData{plugin_name = 1: "hparams", content = 2: HParamsPluginData{version = 1, oneof data}}:
     * how the hparams plugin finds its records. {@code dataField} is 2 (experiment),
     * 3 (session_start_info) or 4 (session_end_info).
     */
    private static byte[] hparamsValue(String tag, int dataField, byte[] data) {
        byte[] content = message(o -> {
            o.writeInt32(1, HPARAMS_DATA_VERSION);
            o.writeByteArray(dataField, data);
        });
        byte[] pluginData = message(o -> {
            o.writeString(1, HPARAMS_PLUGIN);
            o.writeByteArray(2, content);
        });
        byte[] metadata = message(o -> o.writeByteArray(1, pluginData));
        return message(o -> {
            o.writeString(1, tag);
            o.writeByteArray(9, metadata);
        });
    }

    /**
     * SessionStartInfo{hparams = 1 (map of string to google.protobuf.Value: entries {key = 1, value = 2}),
     * group_name = 4, start_time_secs = 5}. Sessions with the same group name form one session group,
     * whose metrics the plugin aggregates (here: the seeds of one configuration).
     */
    static byte[] sessionStart(Map<String, Object> hparams, String groupName, double startSecs) {
        byte[] info = message(o -> {
            for (Map.Entry<String, Object> e : hparams.entrySet()) {
                byte[] entry = message(m -> {
                    m.writeString(1, e.getKey());
                    m.writeByteArray(2, value(e.getValue()).toByteArray());
                });
                o.writeByteArray(1, entry);
            }
            o.writeString(4, groupName);
            o.writeDouble(5, startSecs);
        });
        return hparamsValue(SESSION_START_TAG, 3, info);
    }

    /** SessionEndInfo{status = 1, end_time_secs = 2}. */
    static byte[] sessionEnd(int status, double endSecs) {
        return hparamsValue(SESSION_END_TAG, 4, message(o -> {
            o.writeEnum(1, status);
            o.writeDouble(2, endSecs);
        }));
    }

    /** One hyperparameter of the experiment: its name, its values (sorted) and their type. */
    record HParam(String name, List<Object> values) {}

    /** One metric of the experiment: a scalar tag of the sessions' own runs, and the data it is computed on. */
    record Metric(String tag, int datasetType) {}

    /**
     * Experiment{hparam_infos = 4, metric_infos = 5}, with
     * HParamInfo{name = 1, type = 4, domain_discrete = 5} and MetricInfo{name = 1 (MetricName{group = 1,
     * tag = 2}), dataset_type = 5}. Without it the plugin would offer every scalar tag, per-layer norms
     * included, as a metric column.
     */
    static byte[] experiment(List<HParam> hparams, List<Metric> metrics) {
        byte[] exp = message(o -> {
            for (HParam h : hparams) {
                ListValue.Builder domain = ListValue.newBuilder();
                h.values().forEach(v -> domain.addValues(value(v)));
                o.writeByteArray(4, message(m -> {
                    m.writeString(1, h.name());
                    m.writeEnum(4, dataType(h.values().get(0)));
                    m.writeByteArray(5, domain.build().toByteArray());
                }));
            }
            for (Metric mt : metrics) {
                byte[] name = message(m -> {
                    m.writeString(1, "");
                    m.writeString(2, mt.tag());
                });
                o.writeByteArray(5, message(m -> {
                    m.writeByteArray(1, name);
                    m.writeEnum(5, mt.datasetType());
                }));
            }
        });
        return hparamsValue(EXPERIMENT_TAG, 2, exp);
    }

    /** api.proto DataType: 1 string, 2 bool, 3 float64. */
    private static int dataType(Object v) {
        return v instanceof Boolean ? 2 : v instanceof Number ? 3 : 1;
    }

    private static Value value(Object v) {
        if (v instanceof Boolean b) return Value.newBuilder().setBoolValue(b).build();
        if (v instanceof Number n) return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        return Value.newBuilder().setStringValue(String.valueOf(v)).build();
    }
}
