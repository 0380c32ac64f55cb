"""Writes a small MLflow local store (sqlite:///<dir>/mlflow.db + <dir>/mlruns) with the MLflow
version of the interpreter that runs it, for the local-store reader's tests.

Usage: python make_local_store.py <dir>
Prints one JSON line describing what was written (model name, versions, aliases, run ids).

The script changes into <dir> first: MLflow then records artifact locations as absolute paths
below <dir>/mlruns, exactly as a plain `mlflow.log_model` on a laptop does.
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")

import numpy as np
import pandas as pd
import onnx
from onnx import TensorProto, helper, numpy_helper

import mlflow
from mlflow import MlflowClient
from mlflow.entities import Metric

out = os.path.abspath(sys.argv[1])
os.makedirs(out, exist_ok=True)
os.chdir(out)
mlflow.set_tracking_uri(f"sqlite:///{out}/mlflow.db")
v3 = mlflow.__version__.startswith("3")
client = MlflowClient()
mlflow.set_experiment("local-store")

W = numpy_helper.from_array(np.ones((4, 1), np.float32), "W")
b = numpy_helper.from_array(np.zeros(1, np.float32), "b")
graph = helper.make_graph(
    [helper.make_node("MatMul", ["x", "W"], ["z0"]), helper.make_node("Add", ["z0", "b"], ["y"])],
    "tiny",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 1])],
    [W, b],
)
onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])

df = pd.DataFrame(np.arange(40, dtype="float32").reshape(10, 4), columns=list("abcd"))
df["label"] = (df.a > 10).astype(int)
train = mlflow.data.from_pandas(df, name="train-set", targets="label")
evaluation = mlflow.data.from_pandas(df.head(5), name="eval-set", targets="label")

model = "local-model"
runs = []
for i in range(2):
    with mlflow.start_run(run_name=f"run-{i}") as run:
        mlflow.log_input(train, context="training", tags={"split": "train"})
        mlflow.log_input(evaluation, context="evaluation")
        mlflow.log_params({"lr": "0.1", "depth": str(3 + i)})
        mlflow.set_tags({"team": "risk", "mlflow.note.content": "run description"})
        rid = run.info.run_id
        mlflow.log_text("# Impact assessment\n", "impact_assessment.md")
        mlflow.log_text("nested", "docs/sub/notes.txt")
        kwargs = {"name": "model"} if v3 else {"artifact_path": "model"}
        mlflow.onnx.log_model(
            onnx_model, registered_model_name=model, pip_requirements=["onnx"],
            save_as_external_data=False, **kwargs,
        )
        # After log_model: MLflow 3 copies metrics logged before it onto the logged model, whose
        # table refuses two values at one (step, timestamp).
        # Latest value per key: highest step wins, then the latest timestamp, then the highest value.
        client.log_batch(rid, metrics=[
            Metric("roc_auc", 0.5, 1000, 0),
            Metric("roc_auc", 0.9 + i / 100, 1000, 2),
            Metric("roc_auc", 0.7, 3000, 1),
            Metric("loss", 0.3, 1000, 5),
            Metric("loss", 0.2, 2000, 5),
            Metric("tie", 1.0, 1000, 0),
            Metric("tie", 2.0, 1000, 0),
            Metric("nan_metric", float("nan"), 1000, 0),
        ])
        runs.append(rid)

client.update_registered_model(model, description="A tiny model for local-store tests.")
client.set_registered_model_tag(model, "owner", "risk-ml")
client.update_model_version(model, "2", description="Second version.")
client.set_model_version_tag(model, "2", "validation_status", "pending")
client.set_registered_model_alias(model, "champion", "1")
client.set_registered_model_alias(model, "challenger", "2")

# A second model with one version whose run was deleted afterwards.
with mlflow.start_run() as run:
    mlflow.log_metric("rmse", 1.5)
    kwargs = {"name": "model"} if v3 else {"artifact_path": "model"}
    mlflow.onnx.log_model(onnx_model, registered_model_name="orphan", pip_requirements=["onnx"],
                          save_as_external_data=False, **kwargs)
client.delete_run(run.info.run_id)

print(json.dumps({
    "mlflowVersion": mlflow.__version__,
    "model": model,
    "versions": ["1", "2"],
    "aliases": {"champion": "1", "challenger": "2"},
    "runIds": runs,
    "deletedRunId": run.info.run_id,
}))
