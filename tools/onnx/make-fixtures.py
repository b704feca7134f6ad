#!/usr/bin/python3
"""Makes the ONNX test fixtures of tests/TinyNet.Tests/Onnx/Fixtures (import, export and refusal tests).

The fixtures are generated, not hand-made: PyTorch exports the shapes people really produce
(nn.Sequential with Flatten/Linear/Tanh/Softmax at opsets 11-17, with and without constant
folding), onnx.helper writes the Keras-style MatMul+Add graphs and the graphs TinyNet must refuse,
and a small MNIST digit model is trained here, outside TinyNet. Next to each model a .json holds
fixed inputs and the outputs PyTorch (or numpy) computed for them; the C# tests compare TinyNet
with ONNX Runtime on those inputs, so CI needs neither PyTorch nor this script.

Regenerate (Debian's packages; the Debian python, not a pyenv one):
    apt-get update && apt-get install -y python3-torch python3-onnx
    /usr/bin/python3 tools/onnx/make-fixtures.py            # needs data/mnist (tools/fetch-mnist.sh)
Everything is seeded, so a rerun on the same package versions writes the same numbers.
"""
import json
import os
import struct
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "tests", "TinyNet.Tests", "Onnx", "Fixtures")
MNIST = os.path.join(ROOT, "data", "mnist")


def save_reference(name, inputs, outputs, extra=None):
    """Writes name.json: the input shape, the inputs and the reference outputs (flattened per sample)."""
    inputs = np.asarray(inputs, dtype=np.float32)
    outputs = np.asarray(outputs, dtype=np.float32)
    data = {
        "input_shape": list(inputs.shape),
        "inputs": inputs.reshape(inputs.shape[0], -1).tolist(),
        "outputs": outputs.reshape(outputs.shape[0], -1).tolist(),
    }
    if extra:
        data.update(extra)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(data, f)


def torch_export(model, sample, name, opset, fold, dynamic=True):
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, sample, path, opset_version=opset, do_constant_folding=fold,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}} if dynamic else None)
    onnx.checker.check_model(onnx.load(path))
    return path


