#!/usr/bin/env bash
# MNIST benchmark: TinyNet (`tinynet bench`) against the fastest configuration of each reference,
# all doing the same work (tools/bench/reference.py says what, and where it differs):
#   PyTorch (Debian's python3-torch) with reference BLAS and with OpenBLAS, 1 and 2 threads;
#   numpy + OpenBLAS (a plain numpy implementation of the same SGD step), 1 and 2 threads.
# Each reference runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (this
# machine's environment pins OpenBLAS to its AVX2 "Haswell" kernels), so OpenBLAS picks its kernels
# itself; the kernel it really ran is printed and recorded. Prints one line per step as it goes, then
# every configuration's figures, the fastest of each reference and TinyNet's ratio to it.
# Then the dense case (issue 13; `tinynet bench --dense` against tools/bench/dense_reference.py):
# MNIST inverted (255 - x, no zero input), 784-128-10, batch 32, one shuffled epoch, and the 10,000
# test images as one batch, TinyNet against PyTorch and numpy with OpenBLAS (1 and 2 threads), the
# GFLOP/s against the measured single-core FMA peak, and whether each goal was met.
#   tools/bench.sh [--quick]    (--quick: no full training recipes, batch 1 over 10,000 samples
#                                in the references instead of 60,000: 5-10 minutes on this busy 2-core machine)
# Needs /usr/bin/python3 with python3-torch and python3-numpy (apt); OpenBLAS is unpacked from its
# Debian package into artifacts/bench/ and put first on LD_LIBRARY_PATH only for its runs, so the
# machine's own BLAS choice is left alone. Figures and JSON go to artifacts/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
case "${1:-}" in
  "") ;;
  --quick) quick=(--quick) ;;
  *) echo "bench: unknown option '$1' (use --quick, or nothing for the full run)" >&2; exit 2 ;;
esac
say() { echo "bench: $*" >&2; }

work=artifacts/bench
mkdir -p "$work"
python=/usr/bin/python3
missing=()
[ -x "$python" ] || { echo "bench: $python is missing; install Debian's python3 (apt-get install python3)" >&2; exit 1; }
"$python" -c "import numpy" 2>/dev/null || missing+=(python3-numpy)
"$python" -c "import torch" 2>/dev/null || missing+=(python3-torch)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} (apt-get; PyTorch is about 1 GB) ..."
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  else
    echo "bench: the references need ${missing[*]} for $python; install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
openblas="$work/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ ! -e "$openblas/libblas.so.3" ]; then
  say "fetching OpenBLAS (Debian's libopenblas0-pthread, unpacked into $work/openblas) ..."
  (cd "$work" && rm -f libopenblas0-pthread_*.deb && { apt-get download libopenblas0-pthread >/dev/null 2>&1 \
     || { apt-get update -q >/dev/null && apt-get download libopenblas0-pthread >/dev/null 2>&1; }; }) \
    || { echo "bench: could not download libopenblas0-pthread (apt-get download libopenblas0-pthread failed)" >&2; exit 1; }
  dpkg-deb -x "$work"/libopenblas0-pthread_*.deb "$work/openblas"
fi
openblas=$(cd "$openblas" && pwd)
reference_blas=/usr/lib/x86_64-linux-gnu/blas   # Debian's libblas3 (netlib reference BLAS)
tools/fetch-mnist.sh >/dev/null
say "building the Release CLI into $work/bin ..."
dotnet build host/TinyNet.Cli -c Release --nologo -v q -o "$work/bin" >/dev/null

load() { cut -d' ' -f1-3 /proc/loadavg; }
machine="$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(load) at the start"
say "machine: $machine"
rm -f "$work"/ref-*.json "$work"/dense-*.json
total=11
say "[1/$total] TinyNet (tinynet bench --dense${quick:+ --quick}, 1 thread) ..."
"$work/bin/tinynet" bench --json --dense "${quick[@]}" > "$work/tinynet.json"

# One reference configuration: a fresh process, its own BLAS and thread count, no OpenBLAS pins.
step=1
reference() {  # framework blas threads
  local framework=$1 blas=$2 threads=$3 libs
  step=$((step + 1))
  libs=$reference_blas; [ "$blas" = openblas ] && libs=$openblas
  say "[$step/$total] $framework, $blas BLAS, $threads thread(s) ..."
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$python" tools/bench/reference.py --framework "$framework" --threads "$threads" "${quick[@]}" data/mnist \
    > "$work/ref-$framework-$blas-$threads.json"
}
for threads in 1 2; do reference torch reference "$threads"; done
for threads in 1 2; do reference torch openblas "$threads"; done
for threads in 1 2; do reference numpy openblas "$threads"; done

# The dense case, with OpenBLAS (the faster BLAS for both references in every run so far).
dense_reference() {  # framework threads
  local framework=$1 threads=$2
  step=$((step + 1))
  say "[$step/$total] dense: $framework, openblas BLAS, $threads thread(s) ..."
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    LD_LIBRARY_PATH="$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$python" tools/bench/dense_reference.py --framework "$framework" --threads "$threads" data/mnist \
    > "$work/dense-$framework-openblas-$threads.json"
}
for threads in 1 2; do dense_reference torch "$threads"; done
for threads in 1 2; do dense_reference numpy "$threads"; done
machine="$machine, $(load) at the end"

