#!/usr/bin/env bash
# The main job, end to end (README "Set up"):
#   fetch MNIST → train the default recipe → quantize to int8 → flash the board → predict on it
#   → run the y = 2x neuron lesson live on the board.
# Without --port, every board command starts the virtual board (the device's own session code
# behind a pseudo-terminal), so this runs on a fresh machine with no hardware.
#   tools/quickstart.sh [--port /dev/ttyUSB0] [--hidden 38]
set -euo pipefail
cd "$(dirname "$0")/.."

port_args=()
hidden=38   # 784-38-10, 8 epochs: int8 file 30.6 KB (≤ 32 KB), 97.5 % on the test set, fits the ESP32 heap
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port_args=(--port "$2"); shift 2 ;;
    --hidden) hidden="$2"; shift 2 ;;
    *) echo "quickstart: unknown option '$1' (use --port PORT, --hidden N)" >&2; exit 2 ;;
  esac
done

out=artifacts/quickstart
mkdir -p "$out"
dotnet build host/TinyNet.Cli -c Release --nologo -v q -o "$out/bin" >/dev/null
tinynet() { "$out/bin/tinynet" "$@"; }

tools/fetch-mnist.sh
tinynet train mnist --hidden "$hidden" --epochs 8 --out "$out/model.tnn" --plot "$out/plots"
tinynet quantize "$out/model.tnn" --out "$out/model.q8.tnn"
tinynet inspect "$out/model.q8.tnn"
tinynet flash "$out/model.q8.tnn" "${port_args[@]}"
tinynet predict --mnist-index 0 "${port_args[@]}"
tinynet predict --compare 100 --model "$out/model.q8.tnn" "${port_args[@]}"
if [ ${#port_args[@]} -gt 0 ]; then
  tinynet lesson neuron "${port_args[@]}"
else
  tinynet lesson neuron --on-board
fi
