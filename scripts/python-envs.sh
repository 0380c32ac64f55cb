#!/usr/bin/env bash
# Creates the Python virtual environments the tests and the example need:
#   .venvs/mlflow2  MLflow 2.22.x server + client (seeding a 2.x store)
#   .venvs/mlflow3  latest MLflow 3.x server + client, plus the reference
#                   implementations used as test oracles (scikit-learn, fairlearn)
#   .venvs/oracles  third-party validators of what we write: huggingface_hub (model cards),
#                   cmarkgfm (GitHub's Markdown renderer), jsonschema (JSON Schemas)
#   .venvs/audit    independent verifiers of evidence bundles: securesystemslib (DSSE envelopes),
#                   compliance-trestle and jsonschema (OSCAL assessment results)
#   .venvs/models   exporters of the model kinds people ship (skl2onnx, onnxmltools with LightGBM
#                   and XGBoost), for the tests of default exports
# Versions are pinned in test/python/requirements-*.txt so every machine builds the same thing.
# Idempotent: a venv whose requirements file has not changed is left alone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
for flavour in mlflow2 mlflow3 oracles audit models; do
  req="$root/test/python/requirements-$flavour.txt"
  venv="$root/.venvs/$flavour"
  stamp="$venv/.requirements.sha256"
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "python-envs: $flavour is up to date"
    continue
  fi
  echo "python-envs: building $flavour from test/python/requirements-$flavour.txt"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
done
