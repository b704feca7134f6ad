"""Reference for `tinynet bench --dense` (issue 13): the same dense work, done by numpy or PyTorch.

MNIST with every pixel inverted (255 - x, scaled to [0, 1], so no input is zero), 784 -> 128 (tanh)
-> 10 (softmax + cross-entropy averaged over the batch), plain SGD at learning rate 0.02 decaying
linearly to 5 % over the epoch, Glorot-uniform weights, zero biases, batch 32, one epoch in a
shuffled order, all float32. Then the 10,000 test images as one batch (dense and as they are).
`numpy` is that step written with numpy's matrix products (through whichever BLAS numpy loaded);
`torch` is torch.nn + torch.optim.SGD with torch.nn.CrossEntropyLoss, the same schedule and batches.
Prints one JSON object. Run it with Debian's python3-numpy / python3-torch; put OpenBLAS's
libblas.so.3 first on LD_LIBRARY_PATH for the OpenBLAS figure (the "blas" field says which BLAS was
really loaded; tools/bench.sh does this):
    python3 tools/bench/dense_reference.py [--framework numpy|torch] [--threads N] data/mnist
"""
import argparse, ctypes, json, os, struct, sys, time

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


def torch_train_epoch(torch, x, y, rng):
    """train_epoch with torch.nn and torch.optim.SGD: the same batches, schedule and initial weights."""
    w1, w2 = glorot(rng, 784, HIDDEN), glorot(rng, HIDDEN, CLASSES)
    net = torch.nn.Sequential(torch.nn.Linear(784, HIDDEN), torch.nn.Tanh(), torch.nn.Linear(HIDDEN, CLASSES))
    with torch.no_grad():
        net[0].weight.copy_(torch.from_numpy(w1.T.copy()))
        net[2].weight.copy_(torch.from_numpy(w2.T.copy()))
        net[0].bias.zero_()
        net[2].bias.zero_()
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=LR)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    order = torch.from_numpy(rng.permutation(x.shape[0]))
    steps = x.shape[0] // BATCH
    start, cpu = time.perf_counter(), time.thread_time()
    for b in range(steps):
        for group in opt.param_groups:
            group["lr"] = LR * (1 - 0.95 * b / max(1, steps - 1))
        index = order[b * BATCH:(b + 1) * BATCH]
        opt.zero_grad(set_to_none=True)
        loss_fn(net(xt[index]), yt[index]).backward()
        opt.step()
    return time.perf_counter() - start, time.thread_time() - cpu, net


def torch_predict(torch, x, net):
    with torch.no_grad():
        return net(x).argmax(1)


def one_batch_ms(x, predict_all):
    """Best of five (wall ms, this thread's CPU ms) for predict_all(x)."""
    predict_all(x)
    wall = cpu = float("inf")
    for _ in range(5):
        start, cpu_start = time.perf_counter(), time.thread_time()
        predict_all(x)
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
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", choices=["numpy", "torch"], default="numpy")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("folder")
    args = parser.parse_args()
    folder = args.folder
    x, y = load(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", invert=True)
    xte, yte = load(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", invert=True)
    xte_sparse, _ = load(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", invert=False)
    xs, ys = load(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", invert=False)
    rng = np.random.default_rng(1)
    if args.framework == "torch":
        import torch
        torch.set_num_threads(args.threads)
        train = lambda xx, yy: torch_train_epoch(torch, xx, yy, rng)
        predictor = lambda net: (lambda xx: torch_predict(torch, xx, net))
        xte, xte_sparse = torch.from_numpy(xte), torch.from_numpy(xte_sparse)
        out = {"framework": "torch", "version": torch.__version__, "threads": torch.get_num_threads()}
    else:
        train = lambda xx, yy: train_epoch(xx, yy, rng)
        predictor = lambda weights: (lambda xx: predict(xx, weights))
        out = {"framework": "numpy", "version": np.__version__, "threads": args.threads}
    train(x[:3200], y[:3200])  # warm-up (and loads the BLAS library)
    blas, core = blas_in_use()
    out.update({"numpy": np.__version__, "blas": blas, "openblas_core": core,
                "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"), "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE")})

    seconds, cpu, trained = train(x, y)
    steps = x.shape[0] // BATCH
    flops = 2.0 * BATCH * (2 * 784 * HIDDEN + 3 * HIDDEN * CLASSES) * steps
    out["dense_batch32_s_per_epoch"] = seconds
    out["dense_batch32_cpu_s_per_epoch"] = cpu
    # Per second of wall time: with two threads this thread's CPU time leaves the other thread out.
    out["dense_batch32_gflops"] = flops / (cpu if args.threads == 1 else seconds) / 1e9
    run = predictor(trained)
    out["dense_test_accuracy"] = float((np.asarray(run(xte)) == yte).mean()) * 100
    out["dense_10k_batch_ms"], out["dense_10k_batch_cpu_ms"] = one_batch_ms(xte, run)

    seconds, cpu, sparse_trained = train(xs, ys)
    out["sparse_batch32_s_per_shuffled_epoch"] = seconds
    out["sparse_batch32_cpu_s_per_shuffled_epoch"] = cpu
    out["sparse_10k_batch_ms"], out["sparse_10k_batch_cpu_ms"] = one_batch_ms(xte_sparse, predictor(sparse_trained))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
