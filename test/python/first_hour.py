"""The first hour of a new user, as the MLflow and skl2onnx documentation show it: scikit-learn
binary classifiers trained with autolog on, exported with skl2onnx's default options (so the
graph ends in a ZipMap), logged with mlflow.onnx.log_model and a signature from the training
frame, evaluated with mlflow.evaluate on a logged evaluation dataset (which also holds a sensitive
column the model never saw), registered, and aliased.

Usage: python first_hour.py <tracking_uri> <work_dir> <model_name>

Version 1 (alias champion) learns from the real labels; version 2 (alias challenger) from shuffled
ones, so it ranks no better than chance. Prints {"versions": {alias: version}, "runs": {alias: run_id},
"metrics": {alias: {metric: value}}} with the values mlflow.evaluate logged.
"""
import json
import os
import sys

import mlflow
import mlflow.onnx
import numpy as np
from mlflow import MlflowClient
from mlflow.models import infer_signature
from skl2onnx import to_onnx
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(__file__))
from make_onnx_fixtures import NUMERIC, make_frame  # noqa: E402


def train_and_log(name, train, test, shuffle, work):
    X = train[NUMERIC].astype(np.float32)
    y = train["default"].to_numpy()
    if shuffle:
        y = np.random.default_rng(7).permutation(y)
    with mlflow.start_run(run_name=name) as run:
        model = LogisticRegression(max_iter=500).fit(X, y)
        # skl2onnx defaults: ZipMap output, the input named after the frame's dtype
        onx = to_onnx(model, X.to_numpy()[:1])
        info = mlflow.onnx.log_model(onx, name="model", signature=infer_signature(X, model.predict(X)))
        evaluation = test[NUMERIC + ["sex", "default"]]
        os.makedirs(os.path.join(work, name), exist_ok=True)
        path = os.path.join(work, name, "evaluation.csv")
        evaluation.to_csv(path, index=False)
        mlflow.log_artifact(path, "eval")
        dataset = mlflow.data.from_pandas(evaluation, source=path, targets="default", name="credit-eval")
        mlflow.log_input(dataset, context="evaluation")
        sklearn_model = mlflow.sklearn.log_model(model, name="sklearn-model")
        result = mlflow.evaluate(
            sklearn_model.model_uri,
            evaluation.drop(columns=["sex"]).astype({c: np.float32 for c in NUMERIC}),
            targets="default",
            model_type="classifier",
            evaluators=["default"],
        )
    return run.info.run_id, info.model_uri, result.metrics


def main():
    uri, work, name = sys.argv[1:4]
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment("first-hour")
    mlflow.sklearn.autolog()
    train, test = make_frame(800, 1), make_frame(400, 2)
    client = MlflowClient()
    out = {"versions": {}, "runs": {}, "metrics": {}}
    for alias, shuffle in [("champion", False), ("challenger", True)]:
        run_id, model_uri, metrics = train_and_log(alias, train, test, shuffle, work)
        version = mlflow.register_model(model_uri, name)
        client.set_registered_model_alias(name, alias, version.version)
        out["versions"][alias] = version.version
        out["runs"][alias] = run_id
        out["metrics"][alias] = {k: v for k, v in metrics.items() if isinstance(v, float)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
