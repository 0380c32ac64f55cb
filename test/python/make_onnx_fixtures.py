"""Builds small ONNX models (skl2onnx) saved as MLflow model directories, their evaluation CSVs,
and what MLflow-style evaluation with onnxruntime in Python gives on them.

Usage: python make_onnx_fixtures.py <out_dir>

Writes <out_dir>/<name>/model (MLflow onnx flavour with a signature), <out_dir>/<name>/eval.csv
(and the same rows as eval.parquet) and <out_dir>/reference.json: {name: {"metrics": {...}, "undefined": [...], "classes": [...]}}.
Metrics come from test/python/sklearn_reference_metrics.py on predictions made by onnxruntime.
"""
import json
import os
import sys

import mlflow.onnx
import numpy as np
import onnxruntime as ort
import pandas as pd
from mlflow.models import infer_signature
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType, StringTensorType
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

sys.path.insert(0, os.path.dirname(__file__))
from sklearn_reference_metrics import classifier, regressor  # noqa: E402

NUMERIC = ["age", "income", "debt_ratio"]


def make_frame(n, seed):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            # few decimals: every parser reads these to the same float
            "age": rng.integers(18, 80, n).astype(np.float64),
            "income": np.round(rng.normal(50, 15, n), 2),
            "debt_ratio": np.round(rng.uniform(0, 1, n), 3),
            "region": rng.choice(["north", "south", "east, coast"], n),
            "sex": rng.choice(["F", "M"], n),
        }
    )
    logit = 0.04 * (df.age - 45) - 0.05 * (df.income - 50) + 3 * (df.debt_ratio - 0.5)
    logit += np.where(df.region == "south", 0.7, 0.0) + rng.normal(0, 1, n)
    df["default"] = (logit > 0).astype(int)
    df["risk_band"] = np.select([logit < -1, logit < 1], ["low", "mid"], "high")
    df["loss"] = np.round(2 * df.debt_ratio + 0.01 * df.income + rng.normal(0, 0.3, n), 4)
    return df


def save(out, name, onx, signature_frame, frame):
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    mlflow.onnx.save_model(onx, os.path.join(folder, "model"), signature=infer_signature(signature_frame))
    frame.to_csv(os.path.join(folder, "eval.csv"), index=False)
    # several row groups, so the Parquet reader's row-group walk is exercised
    frame.to_parquet(os.path.join(folder, "eval.parquet"), index=False, row_group_size=150)
    return ort.InferenceSession(onx.SerializeToString(), providers=["CPUExecutionProvider"])


def matrix(frame):
    return frame[NUMERIC].to_numpy(np.float32)


def main():
    out = sys.argv[1]
    train, test = make_frame(800, 1), make_frame(400, 2)
    reference = {}

    # 1. binary, one input per column (incl. a string column), ZipMap disabled
    pipe = Pipeline(
        [
            ("prep", ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), ["region"])], remainder="passthrough")),
            ("clf", LogisticRegression(max_iter=500)),
        ]
    ).fit(train[NUMERIC + ["region"]], train["default"])
    types = [(c, FloatTensorType([None, 1])) for c in NUMERIC] + [("region", StringTensorType([None, 1]))]
    onx = convert_sklearn(pipe, initial_types=types, options={id(pipe): {"zipmap": False}}, target_opset=17)
    sess = save(out, "binary-columns", onx, test[NUMERIC + ["region"]], test)
    feeds = {c: test[[c]].to_numpy(np.float32) for c in NUMERIC}
    feeds["region"] = test[["region"]].to_numpy().astype(object)
    label, proba = sess.run(None, feeds)
    reference["binary-columns"] = evaluate_classifier(test["default"].to_numpy(), label, proba, [0, 1], 1)

    # 2. binary, one 2-D float input, gradient boosting
    gb = GradientBoostingClassifier(n_estimators=30, max_depth=3, random_state=0).fit(matrix(train), train["default"])
    onx = convert_sklearn(gb, initial_types=[("X", FloatTensorType([None, 3]))], options={id(gb): {"zipmap": False}}, target_opset=17)
    sess = save(out, "binary-matrix", onx, test[NUMERIC], test)
    label, proba = sess.run(None, {"X": matrix(test)})
    reference["binary-matrix"] = evaluate_classifier(test["default"].to_numpy(), label, proba, [0, 1], 1)

    # 3. multiclass with string class labels
    lr = LogisticRegression(max_iter=1000).fit(matrix(train), train["risk_band"])
    onx = convert_sklearn(lr, initial_types=[("X", FloatTensorType([None, 3]))], options={id(lr): {"zipmap": False}}, target_opset=17)
    sess = save(out, "multiclass", onx, test[NUMERIC], test)
    label, proba = sess.run(None, {"X": matrix(test)})
    reference["multiclass"] = evaluate_classifier(test["risk_band"].to_numpy(), label, proba, list(lr.classes_), None)

    # 4. regression
    for name, model in (("regression", LinearRegression()), ("regression-gb", GradientBoostingRegressor(n_estimators=30, random_state=0))):
        model.fit(matrix(train), train["loss"])
        onx = convert_sklearn(model, initial_types=[("X", FloatTensorType([None, 3]))], target_opset=17)
        sess = save(out, name, onx, test[NUMERIC], test)
        (pred,) = sess.run(None, {"X": matrix(test)})
        case = {"task": "regression", "y_true": test["loss"].tolist(), "y_pred": pred.reshape(-1).astype(np.float64).tolist()}
        values, undefined = regressor(case)
        reference[name] = {"metrics": values, "undefined": sorted(undefined)}

    # 5. binary with the default ZipMap output (a sequence of maps, not a tensor)
    onx = convert_sklearn(gb, initial_types=[("X", FloatTensorType([None, 3]))], target_opset=17)
    save(out, "zipmap", onx, test[NUMERIC], test)

    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(reference, f)


def evaluate_classifier(y_true, label, proba, classes, pos_label):
    label = label.reshape(-1)
    case = {
        "task": "binary" if pos_label is not None else "multiclass",
        "y_true": y_true.tolist(),
        "y_pred": label.tolist(),
        "proba": proba.astype(np.float64).tolist(),
        "classes": classes,
    }
    if pos_label is not None:
        case["pos_index"] = classes.index(pos_label)
    values, undefined = classifier(case)
    return {"metrics": values, "undefined": sorted(undefined), "classes": [str(c) for c in classes]}


if __name__ == "__main__":
    main()
