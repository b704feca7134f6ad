#!/usr/bin/env bash
# MNIST benchmark: TinyNet (`tinynet bench`) against the fastest configuration of each reference,
# all doing the same work (tools/bench/reference.py says what, and where it differs):
#   PyTorch (Debian's python3-torch) with reference BLAS and with OpenBLAS, 1 and 2 threads;
#   numpy + OpenBLAS (a plain numpy implementation of the same SGD step), 1 and 2 threads.
# Each reference runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (this
# machine's environment pins OpenBLAS to its AVX2 "Haswell" kernels), so OpenBLAS picks its kernels
# itself; the kernel it really ran is printed and recorded. Prints one line per step as it goes, then
# every configuration's figures, the fastest of each reference and TinyNet's ratio to it.
#   tools/bench.sh [--quick]    (--quick: no full training recipes, batch 1 over 10,000 samples
#                                in the references instead of 60,000: 3-7 minutes on this busy 2-core machine)
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
rm -f "$work"/ref-*.json
total=7
say "[1/$total] TinyNet (tinynet bench${quick:+ --quick}, 1 thread) ..."
"$work/bin/tinynet" bench --json "${quick[@]}" > "$work/tinynet.json"

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
PY