def sequential_fixtures():
    """nn.Sequential(Flatten, Linear, Tanh, Linear, Softmax) at every opset 11-17, folded and not."""
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(12, 8), torch.nn.Tanh(),
                                torch.nn.Linear(8, 4), torch.nn.Softmax(dim=1))
    inputs = torch.rand(5, 1, 3, 4)
    with torch.no_grad():
        outputs = model(inputs)
    for opset in range(11, 18):
        for fold in (True, False):
            name = f"seq_opset{opset}_{'fold' if fold else 'nofold'}"
            torch_export(model, inputs[:1], name, opset, fold)
            save_reference(name, inputs, outputs)

    # Weights used transposed in the forward pass (x @ W.t() + b): without constant folding the
    # exporter leaves a Transpose node on the weight, which import must fold itself.
    class TransposedLinear(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.w1 = torch.nn.Parameter(torch.randn(8, 12) * 0.3)
            self.b1 = torch.nn.Parameter(torch.randn(8) * 0.1)
            self.w2 = torch.nn.Parameter(torch.randn(4, 8) * 0.3)

        def forward(self, x):
            h = torch.sigmoid(x.flatten(1) @ self.w1.t() + self.b1)
            return torch.softmax(h @ self.w2.t(), dim=-1)

    model = TransposedLinear()
    with torch.no_grad():
        outputs = model(inputs)
    for fold in (True, False):
        name = f"matmul_transposed_{'fold' if fold else 'nofold'}"
        torch_export(model, inputs[:1], name, 13, fold)
        save_reference(name, inputs, outputs)

    # ReLU, Sigmoid and a last layer without activation, on a flat input.
    torch.manual_seed(2)
    model = torch.nn.Sequential(torch.nn.Linear(6, 5), torch.nn.ReLU(), torch.nn.Linear(5, 5), torch.nn.Sigmoid(),
                                torch.nn.Linear(5, 3))
    inputs = torch.rand(4, 6) * 2 - 1
    with torch.no_grad():
        outputs = model(inputs)
    torch_export(model, inputs[:1], "relu_sigmoid_linear", 13, True)
    save_reference("relu_sigmoid_linear", inputs, outputs)


def keras_style_fixtures():
    """What tf2onnx makes of a Keras Sequential(Flatten, Dense(relu), Dense(softmax)): Reshape, MatMul + Add."""
    rng = np.random.default_rng(3)
    w1 = rng.normal(0, 0.5, (12, 8)).astype(np.float32)
    b1 = rng.normal(0, 0.1, 8).astype(np.float32)
    w2 = rng.normal(0, 0.5, (8, 4)).astype(np.float32)
    b2 = rng.normal(0, 0.1, 4).astype(np.float32)
    x = rng.random((5, 3, 4)).astype(np.float32)

    def reference(w1, b1, w2, b2):
        h = np.maximum(x.reshape(5, 12) @ w1 + b1, 0)
        z = h @ w2 + b2
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    nodes = [
        helper.make_node("Reshape", ["input_1", "shape"], ["flat"], name="sequential/flatten/Reshape"),
        helper.make_node("MatMul", ["flat", "dense/kernel"], ["mm1"], name="sequential/dense/MatMul"),
        helper.make_node("Add", ["mm1", "dense/bias"], ["z1"], name="sequential/dense/BiasAdd"),
        helper.make_node("Relu", ["z1"], ["h1"], name="sequential/dense/Relu"),
        helper.make_node("MatMul", ["h1", "dense_1/kernel"], ["mm2"], name="sequential/dense_1/MatMul"),
        helper.make_node("Add", ["dense_1/bias", "mm2"], ["z2"], name="sequential/dense_1/BiasAdd"),
        helper.make_node("Softmax", ["z2"], ["dense_1"], name="sequential/dense_1/Softmax", axis=-1),
    ]
    inits = [numpy_helper.from_array(np.array([-1, 12], dtype=np.int64), "shape"),
             numpy_helper.from_array(w1, "dense/kernel"), numpy_helper.from_array(b1, "dense/bias"),
             numpy_helper.from_array(w2, "dense_1/kernel"), numpy_helper.from_array(b2, "dense_1/bias")]
    graph = helper.make_graph(nodes, "sequential", [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["unk__6", 3, 4])],
                              [helper.make_tensor_value_info("dense_1", TensorProto.FLOAT, ["unk__7", 4])], inits)
    save_model(graph, "keras_matmul_add", 13)
    save_reference("keras_matmul_add", x, reference(w1, b1, w2, b2))

    # The same graph with a float64 first kernel and a float16 second one, each Cast to float32
    # (how such weights reach a float graph), and the Reshape's shape from a Constant node.
    w2_half = w2.astype(np.float16)
    nodes = [
        helper.make_node("Constant", [], ["shape"], name="shape_constant",
                         value=numpy_helper.from_array(np.array([0, -1], dtype=np.int64))),
        helper.make_node("Cast", ["kernel64"], ["dense/kernel"], name="cast_kernel64", to=TensorProto.FLOAT),
        helper.make_node("Cast", ["kernel16"], ["dense_1/kernel"], name="cast_kernel16", to=TensorProto.FLOAT),
    ] + nodes
    inits = [numpy_helper.from_array(w1.astype(np.float64), "kernel64"), numpy_helper.from_array(b1, "dense/bias"),
             numpy_helper.from_array(w2_half, "kernel16"), numpy_helper.from_array(b2, "dense_1/bias")]
    graph = helper.make_graph(nodes, "sequential", [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["unk__6", 3, 4])],
                              [helper.make_tensor_value_info("dense_1", TensorProto.FLOAT, ["unk__7", 4])], inits)
    save_model(graph, "keras_float64_float16", 13)
    save_reference("keras_float64_float16", x, reference(w1, b1, w2_half.astype(np.float32), b2))


def gemm_options_fixture():
    """Gemm with the weight first (transB), alpha and beta, then with the data transposed (transA)."""
    rng = np.random.default_rng(4)
    w1 = rng.normal(0, 0.5, (5, 6)).astype(np.float32)     # [neurons, inputs]
    b1 = rng.normal(0, 0.1, (5, 1)).astype(np.float32)     # a column: the output is [neurons, 1]
    w2 = rng.normal(0, 0.5, (3, 5)).astype(np.float32)
    b2 = rng.normal(0, 0.1, 3).astype(np.float32)
    x = rng.random((1, 6)).astype(np.float32)
    nodes = [
        helper.make_node("Gemm", ["W1", "input", "B1"], ["z1"], name="gemm_weight_first", transB=1, alpha=0.5, beta=2.0),
        helper.make_node("Tanh", ["z1"], ["h1"], name="tanh"),
        helper.make_node("Gemm", ["h1", "W2", "B2"], ["output"], name="gemm_data_transposed", transA=1, transB=1),
    ]
    inits = [numpy_helper.from_array(a, n) for a, n in ((w1, "W1"), (b1, "B1"), (w2, "W2"), (b2, "B2"))]
    graph = helper.make_graph(nodes, "gemm_options", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 6])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 3])], inits)
    save_model(graph, "gemm_options", 13)
    h = np.tanh(0.5 * (w1 @ x.T) + 2.0 * b1)
    save_reference("gemm_options", x, (h.T @ w2.T + b2))


