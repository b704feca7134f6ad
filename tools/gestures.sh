#!/usr/bin/env bash
# The generated accelerometer-gesture data set (tools/TinyNet.Gestures): windows of 3 axes × 20
# samples labelled idle, wave, circle, shake or tap, the same for a given seed.
#
#   tools/gestures.sh write --out tools/data/gestures.csv [--count N] [--seed S]
#       N windows of each gesture (default 150, seed 1: the committed tools/data/gestures.csv)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="${TINYNET_ARTIFACTS:-/tmp/art-gestures}"
dotnet build "$root/tools/TinyNet.Gestures" -c Release --artifacts-path "$artifacts" -v q -nologo >/dev/null
exec dotnet "$artifacts/bin/TinyNet.Gestures/release/TinyNet.Gestures.dll" "$@"
