#!/usr/bin/env python3
"""Reads a TensorBoard log folder with TensorBoard's own code and prints what it found as JSON.

The read-back half of claimsweep's TensorBoard export test (spark-runner TensorBoardExportTest):
the Java side writes event files, this script reads them the way TensorBoard does, and the test
compares the result with the Parquet tables. Nothing here checks values; it only reports.

  python3 scripts/tensorboard_read.py LOGDIR > dump.json

Per run (a folder holding event files, named relative to LOGDIR):
  scalars           {tag: [[step, value], ...]}  from the classic EventAccumulator
  provider_scalars  {tag: [[step, value], ...]}  from the data provider behind the web UI
  histograms        {tag: [{step, min, max, num, sum, sum_squares, bucket_limit, bucket}]}
  hparams           {tag: HParamsPluginData as JSON}  the hparams plugin's records
And for the folder: the hparams plugin's experiment and session groups, computed by the plugin's
own request handlers (the answers the HParams dashboard gets).
"""
import json
import math
import sys

from google.protobuf import json_format
from tensorboard import context, version
from tensorboard.backend.event_processing import data_provider
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.backend.event_processing import io_wrapper
from tensorboard.backend.event_processing import plugin_event_multiplexer
from tensorboard.plugins import base_plugin
from tensorboard.plugins.hparams import api_pb2
from tensorboard.plugins.hparams import backend_context
from tensorboard.plugins.hparams import get_experiment
from tensorboard.plugins.hparams import list_session_groups
from tensorboard.plugins.hparams import plugin_data_pb2

KEEP_ALL = {
    event_accumulator.SCALARS: 0,
    event_accumulator.HISTOGRAMS: 0,
    event_accumulator.TENSORS: 0,
    event_accumulator.COMPRESSED_HISTOGRAMS: 0,
}


def number(x):
    """JSON has no NaN or infinity; keep them as strings the Java side parses."""
    return x if math.isfinite(x) else repr(float(x))


def read_run(path):
    acc = event_accumulator.EventAccumulator(path, size_guidance=KEEP_ALL)
    acc.Reload()
    tags = acc.Tags()
    run = {"scalars": {}, "histograms": {}, "hparams": {}}
    for tag in tags[event_accumulator.SCALARS]:
        run["scalars"][tag] = [[e.step, number(e.value)] for e in acc.Scalars(tag)]
    for tag in tags[event_accumulator.HISTOGRAMS]:
        run["histograms"][tag] = [
            {
                "step": e.step,
                "min": e.histogram_value.min,
                "max": e.histogram_value.max,
                "num": e.histogram_value.num,
                "sum": e.histogram_value.sum,
                "sum_squares": e.histogram_value.sum_squares,
                "bucket_limit": list(e.histogram_value.bucket_limit),
                "bucket": list(e.histogram_value.bucket),
            }
            for e in acc.Histograms(tag)
        ]
    try:
        contents = acc.PluginTagToContent("hparams")
    except KeyError:  # the run has no hparams records
        contents = {}
    for tag, content in contents.items():
        run["hparams"][tag] = json_format.MessageToDict(plugin_data_pb2.HParamsPluginData.FromString(content))
    return run


def main(logdir):
    out = {"tensorboard_version": version.VERSION, "runs": {}}
    for path in sorted(io_wrapper.GetLogdirSubdirectories(logdir)):
        name = io_wrapper.os.path.relpath(path, logdir)
        out["runs"][name] = read_run(path)

    # The web UI's path: the plugin multiplexer, the data provider, and the hparams plugin's handlers.
    mux = plugin_event_multiplexer.EventMultiplexer(tensor_size_guidance={"scalars": 0, "hparams": 0})
    mux.AddRunsFromDirectory(logdir)
    mux.Reload()
    provider = data_provider.MultiplexerDataProvider(mux, logdir)
    ctx = context.RequestContext()
    scalars = provider.read_scalars(ctx, experiment_id="", plugin_name="scalars", downsample=10**9)
    for name, by_tag in scalars.items():
        run = out["runs"].setdefault(name, {})
        run["provider_scalars"] = {tag: [[d.step, number(d.value)] for d in data] for tag, data in by_tag.items()}
    hparams = backend_context.Context(base_plugin.TBContext(logdir=logdir, multiplexer=mux, data_provider=provider))
    try:
        experiment = get_experiment.Handler(ctx, hparams, "", api_pb2.GetExperimentRequest()).run()
    except Exception as e:  # e.g. no hparams data at all: report it, the caller decides
        out["experiment_error"] = repr(e)
        experiment = api_pb2.Experiment()
    out["experiment"] = json_format.MessageToDict(experiment)
    request = api_pb2.ListSessionGroupsRequest(
        start_index=0, slice_size=10**6, aggregation_type=api_pb2.AGGREGATION_AVG,
        allowed_statuses=[api_pb2.STATUS_UNKNOWN, api_pb2.STATUS_SUCCESS, api_pb2.STATUS_FAILURE, api_pb2.STATUS_RUNNING],
        col_params=[api_pb2.ColParams(hparam=h.name) for h in experiment.hparam_infos]
        + [api_pb2.ColParams(metric=m.name) for m in experiment.metric_infos])
    groups = list_session_groups.Handler(ctx, hparams, "", request).run()
    out["session_groups"] = json_format.MessageToDict(groups).get("sessionGroups", [])
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: tensorboard_read.py LOGDIR")
    main(sys.argv[1])
