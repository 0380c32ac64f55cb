#!/usr/bin/env bash
# Regenerates examples/credit-risk/: a self-contained local MLflow store (sqlite database and
# artifact folder) seeded by real MLflow 3 with the `credit-risk` model, plus the seeding manifest.
# Usage: bash scripts/make-example.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
example="$root/examples/credit-risk"
bash "$root/scripts/python-envs.sh"
mkdir -p "$example"
rm -rf "$example/mlflow.db" "$example/mlartifacts" "$example/mlruns" "$example/seed-manifest.json"
# MLflow records absolute artifact locations, resolved against the working directory: running
# from the example folder keeps every recorded location (including the default experiment's
# ./mlruns) inside it.
cd "$example"
"$root/.venvs/mlflow3/bin/python" "$root/test/python/seed.py" \
  --tracking-uri sqlite:///mlflow.db \
  --data ../../data/adult/adult.csv \
  --artifact-location mlartifacts \
  --manifest seed-manifest.json \
  --only credit-risk
# MLflow wrote absolute paths of this folder; make them relative to the store folder so the
# committed store names no machine folder (aims-gate resolves them against the store's folder).
"$root/.venvs/mlflow3/bin/python" "$root/test/python/relativise_store.py" "$example"
echo "make-example: $(du -sh "$example" | cut -f1) in examples/credit-risk"
