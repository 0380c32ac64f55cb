#!/usr/bin/env bash
# Fairness benchmark: aims-gate's count bootstrap vs fairlearn MetricFrame(n_boot) on the same
# generated rows and predictions (two sensitive features, intersectional groups).
#
#   npm run bench:fairness                       # 1,000,000 rows, n_boot 1000
#   ROWS=200000 FAIRLEARN_NBOOT=5 npm run bench:fairness
#
# fairlearn resamples and regroups every row for every resample; at 1M rows that takes seconds of
# CPU per resample, so by default it runs n_boot=0 and n_boot=FAIRLEARN_NBOOT (default 2) and the
# report extrapolates linearly to n_boot; set FAIRLEARN_NBOOT=1000 to run it in full.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/fairness"
python="$root/.venvs/mlflow3/bin/python"
node="$root/node_modules/.bin/node"
rows="${ROWS:-1000000}"
nboot="${NBOOT:-1000}"
fl_nboot="${FAIRLEARN_NBOOT:-2}"
mkdir -p "$out"

echo "bench:fairness: generating $rows rows"
"$python" "$root/bench/fairness/generate.py" "$rows" "$out/data.csv"

echo "bench:fairness: compiling the aims-gate side"
(cd "$root" && npx tsc --outDir "$out/build" --rootDir . --module nodenext --moduleResolution nodenext \
  --target es2023 --types node --skipLibCheck --strict bench/fairness/ours.ts)

echo "bench:fairness: aims-gate, n_boot $nboot and $((nboot * 10)) (memory must not grow)"
"$node" "$out/build/bench/fairness/ours.js" "$out/data.csv" "$nboot" > "$out/ours.json"
"$node" "$out/build/bench/fairness/ours.js" "$out/data.csv" "$((nboot * 10))" > "$out/ours-x10.json"

echo "bench:fairness: fairlearn, n_boot 0 and $fl_nboot (this is the slow part)"
"$python" "$root/bench/fairness/fairlearn_side.py" "$out/data.csv" 0 > "$out/fairlearn-0.json"
"$python" "$root/bench/fairness/fairlearn_side.py" "$out/data.csv" "$fl_nboot" > "$out/fairlearn-k.json"

"$node" "$root/bench/fairness/report.mjs" "$out" "$nboot" | tee "$out/report.md"
