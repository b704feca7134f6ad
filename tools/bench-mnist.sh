#!/usr/bin/env bash
# Measures MNIST training speed and accuracy with the Release CLI, the numbers the README quotes:
#   1. the default recipe (784-128-10) for seeds 1-3: test accuracy and training wall time
#   2. the wide recipe (784-256-10, 7 epochs): test accuracy and training wall time
#   3. raw step cost: batch 1 (µs per sample) and batch 32 (s per epoch), no augmentation
# Training time is what `tinynet train` reports: the SGD steps only, without loading the data
# and without the per-epoch test evaluation (printed separately as "+x s test").
# The box is shared, so run it when nothing else is busy (`uptime` is printed for that reason).
#   tools/bench-mnist.sh [--quick]     (--quick: one seed, skips the wide recipe)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

artifacts=${TINYNET_ARTIFACTS:-$(pwd)/artifacts}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build host/TinyNet.Cli/TinyNet.Cli.csproj -c Release --nologo -v q --artifacts-path "$artifacts" >/dev/null
tinynet() { "$artifacts/bin/TinyNet.Cli/release/tinynet" "$@"; }
tools/fetch-mnist.sh >/dev/null

echo "load: $(uptime | sed 's/.*load average/load average/')"
summary() { grep '^wrote' | sed -E 's/.*test accuracy ([0-9.]+ %), training time ([0-9.]+ s).*/\1 in \2/'; }

seeds=(1 2 3)
((quick)) && seeds=(1)
for seed in "${seeds[@]}"; do
  echo "default recipe, seed $seed: $(tinynet train mnist --out "$out/m.tnn" --seed "$seed" | summary)"
done
if ((!quick)); then
  echo "784-256-10, 7 epochs: $(tinynet train mnist --out "$out/w.tnn" --hidden 256 --epochs 7 | summary)"
fi

# Step cost: one epoch at batch 1 (60 000 steps), two at batch 32 (the second is warm).
seconds=$(tinynet train mnist --out "$out/b1.tnn" --batch 1 --epochs 1 --shift 0 --lr 0.02 | grep '^epoch 1/1' | sed -E 's/.*% +([0-9.]+) s.*/\1/')
echo "batch 1: $(awk -v s="$seconds" 'BEGIN { printf "%.2f µs per sample (%.2f s per epoch)", s / 60000 * 1e6, s }')"
seconds=$(tinynet train mnist --out "$out/b32.tnn" --batch 32 --epochs 2 --shift 0 | grep '^epoch 2/2' | sed -E 's/.*% +([0-9.]+) s.*/\1/')
echo "batch 32: $seconds s per epoch"
