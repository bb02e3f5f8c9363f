#!/usr/bin/env bash
# Builds the librivox-speech dataset (see ../librivox-speech.yaml): the LibriVox sentences that Debian ships in the package
# pocketsphinx-testdata, fetched with `apt-get download` and unpacked with `dpkg -x`. No root, nothing installed.
#
#   data-catalog/librivox-speech/build.sh [DEST]     (default DEST: data-catalog/.build/librivox-speech)
#
# The unpacked package layout is kept under DEST, so the default sentence of `synthstack caad validate|compare` is
#   DEST/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0930.wav
# Each WAV is checked against the SHA-256 recorded below; a different package build fails loudly instead of
# silently changing the experiment. DEST appears only when complete (built beside it, then renamed).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=${1:-$here/../.build/librivox-speech}
package=pocketsphinx-testdata
librivox=usr/share/pocketsphinx/test/data/librivox

declare -A sha256=(
  [sense_and_sensibility_01_austen_64kb-0870.wav]=b0557cf95c974d930577e58e46b7f068c432a6e3afcc286563d88922b2a5315c
  [sense_and_sensibility_01_austen_64kb-0880.wav]=fbec491ef00ee734a67f0ee318e98c51c157b479e1629ff4f4426861ecac0414
  [sense_and_sensibility_01_austen_64kb-0890.wav]=5793ffbdee55fb8bfd284943a6866864c832d9d4accf2661cabd39915c84ee10
  [sense_and_sensibility_01_austen_64kb-0920.wav]=40882414ef4cc51f3ff7a63bad0c8c87e7f595ffeb8209fbf756c8ebc5c28a59
  [sense_and_sensibility_01_austen_64kb-0930.wav]=954adbf0b56ac8a148cbe77b39ca18d76b5f2a1e1f405565bd786ce3e68a68b7
)

for tool in apt-get dpkg sha256sum; do
  command -v "$tool" >/dev/null || { echo "build.sh: needs $tool (a Debian or Ubuntu machine)" >&2; exit 1; }
done

mkdir -p "$(dirname "$dest")"
work=$(mktemp -d "$(dirname "$dest")/.librivox-speech.XXXXXX")
trap 'rm -rf "$work"' EXIT

# apt-get download writes into the current directory; as root it warns that _apt cannot write there (harmless).
(cd "$work" && apt-get download "$package" 2>&1 | grep -v "couldn't be accessed by user '_apt'" >&2 || true)
deb=$(ls "$work"/${package}_*.deb 2>/dev/null | head -n 1)
[[ -n $deb ]] || { echo "build.sh: apt-get download $package fetched nothing (is the Debian archive reachable?)" >&2; exit 1; }
version=$(dpkg-deb -f "$deb" Version)

dpkg -x "$deb" "$work/unpacked"
mkdir -p "$work/out/$librivox" "$work/out/usr/share/doc/$package"
cp -p "$work/unpacked/$librivox"/* "$work/out/$librivox/"
cp -p "$work/unpacked/usr/share/doc/$package/copyright" "$work/out/usr/share/doc/$package/"

for wav in "${!sha256[@]}"; do
  actual=$(sha256sum "$work/out/$librivox/$wav" | cut -d' ' -f1)
  if [[ $actual != "${sha256[$wav]}" ]]; then
    echo "build.sh: $wav from $package $version has SHA-256 $actual, expected ${sha256[$wav]}" >&2
    exit 1
  fi
done

cat > "$work/out/BUILD_INFO" <<INFO
dataset: librivox-speech
package: $package $version
deb_sha256: $(sha256sum "$deb" | cut -d' ' -f1)
built: $(date -u +%Y-%m-%dT%H:%M:%SZ)
INFO

if [[ -e $dest ]]; then
  rm -rf "$dest.old"
  mv "$dest" "$dest.old"
fi
mv "$work/out" "$dest"
rm -rf "$dest.old"
echo "librivox-speech: $(ls "$dest/$librivox"/*.wav | wc -l) sentences from $package $version in $dest/$librivox"
