"""The scikit-learn pipelines, their ONNX export, and an ONNX Runtime view of a logged graph.

Every pipeline starts with a ColumnTransformer over named columns, so skl2onnx gives the graph
one input per column ([None, 1]: float for numbers, string for categories) — the layout a
reader feeds straight from a CSV.
"""

import numpy as np
import onnxruntime as ort
import pandas as pd
from onnx import numpy_helper
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType, StringTensorType
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

from seed_data import CATEGORICAL, RANDOM_STATE

# Pinned so both venvs (onnxruntime 1.20 and newer) and onnxruntime-node load every graph.
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}


def _encoder(numeric: list[str], scale: bool) -> ColumnTransformer:
    return ColumnTransformer(
        [
            ("num", StandardScaler() if scale else "passthrough", numeric),
            ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), CATEGORICAL),
        ]
    )


def classifier(kind: str, numeric: list[str], **params) -> Pipeline:
    if kind == "logistic_regression":
        model, scale = LogisticRegression(max_iter=2000, **params), True
    elif kind == "gradient_boosting":
        model, scale = GradientBoostingClassifier(random_state=RANDOM_STATE, **params), False
    elif kind == "decision_tree":
        model, scale = DecisionTreeClassifier(random_state=RANDOM_STATE, **params), False
    else:
        raise ValueError(kind)
    return Pipeline([("encode", _encoder(numeric, scale)), ("model", model)])


def regressor(numeric: list[str], **params) -> Pipeline:
    mlp = MLPRegressor(random_state=RANDOM_STATE, **params)
    return Pipeline([("encode", _encoder(numeric, True)), ("model", mlp)])


def to_onnx(pipeline: Pipeline, columns: pd.DataFrame, is_classifier: bool):
    inputs = [
        (c, StringTensorType([None, 1]) if c in CATEGORICAL else FloatTensorType([None, 1]))
        for c in columns.columns
    ]
    # No ZipMap: outputs are `label` (int64 [N]) and `probabilities` (float [N, 2]).
    options = {id(pipeline.steps[-1][1]): {"zipmap": False}} if is_classifier else None
    model = convert_sklearn(
        pipeline, initial_types=inputs, options=options, target_opset=TARGET_OPSET
    )
    # skl2onnx writes weights as typed lists (float_data); ONNX moves only raw_data tensors to
    # an external-data file, so store them raw — the usual layout of exported weights.
    for i, tensor in enumerate(model.graph.initializer):
        model.graph.initializer[i].CopyFrom(
            numpy_helper.from_array(numpy_helper.to_array(tensor), tensor.name)
        )
    return model


def group_rates(predicted: np.ndarray, df: pd.DataFrame, label: str, feature: str) -> dict:
    """Per-group count, selection rate and true-positive rate of predicted labels."""
    out = {}
    for group in sorted(df[feature].unique()):
        mask = (df[feature] == group).to_numpy()
        truth = df[label].to_numpy()[mask]
        pred = predicted[mask]
        positives = int(truth.sum())
        out[str(group)] = {
            "count": int(mask.sum()),
            "positives": positives,
            "selectionRate": float(pred.mean()),
            "truePositiveRate": float(pred[truth == 1].mean()) if positives else None,
        }
    return out


class OnnxRuntimeModel:
    """Runs a logged ONNX graph (the files downloaded back from the store) with ONNX Runtime.

    Why this exists: MLflow's ONNX pyfunc feeds each DataFrame column as a 1-D array, which
    ONNX Runtime rejects for the [None, 1] inputs skl2onnx declares ("Invalid rank"), and
    MLflow's default evaluator asks for class probabilities only from scikit-learn / XGBoost /
    CatBoost models, so an ONNX classifier would get no roc_auc or log_loss at all. This class
    exposes the graph through the scikit-learn interface the evaluator uses (predict,
    predict_proba) and feeds every column as the [N, 1] tensor the graph declares.
    """

    def __init__(self, onnx_path: str):
        self.session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
        self.output_names = [o.name for o in self.session.get_outputs()]

    def _feed(self, df: pd.DataFrame) -> dict:
        feed = {}
        for spec in self.session.get_inputs():
            column = df[spec.name]
            if spec.type == "tensor(string)":
                values = column.astype(str).to_numpy(dtype=object)
            else:
                values = column.to_numpy(dtype=np.float32)
            feed[spec.name] = values.reshape(-1, 1)
        return feed

    def predict(self, df: pd.DataFrame) -> np.ndarray:
        first = self.session.run([self.output_names[0]], self._feed(df))[0]
        return np.asarray(first).reshape(-1)


class OnnxRuntimeClassifier(OnnxRuntimeModel):
    def predict_proba(self, df: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.session.run(["probabilities"], self._feed(df))[0])