"$python" - "$work" "$machine" <<'PY' | tee "$work/summary.txt"
import glob, json, sys
work, machine = sys.argv[1], sys.argv[2]
t = json.load(open(f"{work}/tinynet.json"))
configs = []
for path in sorted(glob.glob(f"{work}/ref-*.json")):
    c = json.load(open(path))
    wanted = path.split("ref-")[1].split("-")[1]
    if c["blas"] != wanted:
        sys.exit(f"bench: {path} asked for {wanted} BLAS but loaded {c['blas']} ({c['blas_path']}); the comparison would be wrong")
    kernels = f" ({c['blas_core']})" if "blas_core" in c else ""
    threads = f"{c['threads']} thread" + ("s" if c["threads"] != 1 else "")
    c["name"] = f"{'PyTorch' if c['framework'] == 'torch' else 'numpy'} {c['version'].split('a')[0]}, {c['blas']}{kernels}, {threads}"
    configs.append(c)

rows = [("µs per training sample, batch 1", "b1 µs/sample", "batch1_us_per_sample", False),
        ("s per shuffled epoch, batch 32", "b32 s/epoch", "batch32_s_per_epoch", False),
        ("images/s, one-at-a-time inference", "infer img/s", "inference_images_per_s", True),
        ("s of training, default recipe", "recipe s", "default_train_s", False),
        ("test accuracy, default recipe (%)", "recipe %", "default_test_accuracy", True)]
rows = [r for r in rows if r[2] in t]

print(f"machine: {machine}")
print(f"\n{'configuration':46}" + "".join(f"{short:>13}" for _, short, _, _ in rows))
print(f"{'TinyNet (1 thread)':46}" + "".join(f"{t[key]:13.4g}" for _, _, key, _ in rows))
for c in configs:
    partial = c["batch1_samples"] < (10000 if "default_train_s" not in t else 60000) or c["batch32_steps_timed"] < 1875
    cells = "".join(f"{c[key]:13.4g}" if key in c else f"{'-':>13}" for _, _, key, _ in rows)
    print(f"{c['name']:46}{cells}{'  *' if partial else ''}")
print("(" + "; ".join(f"{short}: {label}" for label, short, _, _ in rows) + ")")
print("(*: too slow to finish its work within the time budget; timed over part of it and scaled up)")

print("\nTinyNet against the fastest configuration of each reference (ratio > 1: TinyNet faster/better):")
for label, _, key, higher in rows:
    print(f"  {label}: TinyNet {t[key]:.4g}")
    for family in ("PyTorch", "numpy"):
        candidates = [c for c in configs if c["name"].startswith(family) and key in c]
        if not candidates:
            continue
        best = (max if higher else min)(candidates, key=lambda c: c[key])
        ratio = t[key] / best[key] if higher else best[key] / t[key]
        print(f"    {family:8} best: {best['name']:46} {best[key]:10.4g}   TinyNet {ratio:.2f}x")
print(f"\nbytes allocated per step (TinyNet): {t['batch1_bytes_per_step']:.0f} at batch 1, {t['batch32_bytes_per_step']:.0f} at batch 32")
if "wide256_test_accuracy" in t:
    print(f"784-256-10, 7 epochs (TinyNet): {t['wide256_test_accuracy']:.2f} % in {t['wide256_train_s']:.2f} s")
print("Same work on both sides: shuffled epochs, the same learning-rate schedules, loss computed every step.")
print("Differences: TinyNet times all 60,000 batch-1 samples (the references 10,000 with --quick);")
print("TinyNet's default recipe also shifts images by up to 1 pixel (extra work on its side);")
print("TinyNet skips zero pixels (sparse input) where the references run dense matrix products.")

# The dense case and the goals of issue 13.
dense = []
for path in sorted(glob.glob(f"{work}/dense-*.json")):
    c = json.load(open(path))
    if c["blas"] != "openblas":
        sys.exit(f"bench: {path} asked for OpenBLAS but loaded {c['blas']}; the comparison would be wrong")
    threads = f"{c['threads']} thread" + ("s" if c["threads"] != 1 else "")
    kernels = f" ({c['openblas_core']})" if c.get("openblas_core") else ""
    c["name"] = f"{'PyTorch' if c['framework'] == 'torch' else 'numpy'} {c['version'].split('a')[0]}, openblas{kernels}, {threads}"
    dense.append(c)
drows = [("s per shuffled epoch, inverted MNIST, batch 32", "dense b32 s", "dense_batch32_s_per_epoch"),
         ("GFLOP/s of that epoch (CPU time; wall time with 2 threads)", "GFLOP/s", "dense_batch32_gflops"),
         ("ms for the 10,000 inverted test images as one batch", "dense 10k ms", "dense_10k_batch_ms"),
         ("ms for the 10,000 test images (as they are) as one batch", "10k ms", "sparse_10k_batch_ms"),
         ("test accuracy after the dense epoch (%)", "dense %", "dense_test_accuracy")]
