"""PyTorch reference for `tools/bench.sh`: the same network and recipe as TinyNet's benchmark.

784 -> 128 (tanh) -> 10 (softmax + cross-entropy), plain SGD, Glorot-uniform weights, zero biases,
learning rate 0.5 decaying linearly to 0.025 over the run, batch 32, 4 epochs, shuffled each epoch.
TinyNet's default recipe also shifts images by up to one pixel; this reference does not (the step
costs below are measured without augmentation on both sides). Prints one JSON object.
"""
import gzip, json, os, struct, sys, time

import numpy as np
import torch


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, images, labels):
    x = idx(os.path.join(folder, images)).reshape(-1, 784).astype(np.float32) / 255.0
    y = idx(os.path.join(folder, labels)).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def network(hidden=128):
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(784, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 10))
    for layer in (net[0], net[2]):
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    return net


def train(net, x, y, batch, epochs, lr0=0.5, final=0.05, limit=None, on_epoch=None):
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=lr0)
    n = x.shape[0] if limit is None else limit
    steps = epochs * (n // batch)
    step = 0
    for epoch in range(epochs):
        order = torch.randperm(x.shape[0])[:n]
        start = time.perf_counter()
        for b in range(n // batch):
            index = order[b * batch:(b + 1) * batch]
            for group in opt.param_groups:
                group["lr"] = lr0 * (1 - (1 - final) * step / max(1, steps - 1))
            opt.zero_grad(set_to_none=True)
            loss_fn(net(x[index]), y[index]).backward()
            opt.step()
            step += 1
        if on_epoch:
            on_epoch(epoch, time.perf_counter() - start)


def accuracy(net, x, y):
    with torch.no_grad():
        return float((net(x).argmax(1) == y).float().mean()) * 100


def blas_in_use():
    """Which BLAS this process really loaded (LD_LIBRARY_PATH may have put OpenBLAS first)."""
    with open("/proc/self/maps") as maps:
        text = maps.read()
    return "openblas" if "openblas" in text else "reference"


def main():
    folder = sys.argv[1]
    torch.set_num_threads(os.cpu_count() or 1)
    xtr, ytr = load(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte")
    xte, yte = load(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    out = {"torch": torch.__version__, "blas": blas_in_use(),
           "threads": torch.get_num_threads()}

    samples = 10000  # batch 1 is slow in PyTorch: time 10,000 samples, report per sample
    net = network()
    train(net, xtr, ytr, 1, 1, lr0=0.02, limit=200)  # warm-up
    start = time.perf_counter()
    train(net, xtr, ytr, 1, 1, lr0=0.02, limit=samples)
    out["batch1_us_per_sample"] = (time.perf_counter() - start) / samples * 1e6

    net = network()
    epochs = []
    start = time.perf_counter()
    train(net, xtr, ytr, 32, 4, on_epoch=lambda e, s: epochs.append(s))
    out["default_train_s"] = time.perf_counter() - start
    out["batch32_s_per_epoch"] = min(epochs)
    out["default_test_accuracy"] = accuracy(net, xte, yte)

    net.eval()
    with torch.no_grad():
        for i in range(200):
            net(xte[i:i + 1])
        count = 5000
        start = time.perf_counter()
        for i in range(count):
            net(xte[i:i + 1])
        out["inference_images_per_s"] = count / (time.perf_counter() - start)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
