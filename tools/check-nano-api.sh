#!/usr/bin/env bash
# Builds the shared engine as the host compiles it (host/TinyNet.Engine: only shared/ sources, C# 9)
# and checks every API it references against the nanoFramework API list
# (tools/TinyNet.ApiCheck/nanoframework-api.txt). Exit 0 = all in the list; 1 = violations, one line
# each, naming file:line and method; 2 = the check could not run.
#
# Build output goes to $TINYNET_ARTIFACTS (default: the repository's git-ignored artifacts/ folder),
# so parallel runs can keep apart: TINYNET_ARTIFACTS=/tmp/mine tools/check-nano-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
artifacts=${TINYNET_ARTIFACTS:-$repo/artifacts}

build() {
  local log
  log=$(mktemp)
  if ! dotnet build "$1" -c Release --nologo -v quiet --artifacts-path "$artifacts" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "check-nano-api: building $1 failed (output above)" >&2
    exit 2
  fi
  rm -f "$log"
}

build host/TinyNet.Engine/TinyNet.Engine.csproj
build tools/TinyNet.ApiCheck/TinyNet.ApiCheck.csproj

exec dotnet "$artifacts/bin/TinyNet.ApiCheck/release/TinyNet.ApiCheck.dll" \
  "$artifacts/bin/TinyNet.Engine/release/TinyNet.Engine.dll" --root "$repo" "$@"
