"""Reference side of `tools/bench.sh`: the same network and the same work as `tinynet bench`.

  reference.py --framework torch|numpy --threads N [--quick] MNIST_FOLDER

784 -> 128 (tanh) -> 10 (softmax + mean cross-entropy over the batch), plain SGD, Glorot-uniform
weights, zero biases. The work timed, identical on both sides:
  * batch 1: a shuffled epoch at learning rate 0.02 decaying linearly to 0.001 (TinyNet runs all
    60,000 samples; this runs 10,000 with --quick, 60,000 without), after 200 warm-up samples;
  * batch 32: one shuffled epoch (1,875 steps) at 0.5 decaying linearly to 0.025, after 20
    warm-up steps;
  * inference: 5,000 test images one at a time, after 200 warm-up images;
  * without --quick, the default recipe: 4 shuffled epochs at batch 32, 0.5 -> 0.025 over the run,
    training time (the SGD steps only) and test accuracy. TinyNet's default recipe also moves every
    image by up to one pixel (more work on its side); this reference does not.
Every step gathers its batch from the shuffled order, computes the loss, the gradients and the
update, as TinyNet's step does. `numpy` is a plain numpy implementation of that step (matrix
products through whichever BLAS numpy loaded); `torch` is torch.nn + torch.optim.SGD.

Progress goes to stderr, one line per phase; stdout gets one JSON object with the figures and the
configuration that produced them: framework version, threads, the BLAS library really loaded
(from /proc/self/maps) and, for OpenBLAS, the kernel it runs (openblas_get_corename) and its
config string.
"""
import argparse, ctypes, gzip, json, os, struct, sys, time

import numpy as np

LR_BATCH1, LR_BATCH32, FINAL_FRACTION = 0.02, 0.5, 0.05
WARMUP_BATCH1, WARMUP_BATCH32, WARMUP_INFERENCE, INFERENCE_IMAGES = 200, 20, 200, 5000


def progress(message):
    print(f"    {message}", file=sys.stderr, flush=True)


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, images, labels):
    x = idx(os.path.join(folder, images)).reshape(-1, 784).astype(np.float32) / np.float32(255)
    y = idx(os.path.join(folder, labels)).astype(np.int64)
    return x, y


def schedule(lr0, steps):
    """The learning rate of each step: lr0 decaying linearly to FINAL_FRACTION * lr0 (TinyNet's MnistRecipe)."""
    final = lr0 * FINAL_FRACTION
    return [lr0 + (final - lr0) * s / max(1, steps - 1) for s in range(steps)]


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)


class NumpyNet:
    """The step written out in numpy: forward, loss, backward, SGD update. np.dot, not the @
    operator: for a batch of 1 the weight gradient is an outer product, which np.dot hands to BLAS
    and @ computes in numpy's own loop (measured 13 against 100 µs for the 784 x 128 product). The
    weight gradients go into buffers allocated once, scaled by the learning rate beforehand."""

    def __init__(self, hidden=128, seed=1):
        rng = np.random.default_rng(seed)
        self.w1, self.b1 = glorot(rng, 784, hidden), np.zeros(hidden, np.float32)
        self.w2, self.b2 = glorot(rng, hidden, 10), np.zeros(10, np.float32)
        self.g1, self.g2 = np.empty_like(self.w1), np.empty_like(self.w2)

    def probabilities(self, x):
        h = np.tanh(np.dot(x, self.w1) + self.b1)
        z = np.dot(h, self.w2) + self.b2
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return h, p

    def step(self, x, y, lr):
        rows = x.shape[0]
        h, p = self.probabilities(x)
        picked = np.arange(rows)
        loss = -np.log(np.maximum(p[picked, y], 1e-7)).mean()
        p[picked, y] -= 1
        dz = p * np.float32(lr / rows)                      # the output gradient, times the learning rate
        dh = np.dot(dz, self.w2.T) * (1 - h * h)
        self.w2 -= np.dot(h.T, dz, out=self.g2)
        self.b2 -= dz.sum(axis=0)
        self.w1 -= np.dot(x.T, dh, out=self.g1)
        self.b1 -= dh.sum(axis=0)
        return loss

    def predict(self, x):
        return self.probabilities(x)[1].argmax(axis=1)


class TorchNet:
    """The same network in torch.nn, trained by torch.optim.SGD."""

    def __init__(self, torch, hidden=128, seed=1):
        self.torch = torch
        torch.manual_seed(seed)
        self.net = torch.nn.Sequential(torch.nn.Linear(784, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 10))
        for layer in (self.net[0], self.net[2]):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
        self.loss = torch.nn.CrossEntropyLoss()
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.1)

    def step(self, x, y, lr):
        for group in self.opt.param_groups:
            group["lr"] = lr
        self.opt.zero_grad(set_to_none=True)
        loss = self.loss(self.net(x), y)
        loss.backward()
        self.opt.step()
        return loss

    def predict(self, x):
        with self.torch.no_grad():
            return self.net(x).argmax(1)


