#!/usr/bin/env bash
# The main job, end to end (README "Set up"):
#   install the `tinynet` command (tools/install-tool.sh: a .NET global tool in ~/.dotnet/tools)
#   → fetch MNIST → train the default recipe → quantize to int8 → flash the board → predict on it
#   → run the y = 2x neuron lesson live on the board.
# Without --port, every board command starts the virtual board (the device's own session code
# behind a pseudo-terminal), so this runs on a fresh machine with no hardware.
#   tools/quickstart.sh [--port /dev/ttyUSB0] [--hidden 38]
set -euo pipefail
cd "$(dirname "$0")/.."

usage="use --port PORT (a serial device such as /dev/ttyUSB0), --hidden N"
port=""
port_args=()
hidden=38   # 784-38-10, 8 epochs: int8 file 30.6 KB (≤ 32 KB), 97.5 % on the test set, fits the ESP32 heap
while [ $# -gt 0 ]; do
  case "$1" in
    --port|--hidden)
      if [ $# -lt 2 ] || [[ "$2" == --* ]]; then
        echo "quickstart: $1 needs a value ($usage)" >&2; exit 2
      fi
      if [ "$1" = --port ]; then
        [ -n "$2" ] || { echo "quickstart: --port was given an empty name; pass the board's serial device (e.g. /dev/ttyUSB0), or leave --port out to use the virtual board" >&2; exit 2; }
        port="$2"; port_args=(--port "$2")
      else
        [[ "$2" =~ ^[0-9]+$ ]] || { echo "quickstart: --hidden needs a whole number of neurons, got '$2'" >&2; exit 2; }
        hidden="$2"
      fi
      shift 2 ;;
    *) echo "quickstart: unknown option '$1' ($usage)" >&2; exit 2 ;;
  esac
done

# A real port is checked before anything slow (installing, training): that it exists, is a
# character device we may open, and answers the board protocol.
if [ -n "$port" ]; then
  if [ ! -e "$port" ]; then
    echo "quickstart: serial port $port does not exist; check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM*), or leave --port out to use the virtual board" >&2; exit 1
  elif [ ! -c "$port" ]; then
    echo "quickstart: $port is not a serial device (not a character device); pass the board's port, e.g. /dev/ttyUSB0" >&2; exit 1
  elif [ ! -r "$port" ] || [ ! -w "$port" ]; then
    echo "quickstart: no permission to open $port; add yourself to its group (usually 'dialout': sudo usermod -aG dialout \$USER, then log in again)" >&2; exit 1
  fi
fi

tinynet_path=$(tools/install-tool.sh)
tinynet() { "$tinynet_path" "$@"; }
if [ -n "$port" ] && ! tinynet info "${port_args[@]}"; then
  echo "quickstart: the board on $port did not answer (the reason is above); nothing was trained or flashed" >&2; exit 1
fi

out=artifacts/quickstart
mkdir -p "$out"
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
echo "quickstart: done. The tinynet command is $tinynet_path (a .NET global tool; tools/install-tool.sh reinstalls it)."
