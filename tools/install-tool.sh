#!/usr/bin/env bash
# Installs the `tinynet` command from this repository as a .NET global tool, so that `tinynet`
# works in any folder (tools/quickstart.sh calls this first; run it again after changing the code).
#   tools/install-tool.sh
# What it does:
#   1. `dotnet pack` host/TinyNet.Cli (Release) into artifacts/tool/, for this machine's runtime
#      identifier only (framework-dependent): the portable package carries SkiaSharp's native
#      libraries for 25 platforms, 188 MB, instead of 7.5 MB;
#   2. `dotnet tool update --global` from that folder, which installs the tool when it is missing
#      and replaces it when it is there, so a second run does not fail.
# Each pack gets a version of its own (0.1.0-dev.<UTC time>): reinstalling an unchanged version
# number would keep the old build ("is already installed"), not the code just packed.
# The command lands in ~/.dotnet/tools (or $DOTNET_CLI_HOME/.dotnet/tools); the script says so and
# prints the line to add to your shell's profile when that folder is not on PATH.
# Prints the installed command's full path on its last line (tools/quickstart.sh reads it).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "install-tool: the .NET 10 SDK is not installed (no 'dotnet' on PATH); install it, then run this again" >&2; exit 1; }
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
[ -n "$rid" ] || { echo "install-tool: 'dotnet --info' did not say this machine's runtime identifier (RID)" >&2; exit 1; }

version="0.1.0-dev.$(date -u +%Y%m%d%H%M%S)"
feed=artifacts/tool
rm -f "$feed"/TinyNet.Cli.*.nupkg
echo "install-tool: packing tinynet $version for $rid ..." >&2
# A build folder of its own (--artifacts-path): packing for one RID restores the projects for that
# RID, which must not disturb the obj/ folders the tests build in.
if ! dotnet pack host/TinyNet.Cli -c Release --nologo -v q -r "$rid" -p:SelfContained=false \
       -p:CreateRidSpecificToolPackages=false -p:Version="$version" --artifacts-path artifacts/tool-build >&2; then
  echo "install-tool: 'dotnet pack' failed (its errors are above)" >&2
  exit 1
fi

tools_dir="${DOTNET_CLI_HOME:-${HOME:-}}/.dotnet/tools"
if ! out=$(dotnet tool update --global --add-source "$feed" --version "$version" --allow-downgrade TinyNet.Cli 2>&1); then
  echo "$out" >&2
  echo "install-tool: 'dotnet tool update --global' could not install into $tools_dir (output above); check that HOME is set and writable, or install elsewhere with: dotnet tool install --tool-path DIR --add-source $feed --version $version TinyNet.Cli" >&2
  exit 1
fi
[ -x "$tools_dir/tinynet" ] || { echo "install-tool: dotnet reported success but $tools_dir/tinynet is missing" >&2; exit 1; }

echo "install-tool: installed tinynet $version as $tools_dir/tinynet" >&2
case ":$PATH:" in
  *":$tools_dir:"*) echo "install-tool: $tools_dir is on PATH: run 'tinynet --help' from any folder" >&2 ;;
  *) echo "install-tool: $tools_dir is not on PATH; add it (e.g. to ~/.bashrc) with:  export PATH=\"\$PATH:$tools_dir\"  (until then, call $tools_dir/tinynet)" >&2 ;;
esac
echo "$tools_dir/tinynet"