print(f"\nDense inputs (inverted MNIST, 784-128-10 tanh/softmax, learning rate 0.02):")
print(f"{'configuration':52}" + "".join(f"{short:>14}" for _, short, _ in drows))
print(f"{'TinyNet (1 thread)':52}" + "".join(f"{t[key]:14.4g}" for _, _, key in drows))
for c in dense:
    print(f"{c['name']:52}" + "".join(f"{c[key]:14.4g}" for _, _, key in drows))
print("(" + "; ".join(f"{short}: {label}" for label, short, _ in drows) + ")")

def best(configs, key, family):
    found = [c for c in configs if c["name"].startswith(family) and key in c]
    return min(found, key=lambda c: c[key]) if found else None

print("\nTinyNet against the fastest configuration of each reference, dense (ratio > 1: TinyNet faster):")
for label, _, key in drows[:4]:
    if key == "dense_batch32_gflops":
        continue
    print(f"  {label}: TinyNet {t[key]:.4g}")
    for family in ("PyTorch", "numpy"):
        b = best(dense, key, family)
        if b:
            print(f"    {family:8} best: {b['name']:52} {b[key]:10.4g}   TinyNet {b[key] / t[key]:.2f}x")

print("\nGFLOP/s against this core's measured FMA peak (tinynet bench --dense, FmaPeak):")
peaks = [(bits, t.get(f"peak_gflops_{bits}bit")) for bits in (512, 256)]
peak_text = ", ".join(f"{bits}-bit {p:.0f} GFLOP/s" for bits, p in peaks if p)
print(f"  peak: {peak_text or 'not measured'}; TinyNet's blocked kernel uses {t.get('blocked_kernel_bits', 0):.0f}-bit vectors")
def share(g):
    return ", ".join(f"{100 * g / p:.0f} % of {bits}-bit" for bits, p in peaks if p)
print(f"  TinyNet dense epoch: {t['dense_batch32_gflops']:.1f} GFLOP/s ({share(t['dense_batch32_gflops'])})")
if "blocked_forward_gflops" in t:
    print(f"  TinyNet blocked kernel alone, forward 32 x 784 x 128: {t['blocked_forward_gflops']:.1f} GFLOP/s ({share(t['blocked_forward_gflops'])});"
          f" fused weight step {t['blocked_fused_step_gflops']:.1f} ({share(t['blocked_fused_step_gflops'])})")
for c in dense:
    if c["threads"] == 1:
        print(f"  {c['name']}: {c['dense_batch32_gflops']:.1f} GFLOP/s ({share(c['dense_batch32_gflops'])})")

print("\nGoals (issue 13):")
def goal(text, met, detail):
    print(f"  [{'met' if met else 'NOT met'}] {text}: {detail}")
np_dense = best(dense, "dense_batch32_s_per_epoch", "numpy")
if np_dense:
    goal("dense batch 32 in at most numpy + OpenBLAS's time", t["dense_batch32_s_per_epoch"] <= np_dense["dense_batch32_s_per_epoch"],
         f"TinyNet {t['dense_batch32_s_per_epoch']:.3f} s, numpy {np_dense['dense_batch32_s_per_epoch']:.3f} s ({np_dense['name']})")
np_sparse = [c for c in configs if c["name"].startswith("numpy") and c["blas"] == "openblas" and "batch32_s_per_epoch" in c]
if np_sparse:
    b = min(np_sparse, key=lambda c: c["batch32_s_per_epoch"])
    ratio = b["batch32_s_per_epoch"] / t["batch32_s_per_epoch"]
    goal("sparse MNIST batch 32 at least 2x faster than numpy + OpenBLAS", ratio >= 2,
         f"TinyNet {t['batch32_s_per_epoch']:.3f} s, numpy {b['batch32_s_per_epoch']:.3f} s ({b['name']}): {ratio:.2f}x")
for key, what in (("dense_10k_batch_ms", "inverted"), ("sparse_10k_batch_ms", "as they are")):
    b = best(dense, key, "numpy")
    if b:
        goal(f"the 10,000 test images ({what}) as one batch faster than numpy", t[key] < b[key],
             f"TinyNet {t[key]:.1f} ms, numpy {b[key]:.1f} ms ({b['name']})")
rate = t["inference_images_per_s"]
goal("one-at-a-time inference at least 1,000,000 images/s", rate >= 1e6,
     f"{rate:,.0f} images/s over the whole timed second (wall clock); {t.get('inference_best_round_images_per_s', 0):,.0f} in the best 1,000-image round,"
     f" {t.get('inference_cpu_images_per_s', 0):,.0f} per CPU second; the shared Predictor (the board's code) {t.get('inference_shared_predictor_images_per_s', 0):,.0f}")
PY
