#!/usr/bin/env bash
# MNIST benchmark, TinyNet beside PyTorch in one run (issue 5):
#   TinyNet (tinynet bench) · PyTorch with Debian's reference BLAS · the same PyTorch with OpenBLAS.
# Installs what it needs when missing: python3-torch (apt), OpenBLAS (apt-get download, unpacked into
# artifacts/bench/, put first on LD_LIBRARY_PATH for the second PyTorch run), MNIST (tools/fetch-mnist.sh).
#   tools/bench.sh [--quick]     (--quick: TinyNet skips its two full training recipes)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
[[ "${1:-}" == "--quick" ]] && quick=(--quick)

work=artifacts/bench
mkdir -p "$work"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "bench: installing python3-torch (Debian) ..." >&2
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch >/dev/null
fi
openblas="$work/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ ! -e "$openblas/libblas.so.3" ]; then
  echo "bench: fetching OpenBLAS (libopenblas0-pthread) ..." >&2
  (cd "$work" && rm -f libopenblas0-pthread_*.deb && apt-get download libopenblas0-pthread >/dev/null 2>&1 \
     || { apt-get update -q >/dev/null && apt-get download libopenblas0-pthread >/dev/null 2>&1; })
  dpkg-deb -x "$work"/libopenblas0-pthread_*.deb "$work/openblas"
fi
tools/fetch-mnist.sh >/dev/null
dotnet build host/TinyNet.Cli -c Release --nologo -v q -o "$work/bin" >/dev/null

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$work/bin/tinynet" bench --json "${quick[@]}" > "$work/tinynet.json"
/usr/bin/python3 tools/bench/reference.py data/mnist > "$work/torch-reference.json"
LD_LIBRARY_PATH="$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" /usr/bin/python3 tools/bench/reference.py data/mnist > "$work/torch-openblas.json"

/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
t = json.load(open(f"{work}/tinynet.json"))
r = json.load(open(f"{work}/torch-reference.json"))
o = json.load(open(f"{work}/torch-openblas.json"))
assert o["blas"] == "openblas", "the OpenBLAS run did not load OpenBLAS"
rows = [("µs per training sample, batch 1", "batch1_us_per_sample", False),
        ("s per epoch, batch 32", "batch32_s_per_epoch", False),
        ("images/s, one-at-a-time inference", "inference_images_per_s", True),
        ("test accuracy, default recipe (%)", "default_test_accuracy", True),
        ("s of training, default recipe", "default_train_s", False)]
print(f"{'figure':36} {'TinyNet':>12} {'PyTorch':>12} {'PyTorch+OB':>12} {'vs PyTorch':>11} {'vs +OpenBLAS':>13}")
for label, key, higher_better in rows:
    a, b, c = t.get(key), r[key], o[key]
    if a is None:
        print(f"{label:36} {'-':>12} {b:12.4g} {c:12.4g}")
        continue
    ratio = (lambda x: a / x) if higher_better else (lambda x: x / a)
    print(f"{label:36} {a:12.4g} {b:12.4g} {c:12.4g} {ratio(b):10.1f}x {ratio(c):12.1f}x")
print(f"{'bytes allocated per step (TinyNet)':36} {t['batch1_bytes_per_step']:12.0f} (batch 1) {t['batch32_bytes_per_step']:.0f} (batch 32)")
if "wide256_test_accuracy" in t:
    print(f"{'784-256-10, 7 epochs (TinyNet)':36} {t['wide256_test_accuracy']:.2f} % in {t['wide256_train_s']:.2f} s")
print("(ratios: how many times faster/better TinyNet is; PyTorch batch 1 timed over 10,000 samples;")
print(" TinyNet's default recipe adds 1-pixel shifts, the reference trains the same network without them)")
PY
