#!/usr/bin/env bash
# Builds NoiseDB (seed 000, Table 5): 2000 random programs for each of the stack sizes 1, 3 and 5, rendered with
# their ear features by the render job. One render run per stack size, so each has exactly 2000 programs, with seed
# 1000 + stack size. Usage: data-catalog/noisedb/build.sh [ROOT] [DATE]   (defaults: out, 2026-11-22)
# Output: ROOT/noisedb/stacks=S/dt=DATE/part-*.parquet (the synth_programs schema); see data-catalog/noisedb.yaml.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
root=${1:-out}
date=${2:-2026-11-22}
for stacks in 1 3 5; do
  "$repo/jobs/bin/synthstack" render --programs 2000 --seed $((1000 + stacks)) --stack-sizes "$stacks" \
    --date "$date" --out "$root/noisedb/stacks=$stacks" --conf spark.ui.showConsoleProgress=false
done
