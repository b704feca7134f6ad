#!/usr/bin/env bash
# The photographed-style held-out set (tools/TinyNet.DigitPhotos): MNIST test digits drawn dark on
# light paper in colour, 100-300 px, with margins, noise and blur, as PNG and JPEG, the same for a
# given seed.
#
#   tools/photo-digits.sh measure --model model.tnn [--count N] [--seed S] [--data DIR]
#       a model's accuracy on the first N MNIST test digits as they are, and on their photos read
#       through the same preparation as `tinynet predict --image`
#   tools/photo-digits.sh style --out DIR [--count N] [--seed S]
#       MNIST test digits in another handwriting (thicker, slanted, smaller) as DIR/<digit>/<n>.png,
#       the demonstration set for `tinynet finetune`
#   tools/photo-digits.sh write --out DIR [--count N] [--seed S]
#       the photos as files, DIR/<digit>/<n>.png|jpg (the layout image folders are read in)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="${TINYNET_ARTIFACTS:-/tmp/art-digit-photos}"
dotnet build "$root/tools/TinyNet.DigitPhotos" -c Release --artifacts-path "$artifacts" -v q -nologo >/dev/null
cd "$root"
exec dotnet "$artifacts/bin/TinyNet.DigitPhotos/release/TinyNet.DigitPhotos.dll" "$@"
