#!/usr/bin/env bash
# Prints the hardening figures in one run (tools/TinyNet.Fuzz, figures mode):
#   - corrupted model files, IDX files and link packets tried (100,000 each by default): refused
#     with a message, still valid, crashes, wrong acceptances (must be 0), vague messages
#   - fuzzer executions and crashes per parser, from the last tools/fuzz.sh run ($FUZZ_DIR)
#   - cut-the-cable / cut-the-power trials during an upload (1,000 by default) and how many left
#     the board without a loadable model
#
#   tools/figures.sh [--count N] [--cuts N] [--fuzz-dir DIR]
# Exit code 1 when any figure is not as required.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="${TINYNET_ARTIFACTS:-/tmp/art-figures}"
dotnet build "$root/tools/TinyNet.Fuzz" -c Release --artifacts-path "$artifacts" -v q -nologo >/dev/null
exec dotnet "$artifacts/bin/TinyNet.Fuzz/release/TinyNet.Fuzz.dll" figures "$@"
