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

"$python" tools/bench/summary.py "$work" "$machine" | tee "$work/summary.txt"
