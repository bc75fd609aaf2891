#!/usr/bin/env python3
"""PyTorch side of scripts/bench: the reference models on the same shapes, data and thread count.

Started once by claimsweep.bench.TrainBench with one JSON argument (data directory, models) and
driven over stdin/stdout, so that DL4J's and PyTorch's timed passes can alternate: on a shared VM
the speed drifts by 10-15% over minutes, and timing all of one side and then all of the other
turned that drift into the ratio. Protocol, one JSON object per line:

  out: {"ready": true, "note": "..."}                      after loading data and checking the BLAS
  in:  {"model": key, "steps": n, "warmup": w}             w steps untimed (JIT-free, but allocator
                                                           and caches), then one timed pass of n
  out: {"model": key, "ms_per_step": x}
  in:  end of input                                        the worker exits

Checks which BLAS torch really loaded: without an optimized BLAS (Debian: libopenblas0-pthread)
torch falls back to the reference BLAS and is many times slower, which would make any comparison
meaningless.
"""
import gzip
import json
import os
import sys
import time

# One thread in OpenBLAS itself: torch.set_num_threads(1) does not reach Debian's pthread OpenBLAS,
# which otherwise runs every matmul on all cores (measured: 157 GFLOP/s "single-threaded").
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import ctypes  # noqa: E402
import numpy as np  # noqa: E402 (after the thread settings on purpose)
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

# CS_BENCH_CLOCK=cpu: time passes by this thread's CPU time, as TrainBench does (its ModelPasses
# says why); one thread does all the work (the settings above), so idle the clocks agree.
CLOCK = time.thread_time if os.environ.get("CS_BENCH_CLOCK", "").lower() == "cpu" else time.perf_counter

# OpenBLAS kernels that use neither AVX2 nor AVX-512; on a CPU that has them, picking one of these
# is a detection failure, not a choice.
GENERIC_CORES = {"unknown", "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn",
                 "dunnington", "nehalem"}


def idx_images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    n, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, rows * cols)


