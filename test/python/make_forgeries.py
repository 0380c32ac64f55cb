"""Writes the evidence an author who wants to ship a bad model might forge, with real MLflow, into
a tracking server or a local store, for test/integration/evidence-forgery.test.ts.

Usage: python make_forgeries.py <tracking-uri> <model-name-prefix> <today YYYY-MM-DD>
Prints one JSON line: {model name: {case: version}} for the three models it registers:
  <prefix>-doc     one version per impact-assessment document (good, html, nul, …)
  <prefix>-data    autolog's code dataset, a code source as training data, two evaluation sets
  <prefix>-metric  champion v1 and challenger v2 whose losses got worse
Every version is a real (tiny) ONNX model with a signature, so the gate can also run it.
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")

import numpy as np
import pandas as pd
from onnx import TensorProto, helper, numpy_helper

import mlflow
from mlflow import MlflowClient
from mlflow.data.code_dataset_source import CodeDatasetSource
from mlflow.models import infer_signature

uri, prefix, today = sys.argv[1], sys.argv[2], sys.argv[3]
mlflow.set_tracking_uri(uri)
client = MlflowClient()
v3 = mlflow.__version__.startswith("3")
mlflow.set_experiment(f"{prefix}-forgeries")

W = numpy_helper.from_array(np.full((4, 1), 0.25, np.float32), "W")
graph = helper.make_graph(
    [helper.make_node("MatMul", ["x", "W"], ["y"])], "mean4",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 1])], [W],
)
onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
features = pd.DataFrame(np.arange(40, dtype="float32").reshape(10, 4), columns=list("abcd"))
table = features.assign(label=features.mean(axis=1) + 0.5)
signature = infer_signature(features.to_numpy(), np.zeros((10, 1), np.float32))
DATA_URL = "https://archive.ics.uci.edu/dataset/2/adult"

HEADINGS = "# Impact assessment\n\n## Intended use\nSupport.\n\n## Affected groups\nApplicants.\n\n## Risks and mitigations\n- drift\n\n"
DOCS = {
    "good": HEADINGS + f"Reviewed: {today}\n",
    "html": "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Sign in</h1>"
            "<form method='post'><input name='user'></form>"
            f"<p>## Intended use ## Affected groups ## Risks and mitigations Reviewed: {today}</p></body></html>\n",
    "nul": HEADINGS + f"Reviewed: {today}\n\x00\x01\x02binary",
    "feb30": HEADINGS + "Reviewed: 2026-02-30\n",
    "future": HEADINGS + "Reviewed: 2099-01-01\n",
    "prose": HEADINGS + f"The board reviewed this document on {today}.\n",
    "nodate": HEADINGS,
    "headings": f"# Impact assessment\n\nAll fine.\n\nReviewed: {today}\n",
}
# Good documents the test turns into symlinks / `..` paths in a local store.
LOCAL_ONLY = ["symlink-file", "symlink-folder", "symlink-csv", "dotdot"]


def register(name, run_id):
    kwargs = {"name": "model"} if v3 else {"artifact_path": "model"}
    info = mlflow.onnx.log_model(onnx_model, registered_model_name=name, signature=signature,
                                 pip_requirements=["onnx"], save_as_external_data=False, **kwargs)
    return str(info.registered_model_version)


def good_datasets():
    mlflow.log_input(mlflow.data.from_pandas(table, source=DATA_URL, name="train-set", targets="label"), context="training")
    mlflow.log_input(mlflow.data.from_pandas(table.head(6), source=DATA_URL, name="eval-set", targets="label"), context="evaluation")


out = {}
doc_model = f"{prefix}-doc"
out[doc_model] = {}
for case in [*DOCS, *LOCAL_ONLY]:
    with mlflow.start_run(run_name=case) as run:
        good_datasets()
        mlflow.log_text(DOCS.get(case, DOCS["good"]), "impact_assessment.md")
        mlflow.log_text(table.to_csv(index=False, lineterminator="\n"), "eval/evaluation.csv")
        out[doc_model][case] = {"version": register(doc_model, run.info.run_id), "runId": run.info.run_id}

data_model = f"{prefix}-data"
out[data_model] = {}
# 1. What sklearn autolog logs: the training arrays with a "code" source (the script).
mlflow.sklearn.autolog(log_datasets=True, log_models=False, silent=True)
from sklearn.linear_model import LinearRegression  # noqa: E402
with mlflow.start_run(run_name="autolog") as run:
    LinearRegression().fit(features.to_numpy(), table["label"].to_numpy())
    out[data_model]["autolog"] = {"version": register(data_model, run.info.run_id), "runId": run.info.run_id}
mlflow.sklearn.autolog(disable=True)
# 2. The same kind of code source, logged by hand as the training data.
with mlflow.start_run(run_name="code-training") as run:
    source = CodeDatasetSource({"mlflow.source.name": "train.py", "mlflow.source.type": "LOCAL"})
    mlflow.log_input(mlflow.data.from_pandas(table, source=source, name="train-arrays", targets="label"), context="training")
    mlflow.log_input(mlflow.data.from_pandas(table.head(6), source=DATA_URL, name="eval-set", targets="label"), context="evaluation")
    out[data_model]["code-training"] = {"version": register(data_model, run.info.run_id), "runId": run.info.run_id}
# 3. Two evaluation datasets: a complete one and the one the model was really checked on.
with mlflow.start_run(run_name="two-eval") as run:
    mlflow.log_input(mlflow.data.from_pandas(table, source=DATA_URL, name="train-set", targets="label"), context="training")
    mlflow.log_input(mlflow.data.from_pandas(table.head(6), source=DATA_URL, name="eval-a", targets="label"), context="evaluation")
    mlflow.log_input(mlflow.data.from_pandas(table.tail(3), source=DATA_URL, name="eval-b", targets="label"), context="evaluation")
    out[data_model]["two-eval"] = {"version": register(data_model, run.info.run_id), "runId": run.info.run_id}

metric_model = f"{prefix}-metric"
out[metric_model] = {}
for case, metrics in [
    ("champion", {"log_loss": 0.30, "brier_score": 0.10, "root_mean_squared_error": 1.0, "roc_auc": 0.90, "my_kpi": 5.0}),
    ("challenger", {"log_loss": 0.50, "brier_score": 0.20, "root_mean_squared_error": 1.5, "roc_auc": 0.91, "my_kpi": 4.0}),
]:
    with mlflow.start_run(run_name=case) as run:
        good_datasets()
        mlflow.log_metrics(metrics)
        version = register(metric_model, run.info.run_id)
        client.set_registered_model_alias(metric_model, case, version)
        out[metric_model][case] = {"version": version, "runId": run.info.run_id}

print(json.dumps(out))