def run_epoch(net, x, y, batch, lrs, rng, limit=None, budget=None):
    """One shuffled pass: steps over a fresh permutation. Returns the seconds the steps took and how
    many ran: all of them (or `limit`), unless `budget` seconds ran out first."""
    order = rng.permutation(x.shape[0])
    steps = len(lrs) if limit is None else min(len(lrs), limit)
    start = time.perf_counter()
    for s in range(steps):
        index = order[s * batch:(s + 1) * batch]
        net.step(x[index], y[index], lrs[s])
        if budget is not None and s % 16 == 15 and time.perf_counter() - start > budget:
            return time.perf_counter() - start, s + 1
    return time.perf_counter() - start, steps


def accuracy(net, x, y):
    return float((np.asarray(net.predict(x)) == np.asarray(y)).mean()) * 100


def loaded_blas():
    """The BLAS this process really loaded (LD_LIBRARY_PATH decides), and OpenBLAS's kernel and config."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "/lib" in line and "blas" in line.split()[-1]})
    info = {"blas": "reference", "blas_path": next((p for p in paths if "libblas" in p), "")}
    for path in paths:
        if "libopenblas" in path:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            info.update(blas="openblas", blas_path=path, blas_core=lib.openblas_get_corename().decode(),
                        blas_config=lib.openblas_get_config().decode(), blas_threads=lib.openblas_get_num_threads())
    return info


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", choices=["torch", "numpy"], required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("folder")
    args = parser.parse_args()

    xtr, ytr = load(args.folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte")
    xte, yte = load(args.folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    if args.framework == "torch":
        import torch
        torch.set_num_threads(args.threads)
        xtr, ytr, xte, yte = (torch.from_numpy(a) for a in (xtr, ytr, xte, yte))
        make = lambda: TorchNet(torch)
        out = {"framework": "torch", "version": torch.__version__, "threads": torch.get_num_threads()}
    else:
        make = NumpyNet
        out = {"framework": "numpy", "version": np.__version__, "threads": args.threads}
    make()  # loads the BLAS library (torch and numpy load it on first use)
    out.update(loaded_blas())
    progress(f"{out['framework']} {out['version']}, {out['threads']} thread(s), BLAS: {out['blas']}"
             + (f" ({out['blas_core']} kernels)" if "blas_core" in out else "") + f" [{out['blas_path']}]")
    rng = np.random.default_rng(2)
    n = xtr.shape[0]

    # A configuration far slower than the others (two threads on a busy 2-core machine ran batch 1
    # at 11 ms per sample) stops timing after `budget` seconds and is scaled up from the steps it
    # ran; the figures say so. The fastest configurations always run the whole work.
    budget = 20 if args.quick else 60
    samples = 10000 if args.quick else n
    net = make()
    run_epoch(net, xtr, ytr, 1, schedule(LR_BATCH1, n), rng, limit=WARMUP_BATCH1)
    seconds, ran = run_epoch(net, xtr, ytr, 1, schedule(LR_BATCH1, n), rng, limit=samples, budget=budget)
    out["batch1_us_per_sample"] = seconds / ran * 1e6
    out["batch1_samples"] = ran
    progress(f"batch 1: {out['batch1_us_per_sample']:.1f} µs per sample ({ran} shuffled samples, {seconds:.1f} s"
             + (f"; stopped at the {budget} s budget)" if ran < samples else ")"))

    steps = n // 32
    net = make()
    run_epoch(net, xtr, ytr, 32, schedule(LR_BATCH32, steps), rng, limit=WARMUP_BATCH32)
    net = make()
    seconds, ran = run_epoch(net, xtr, ytr, 32, schedule(LR_BATCH32, steps), rng, budget=budget)
    out["batch32_s_per_epoch"] = seconds / ran * steps
    out["batch32_steps_timed"] = ran
    progress(f"batch 32: {out['batch32_s_per_epoch']:.3f} s per shuffled epoch"
             + (f" ({ran} of {steps} steps in the {budget} s budget, scaled up)" if ran < steps else f" ({steps} steps)"))

    if not args.quick and ran < steps:
        progress("default recipe: skipped (this configuration could not run one epoch within the budget)")
    elif not args.quick:
        net = make()
        lrs = schedule(LR_BATCH32, 4 * steps)
        out["default_train_s"] = sum(run_epoch(net, xtr, ytr, 32, lrs[e * steps:(e + 1) * steps], rng)[0]
                                     for e in range(4))
        out["default_test_accuracy"] = accuracy(net, xte, yte)
        progress(f"default recipe (4 epochs, batch 32): {out['default_test_accuracy']:.2f} % in {out['default_train_s']:.2f} s")

    for i in range(WARMUP_INFERENCE):
        net.predict(xte[i:i + 1])
    start = time.perf_counter()
    for i in range(INFERENCE_IMAGES):
        net.predict(xte[i:i + 1])
    out["inference_images_per_s"] = INFERENCE_IMAGES / (time.perf_counter() - start)
    progress(f"inference: {out['inference_images_per_s']:.0f} images/s, one at a time")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
