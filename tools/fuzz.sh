#!/usr/bin/env bash
# Fuzzes the parsers with AFL++ through SharpFuzz: the model file reader, the IDX reader, the link
# frame decoder and the board session (tools/TinyNet.Fuzz/Targets/FuzzTargets.cs).
#
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 60 seconds, all four targets
#
# Installs what it needs (AFL++ from Debian, the sharpfuzz CLI as a dotnet local tool from
# tools/dotnet-tools.json), builds the harness into $FUZZ_DIR/bin, instruments the engine and host
# assemblies there (never the build output the tests use), writes the seed corpus, runs afl-fuzz on
# each target, and replays every crash through the harness. Results: $FUZZ_DIR/<target>/ (AFL++'s
# output), $FUZZ_DIR/summary.txt (one line per target, read by tools/figures.sh).
# Any crash is a bug: turn the input into a regression test in tests/TinyNet.Tests/Hardening.
set -euo pipefail

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(model idx link session)
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: seconds must be a whole number, got '$seconds'" >&2; exit 2;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
FUZZ_DIR="${FUZZ_DIR:-/tmp/tinynet-fuzz}"
artifacts="${TINYNET_ARTIFACTS:-/tmp/art-fuzz}"

if ! command -v afl-fuzz >/dev/null; then
  echo "installing AFL++ (Debian package afl++)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
(cd "$root/tools" && dotnet tool restore >/dev/null)

echo "building the harness into $FUZZ_DIR/bin"
rm -rf "$FUZZ_DIR/bin" "$FUZZ_DIR/plain"
dotnet publish "$root/tools/TinyNet.Fuzz" -c Release --artifacts-path "$artifacts" -o "$FUZZ_DIR/plain" -v q -nologo >/dev/null
# Instrumented code only runs under afl-fuzz (it writes to AFL++'s shared coverage map), so the
# corpus writer and the crash replays use the plain copy.
plain=(dotnet "$FUZZ_DIR/plain/TinyNet.Fuzz.dll")
cp -r "$FUZZ_DIR/plain" "$FUZZ_DIR/bin"
# SharpFuzz rewrites the assemblies in place to report branch coverage to AFL++.
for dll in TinyNet.Engine.dll TinyNet.Host.dll; do
  (cd "$root/tools" && dotnet sharpfuzz "$FUZZ_DIR/bin/$dll") >/dev/null
done
harness=(dotnet "$FUZZ_DIR/bin/TinyNet.Fuzz.dll")
rm -rf "$FUZZ_DIR/corpus"
"${plain[@]}" --write-corpus "$FUZZ_DIR/corpus" >/dev/null

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 \
       AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
: > "$FUZZ_DIR/summary.txt.tmp"
status=0
for target in "${targets[@]}"; do
  out="$FUZZ_DIR/$target"
  rm -rf "$out"
  echo "fuzzing $target for $seconds s"
  afl-fuzz -i "$FUZZ_DIR/corpus/$target" -o "$out" -V "$seconds" -t 5000 -m none -- "${harness[@]}" "$target" \
    > "$FUZZ_DIR/$target.log" 2>&1 || { echo "afl-fuzz failed for $target; see $FUZZ_DIR/$target.log" >&2; tail -5 "$FUZZ_DIR/$target.log" >&2; status=1; continue; }
  stats="$out/default/fuzzer_stats"
  execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
  paths=$(awk -F' *: *' '$1=="corpus_count"{print $2}' "$stats")
  edges=$(awk -F' *: *' '$1=="edges_found"{print $2}' "$stats")
  hangs=$(awk -F' *: *' '$1=="saved_hangs"{print $2}' "$stats")
  crashes=0
  for input in "$out"/default/crashes/id:*; do
    [ -e "$input" ] || continue
    crashes=$((crashes + 1))
    "${plain[@]}" "$target" "$input" || true
  done
  echo "$target: $execs executions in $seconds s, $edges branches covered, $paths inputs in the corpus, $crashes crashes, $hangs hangs" | tee -a "$FUZZ_DIR/summary.txt.tmp"
  [ "$crashes" -eq 0 ] || status=1
done
mv "$FUZZ_DIR/summary.txt.tmp" "$FUZZ_DIR/summary.txt"
echo "summary: $FUZZ_DIR/summary.txt"
exit $status
