"""numpy reference for `tinynet bench --dense` (issue 13): the same dense work, done by numpy's BLAS.

MNIST with every pixel inverted (255 - x, scaled to [0, 1], so no input is zero), 784 -> 128 (tanh)
-> 10 (softmax + cross-entropy averaged over the batch), plain SGD at learning rate 0.02 decaying
linearly to 5 % over the epoch, Glorot-uniform weights, zero biases, batch 32, one epoch in a
shuffled order, all float32. Then the 10,000 test images as one batch (dense and as they are).
Prints one JSON object. Run it with Debian's python3-numpy; put OpenBLAS's libblas.so.3 first on
LD_LIBRARY_PATH for the OpenBLAS figure (the "blas" field says which BLAS was really loaded):
    python3 tools/bench/dense_reference.py data/mnist
"""
import ctypes, json, os, struct, sys, time

import numpy as np

BATCH, HIDDEN, CLASSES, LR = 32, 128, 10, 0.02


def idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, images, labels, invert):
    pixels = idx(os.path.join(folder, images)).reshape(-1, 784)
    if invert:
        pixels = 255 - pixels
    return (pixels.astype(np.float32) / 255.0), idx(os.path.join(folder, labels)).astype(np.int64)


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def train_epoch(x, y, rng):
    """One shuffled epoch; returns (wall seconds, this thread's CPU seconds, weights), steps only, as TinyNet times it."""
    w1, b1 = glorot(rng, 784, HIDDEN), np.zeros(HIDDEN, np.float32)
    w2, b2 = glorot(rng, HIDDEN, CLASSES), np.zeros(CLASSES, np.float32)
    onehot = np.eye(CLASSES, dtype=np.float32)
    order = rng.permutation(x.shape[0])
    steps = x.shape[0] // BATCH
    start, cpu = time.perf_counter(), time.thread_time()
    for b in range(steps):
        lr = np.float32(LR * (1 - 0.95 * b / max(1, steps - 1)))
        index = order[b * BATCH:(b + 1) * BATCH]
        xb, tb = x[index], onehot[y[index]]
        h = np.tanh(xb @ w1 + b1)
        z = h @ w2 + b2
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        dz2 = (p - tb) / np.float32(BATCH)
        dh = dz2 @ w2.T
        w2 -= lr * (h.T @ dz2)
        b2 -= lr * dz2.sum(axis=0)
        dz1 = dh * (1 - h * h)
        w1 -= lr * (xb.T @ dz1)
        b1 -= lr * dz1.sum(axis=0)
    return time.perf_counter() - start, time.thread_time() - cpu, (w1, b1, w2, b2)


def predict(x, weights):
    w1, b1, w2, b2 = weights
    return (np.tanh(x @ w1 + b1) @ w2 + b2).argmax(axis=1)


def one_batch_ms(x, weights):
    """Best of five (wall ms, this thread's CPU ms)."""
    predict(x, weights)
    wall = cpu = float("inf")
    for _ in range(5):
        start, cpu_start = time.perf_counter(), time.thread_time()
        predict(x, weights)
        cpu = min(cpu, time.thread_time() - cpu_start)
        wall = min(wall, time.perf_counter() - start)
    return wall * 1e3, cpu * 1e3


def blas_in_use():
    """Which BLAS this process loaded, and OpenBLAS's own name for the kernels it chose."""
    with open("/proc/self/maps") as maps:
        text = maps.read()
    if "openblas" not in text:
        return "reference", None
    for line in text.splitlines():
        path = line.split()[-1]
        if "openblas" in os.path.basename(path) and ".so" in path:
            try:
                lib = ctypes.CDLL(path)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                return "openblas", lib.openblas_get_corename().decode()
            except (OSError, AttributeError):
                continue
    return "openblas", None


def main():
    folder = sys.argv[1]
    x, y = load(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", invert=True)
    xte, yte = load(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", invert=True)
    xte_sparse, _ = load(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", invert=False)
    rng = np.random.default_rng(1)
    blas, core = blas_in_use()
    out = {"numpy": np.__version__, "blas": blas, "openblas_core": core,
           "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"), "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE")}

    train_epoch(x[:3200], y[:3200], rng)  # warm-up
    seconds, cpu, weights = train_epoch(x, y, rng)
    steps = x.shape[0] // BATCH
    flops = 2.0 * BATCH * (2 * 784 * HIDDEN + 3 * HIDDEN * CLASSES) * steps
    out["dense_batch32_s_per_epoch"] = seconds
    out["dense_batch32_cpu_s_per_epoch"] = cpu
    out["dense_batch32_gflops"] = flops / cpu / 1e9
    out["dense_test_accuracy"] = float((predict(xte, weights) == yte).mean()) * 100
    out["dense_10k_batch_ms"], out["dense_10k_batch_cpu_ms"] = one_batch_ms(xte, weights)

    xs, ys = load(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", invert=False)
    seconds, cpu, sparse_weights = train_epoch(xs, ys, rng)
    out["sparse_batch32_s_per_shuffled_epoch"] = seconds
    out["sparse_batch32_cpu_s_per_shuffled_epoch"] = cpu
    out["sparse_10k_batch_ms"], out["sparse_10k_batch_cpu_ms"] = one_batch_ms(xte_sparse, sparse_weights)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
