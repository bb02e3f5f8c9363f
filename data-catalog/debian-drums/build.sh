#!/usr/bin/env bash
# Builds the debian-drums dataset (see data-catalog/debian-drums.yaml): downloads four Debian packages of drum and
# other samples with `apt-get download` (no root, nothing installed), unpacks them with `dpkg -x`, and labels every
# audio file with label-rules.tsv and licences.tsv. Needs apt's package lists (apt-get update, once, as root),
# dpkg-deb, and Java 17 + Maven for jobs/bin/synthstack.
#
# Usage: data-catalog/debian-drums/build.sh [TARGET]      (default: data-catalog/.build/debian-drums)
#
# Writes, under TARGET:
#   debs/*.deb        the packages as downloaded
#   packages.tsv      package, version, SHA-256 of each .deb (what this build is made of)
#   root/<package>/   each package unpacked
#   manifest.csv      path,label,source,kit,licence,instrument,rule for every labelled file (paths relative to it)
#   unlabelled.tsv    every audio file no rule labels
# A failed run leaves the previous build in place: new files are made under temporary names and swapped in last.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
target=${1:-$repo/data-catalog/.build/debian-drums}
packages=(hydrogen-data hydrogen-drumkits lmms-common sonic-pi-samples)

for p in "${packages[@]}"; do
  if ! apt-cache show "$p" >/dev/null 2>&1; then
    echo "debian-drums: apt knows no package '$p'; run 'apt-get update' (as root) first" >&2
    exit 2
  fi
done
mkdir -p "$target"
target=$(cd "$target" && pwd)
work=$(mktemp -d "$target/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "debian-drums: downloading ${packages[*]} ..." >&2
mkdir -p "$work/debs" "$work/root"
(cd "$work/debs" && apt-get download -q "${packages[@]}" 2>&1 | grep -v 'unsandboxed as root' >&2 || true)
printf 'package\tversion\tsha256\n' > "$work/packages.tsv"
for p in "${packages[@]}"; do
  deb=$(ls "$work/debs/${p}"_*.deb 2>/dev/null | head -n 1 || true)
  if [[ -z $deb ]]; then
    echo "debian-drums: apt-get download did not fetch $p" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\n' "$p" "$(dpkg-deb -f "$deb" Version)" "$(sha256sum "$deb" | cut -d' ' -f1)" >> "$work/packages.tsv"
  echo "debian-drums: unpacking $(basename "$deb") ..." >&2
  dpkg -x "$deb" "$work/root/$p"
done

echo "debian-drums: labelling ..." >&2
"$repo/jobs/bin/synthstack" drum-manifest --root "$work/root" \
  --rules "$here/label-rules.tsv" --licences "$here/licences.tsv" \
  --out "$work/manifest.csv" --unlabelled "$work/unlabelled.tsv"

# Swap the new build in; manifest paths are relative (root/...), so they stay valid after the move.
rm -rf "$target/debs" "$target/root"
mv "$work/debs" "$work/root" "$work/packages.tsv" "$work/unlabelled.tsv" "$target/"
mv "$work/manifest.csv" "$target/manifest.csv"
chmod 644 "$target/manifest.csv" "$target/unlabelled.tsv"
echo "debian-drums: wrote $target/manifest.csv" >&2
