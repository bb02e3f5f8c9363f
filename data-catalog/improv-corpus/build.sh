#!/usr/bin/env bash
# Builds the improviser's corpus described by improv-corpus.yaml: downloads the pinned sonic-pi-samples .deb from
# Debian's archive (no installation), checks its checksum, unpacks it under data-catalog/.build/, selects the files
# the descriptor lists and runs `synthstack improv corpus` on them.
#
#   data-catalog/improv-corpus/build.sh [OUT_DIR]        (default: out/improv/corpus)
#
# Needs apt-get and dpkg (Debian); extra arguments after OUT_DIR go to `improv corpus` (e.g. --target-frames 20000).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
descriptor="$here/improv-corpus.yaml"
out=${1:-$repo/out/improv/corpus}
shift || true
build="$repo/data-catalog/.build/improv-corpus"

field() { # the value of a "  key: value" line of the descriptor
  sed -n "s/^  $1: *\([^ #]*\).*/\1/p" "$descriptor" | head -1
}
package=$(field package)
version=$(field version)
sha256=$(field sha256)
path=$(field path)
mapfile -t globs < <(sed -n '/^  include:/,/^[a-z]/s/^    - *\([^ #]*\).*/\1/p' "$descriptor")

mkdir -p "$build"
deb="$build/${package}_${version}_all.deb"
if [[ ! -f $deb ]]; then
  echo "improv-corpus: downloading $package=$version from Debian's archive" >&2
  (cd "$build" && apt-get download "$package=$version" >&2)
  downloaded=$(ls "$build"/"${package}"_*.deb | head -1)
  [[ $downloaded == "$deb" ]] || mv "$downloaded" "$deb"
fi
echo "$sha256  $deb" | sha256sum --check --quiet -

if [[ ! -d $build/pkg/$path ]]; then
  rm -rf "$build/pkg"
  dpkg -x "$deb" "$build/pkg"
fi

rm -rf "$build/selection"
mkdir -p "$build/selection"
count=0
for glob in "${globs[@]}"; do
  for file in "$build/pkg/$path"/$glob; do
    [[ -f $file ]] || continue
    cp "$file" "$build/selection/"
    count=$((count + 1))
  done
done
echo "improv-corpus: $count files selected (${globs[*]})" >&2
[[ $count -gt 0 ]] || { echo "improv-corpus: nothing matched" >&2; exit 1; }

target=$(sed -n 's/^  target_frames: *\([0-9]*\).*/\1/p' "$descriptor")
min_hop=$(sed -n 's/^  min_hop: *\([0-9]*\).*/\1/p' "$descriptor")
exec "$repo/jobs/bin/synthstack" improv corpus --in "$build/selection" --out "$out" \
  --target-frames "$target" --min-hop "$min_hop" "$@"