def idx_labels(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    return np.frombuffer(raw, dtype=np.uint8, offset=8).astype(np.int64)


class StepLayerNorm(nn.LayerNorm):
    """nn.LayerNorm with the time step as a second argument (ignored), so both cells share one loop."""

    def forward(self, a, t):
        return super().forward(a)


class StepBatchNorm(nn.Module):
    """BatchNorm inside the recurrence with statistics per time step (Cooijmans et al. 2017), as FastRnn's batch_step.

    As FastRnn has it: one gain and one bias shared by all steps (gain starts at 1), the batch's
    mean and variance of each step's summed pre-activation x_t W + h_{t-1} R in training, one
    running mean and variance per step and unit for inference (steps beyond the trained length use
    the last step's), eps 1e-5, running averages moved by 0.1 of the batch statistic per step
    (DL4J's decay 0.9). F.batch_norm does the normalization and the running update in one kernel
    on a row of the [steps, units] buffers (a view, updated in place). One difference, which
    touches evaluation only and not the cost of a training step: PyTorch's running variance takes
    the unbiased batch variance (x 64/63 at batch 64), FastRnn's the biased one.
    """

    def __init__(self, width, steps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(width))
        self.bias = nn.Parameter(torch.zeros(width))
        self.register_buffer("running_mean", torch.zeros(steps, width))
        self.register_buffer("running_var", torch.ones(steps, width))

    def forward(self, a, t):
        s = min(t, self.running_mean.shape[0] - 1)
        return F.batch_norm(a, self.running_mean[s], self.running_var[s], self.weight, self.bias, self.training, 0.1, 1e-5)


class RowRNN(nn.Module):
    """claimsweep's model=rnn: the image rows as a sequence, the last step into the classifier.

    rnn_norm=none is torch.nn.RNN; rnn_norm=layer and rnn_norm=batch_step are stacks of
    hand-written cells, h_t = f(norm(x_t W + h_{t-1} R)) with the norm's gain and bias (FastRnn's
    bias), each with the input projection of all steps in one matmul, as FastRnn has it: layer is
    LayerNorm over the units (Ba et al. 2016), batch_step is StepBatchNorm.
    """

    def __init__(self, width, depth, act, norm):
        super().__init__()
        self.cell = norm in ("layer", "batch_step")
        if self.cell:
            self.w = nn.ModuleList(nn.Linear(28 if i == 0 else width, width, bias=False) for i in range(depth))
            self.r = nn.ModuleList(nn.Linear(width, width, bias=False) for _ in range(depth))
            self.norm = nn.ModuleList((StepLayerNorm(width) if norm == "layer" else StepBatchNorm(width, 28))
                                      for _ in range(depth))
            self.act = torch.tanh if act == "tanh" else torch.relu
        elif norm == "none":
            self.rnn = nn.RNN(28, width, num_layers=depth, nonlinearity=act, batch_first=True)
        else:
            raise ValueError(f"unknown rnn_norm {norm!r}; expected none, layer or batch_step")
        self.out = nn.Linear(width, 10)

    def forward(self, x):
        y = x.view(x.shape[0], 28, 28)
        if not self.cell:
            return self.out(self.rnn(y)[0][:, -1])
        for w, r, norm in zip(self.w, self.r, self.norm):
            p = w(y)
            h = self.act(norm(p[:, 0], 0))
            hs = [h]
            for t in range(1, p.shape[1]):
                h = self.act(norm(p[:, t] + r(h), t))
                hs.append(h)
            y = torch.stack(hs, 1)
        return self.out(y[:, -1])


def norm_layer(norm, channels, conv):
    """The project's normalization after a layer of `channels` units or conv channels, or None.

    The project's LayerNorm and InstanceNorm are GroupNorm with 1 and C groups (per-channel scale
    and shift): on conv activations that is nn.GroupNorm(1, C) / nn.GroupNorm(C, C) (nn.LayerNorm
    over [C, H, W] would learn a scale per position); on dense activations nn.LayerNorm is the
    same function as GroupNorm(1, C).
    """
    if norm == "none":
        return None
    if norm == "batch":
        return nn.BatchNorm2d(channels) if conv else nn.BatchNorm1d(channels)
    if norm == "layer":
        return nn.GroupNorm(1, channels) if conv else nn.LayerNorm(channels)
    if norm == "instance":
        return nn.GroupNorm(channels, channels)
    if norm.startswith("group(") and norm.endswith(")"):
        return nn.GroupNorm(int(norm[6:-1]), channels)
    raise ValueError(f"unknown norm {norm!r}; expected none, batch, layer, instance or group(G)")


def model_for(m):
    if m["model"] == "rnn":
        opts = dict(e.split("=", 1) for e in m.get("extra") or [])
        return RowRNN(m["width"], m["depth"], opts.get("activation", "relu"), opts.get("rnn_norm", "none")), False
    act = nn.ReLU

    def block(linear, channels, conv):
        n = norm_layer(m["norm"], channels, conv)
        return [linear] + ([n] if n is not None else []) + [act()]

    if m["model"] == "mlp":
        layers, width, inp = [], m["width"], 784
        for _ in range(m["depth"]):
            layers += block(nn.Linear(inp, width), width, False)
            inp = width
        layers.append(nn.Linear(inp, 10))
        return nn.Sequential(*layers), False
    layers = (block(nn.Conv2d(1, 16, 5, padding=2), 16, True) + [nn.MaxPool2d(2)]
              + block(nn.Conv2d(16, 32, 5, padding=2), 32, True) + [nn.MaxPool2d(2), nn.Flatten()]
              + block(nn.Linear(32 * 7 * 7, 128), 128, False) + [nn.Linear(128, 10)])
    return nn.Sequential(*layers), True


def loaded_libs():
    """Paths of the shared libraries mapped into this process."""
    with open("/proc/self/maps") as f:
        return sorted({line.split()[-1] for line in f if ".so" in line})


def loaded_blas():
    hits = sorted(os.path.basename(l) for l in loaded_libs() if "blas" in l.lower() or "mkl" in l.lower())
    return ", ".join(hits) or "none found"


def openblas_core():
    """The kernel family the loaded OpenBLAS chose (openblas_get_corename), or None without OpenBLAS."""
    for lib in (l for l in loaded_libs() if "libopenblas" in l):
        try:
            fn = ctypes.CDLL(lib).openblas_get_corename
        except (OSError, AttributeError):
            continue
        fn.restype = ctypes.c_char_p
        return fn().decode()
    return None


def best_core_type():
    """The OpenBLAS core type this CPU's flags call for: SkylakeX with AVX-512, Haswell with AVX2."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return None
    return "SkylakeX" if "avx512f" in flags else "Haswell" if "avx2" in flags else None


def redetect_if_generic():
    """Re-runs this script with OPENBLAS_CORETYPE set when OpenBLAS fell back to a generic kernel.

    Debian's OpenBLAS 0.3.21 picks its kernel from the CPU model number; on this project's
    benchmark VM (an Intel model it does not list) it picked the generic "Prescott" kernel in some
    runs and "Cooperlake" in others: sgemm at 32 against 140 GFLOP/s. A comparison against a
    misdetected BLAS measures the detection, not PyTorch, so the kernel the CPU's flags support is
    forced (only when OPENBLAS_CORETYPE is unset). Run from scripts/bench this never triggers:
    scripts/lib.sh sets OPENBLAS_CORETYPE for ND4J's OpenBLAS the same way, and torch inherits it.
    """
    core = openblas_core()
    best = best_core_type()
    if core and best and core.lower() in GENERIC_CORES and "OPENBLAS_CORETYPE" not in os.environ:
        print(f"OpenBLAS chose the generic {core} kernel on a CPU with {best}-class flags; re-running with "
              f"OPENBLAS_CORETYPE={best}", file=sys.stderr)
        os.environ["OPENBLAS_CORETYPE"] = best
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable] + sys.argv)


def sgemm_gflops():
    best = 0.0
    for n in (512, 1024):
        a, b = torch.rand(n, n), torch.rand(n, n)
        for _ in range(3):
            a @ b
        reps = 20 if n == 512 else 5
        for _ in range(3):
            t0 = time.perf_counter()
            for _ in range(reps):
                a @ b
            best = max(best, 2 * n ** 3 / ((time.perf_counter() - t0) / reps) / 1e9)
    return best


class Trainer:
    """One reference model in training: its network, optimizer and place in a seeded data order."""

    def __init__(self, m, x, y, rng):
        self.net, self.conv = model_for(m)
        self.net.train()
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.01, momentum=0.9)
        self.loss_fn = nn.CrossEntropyLoss()
        self.batch = m["batch"]
        self.x, self.y = x, y
        self.perm = torch.from_numpy(rng.permutation(x.shape[0]))
        self.pos = 0

    def step(self):
        batch = self.batch
        if self.pos + batch > self.x.shape[0]:
            self.pos = 0
        idx = self.perm[self.pos:self.pos + batch]
        self.pos += batch
        xb = self.x[idx]
        if self.conv:
            xb = xb.view(batch, 1, 28, 28)
        self.opt.zero_grad()
        loss = self.loss_fn(self.net(xb), self.y[idx])
        loss.backward()
        self.opt.step()

    def timed(self, warmup, steps):
        for _ in range(warmup):
            self.step()
        t0 = CLOCK()
        for _ in range(steps):
            self.step()
        return (CLOCK() - t0) * 1000 / steps


def main():
    cfg = json.loads(sys.argv[1])
    redetect_if_generic()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    x = idx_images(os.path.join(cfg["data_dir"], "fashion-mnist", "train-images-idx3-ubyte.gz"))
    y = idx_labels(os.path.join(cfg["data_dir"], "fashion-mnist", "train-labels-idx1-ubyte.gz"))
    x = torch.from_numpy((x.astype(np.float32) / 255.0))
    y = torch.from_numpy(y)
    gemm = sgemm_gflops()
    ct = os.environ.get("OPENBLAS_CORETYPE")
    forced = f" (OPENBLAS_CORETYPE={ct})" if ct else ""
    note = (f"torch {torch.__version__}, 1 thread, BLAS {loaded_blas()}, OpenBLAS core {openblas_core()}{forced}, "
            f"sgemm {gemm:.1f} GFLOP/s"
            + ("" if gemm > 10 else " -- WARNING: this looks like the reference BLAS; install libopenblas0-pthread"))
    print(json.dumps({"ready": True, "note": note}), flush=True)
    models = {m["key"]: m for m in cfg["models"]}
    trainers = {}
    rng = np.random.default_rng(1)
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        key = cmd["model"]
        if key not in trainers:
            trainers[key] = Trainer(models[key], x, y, rng)
        ms = trainers[key].timed(int(cmd.get("warmup", 0)), int(cmd["steps"]))
        print(json.dumps({"model": key, "ms_per_step": ms}), flush=True)


if __name__ == "__main__":
    main()