def refused_fixtures():
    """Graphs TinyNet must refuse, each for one reason (the tests check the one-line message)."""
    torch.manual_seed(5)
    conv = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.Flatten(), torch.nn.Linear(2 * 2 * 2, 3))
    torch_export(conv, torch.rand(1, 1, 4, 4), "refused_conv", 13, True)

    w = numpy_helper.from_array(np.ones((4, 3), dtype=np.float32), "W")
    out = [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 3])]
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 4])

    two = helper.make_graph([helper.make_node("Add", ["input", "second"], ["sum"], name="add_inputs"),
                             helper.make_node("MatMul", ["sum", "W"], ["output"], name="fc")], "two_inputs",
                            [x, helper.make_tensor_value_info("second", TensorProto.FLOAT, ["batch", 4])], out, [w])
    save_model(two, "refused_two_inputs", 13)

    dynamic = helper.make_graph([helper.make_node("RandomNormal", [], ["W_random"], name="noise", shape=[4, 3]),
                                 helper.make_node("MatMul", ["input", "W_random"], ["output"], name="fc")],
                                "dynamic_weight", [x], out, [])
    save_model(dynamic, "refused_dynamic_weight", 13)

    axis0 = helper.make_graph([helper.make_node("MatMul", ["input", "W"], ["z"], name="fc"),
                               helper.make_node("Softmax", ["z"], ["output"], name="softmax_over_batch", axis=0)],
                              "softmax_axis0", [x], out, [w])
    save_model(axis0, "refused_softmax_axis0", 13)


def save_model(graph, name, opset):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="make-fixtures.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name + ".onnx"))


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">ii", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">ii", data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def mnist_fixture():
    """A 784-64-10 digit model trained here (Adam, 5 epochs), on inputs normalized the usual PyTorch way.

    Its input scaling travels in metadata_props, which tinynet import reads and folds into the first layer.
    """
    names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
    if not all(os.path.exists(os.path.join(MNIST, n)) for n in names):
        sys.exit(f"make-fixtures.py: MNIST is not in {MNIST}; run tools/fetch-mnist.sh first")
    train_x, train_y, test_x, test_y = (read_idx(os.path.join(MNIST, n)) for n in names)
    scale, mean, std = 1.0 / 255.0, 0.1307, 0.3081

    def normalize(pixels):
        return (torch.from_numpy(pixels.astype(np.float32)) * scale - mean) / std

    torch.manual_seed(6)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10),
                                torch.nn.Softmax(dim=1))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = normalize(train_x), torch.from_numpy(train_y.astype(np.int64))
    for epoch in range(5):
        model.train()
        order = torch.randperm(len(x))
        for start in range(0, len(x), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            logits = model[:-1](x[batch])          # the softmax is fused into the loss while training
            loss = torch.nn.functional.cross_entropy(logits, y[batch])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(normalize(test_x)).argmax(1).numpy() == test_y).mean()
        print(f"mnist epoch {epoch + 1}: test accuracy {100 * accuracy:.2f} %")
    if accuracy < 0.97:
        sys.exit(f"make-fixtures.py: the MNIST model reached only {100 * accuracy:.2f} %, below the 97 % the tests expect")

    path = torch_export(model, normalize(test_x[:1]).reshape(1, 1, 28, 28), "mnist_784_64_10", 13, True)
    onnx_model = onnx.load(path)
    for key, value in (("input_scale", repr(scale)), ("input_mean", repr(mean)), ("input_std", repr(std))):
        onnx_model.metadata_props.append(onnx.StringStringEntryProto(key=key, value=value))
    onnx.save(onnx_model, path)
    sample = test_x[:10]
    with torch.no_grad():
        outputs = model(normalize(sample))
    # The inputs saved are the raw pixels (0-255): the board's input; the ONNX model sees them normalized.
    save_reference("mnist_784_64_10", sample.reshape(10, 1, 28, 28), outputs,
                   {"labels": test_y[:10].tolist(), "test_accuracy": float(accuracy),
                    "input_scale": scale, "input_mean": mean, "input_std": std})


def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"torch {torch.__version__}, onnx {onnx.__version__}; writing {OUT}")
    sequential_fixtures()
    keras_style_fixtures()
    gemm_options_fixture()
    refused_fixtures()
    mnist_fixture()
    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, name)):8d}  {name}")


if __name__ == "__main__":
    main()
