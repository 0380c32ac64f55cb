"""Generates the recompute benchmark inputs into <out_dir> (default bench/out):

- eval.csv / eval.parquet: 1,000,000 rows x 20 float32 features (f00..f19), `sex`, `race`, `label`
- model/: a GradientBoostingClassifier exported by skl2onnx (zipmap off), saved as an MLflow
  onnx model with a column signature
- sk_model/: the same ONNX graph behind predict/predict_proba, saved with the sklearn flavour so
  mlflow.evaluate's default evaluator computes every classifier metric with it
- predictions.npz: onnxruntime's labels and probabilities, for the sklearn-only baseline

Rerunning skips files that exist.
"""
import os
import sys

import numpy as np

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
FEATURES = [f"f{i:02d}" for i in range(20)]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "bench/out"
    os.makedirs(out, exist_ok=True)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pandas as pd

    rng = np.random.default_rng(42)
    X = rng.normal(size=(ROWS, 20)).astype(np.float32)
    w = rng.normal(size=20)
    logit = X @ w * 0.4 + 0.8 * np.sin(X[:, 0] * X[:, 1]) + rng.normal(0, 1, ROWS)
    y = (logit > 0).astype(np.int64)
    df = pd.DataFrame(X, columns=FEATURES)
    df["sex"] = rng.choice(["F", "M"], ROWS)
    df["race"] = rng.choice(["a", "b", "c", "d"], ROWS)
    df["label"] = y
    csv, parquet = os.path.join(out, "eval.csv"), os.path.join(out, "eval.parquet")
    if not os.path.exists(csv):
        df.to_csv(csv, index=False, float_format="%.7g")
    if not os.path.exists(parquet):
        df.to_parquet(parquet, index=False)

    model_dir, sk_dir = os.path.join(out, "model"), os.path.join(out, "sk_model")
    onnx_path = os.path.join(out, "model.onnx")
    if not os.path.exists(onnx_path):
        from skl2onnx import convert_sklearn
        from skl2onnx.common.data_types import FloatTensorType
        from sklearn.ensemble import GradientBoostingClassifier

        train = rng.choice(ROWS, 50_000, replace=False)
        gb = GradientBoostingClassifier(n_estimators=100, max_depth=3, random_state=0).fit(X[train], y[train])
        onx = convert_sklearn(gb, initial_types=[("X", FloatTensorType([None, 20]))], options={id(gb): {"zipmap": False}}, target_opset=17)
        with open(onnx_path, "wb") as f:
            f.write(onx.SerializeToString())
    import mlflow.onnx
    import mlflow.sklearn
    import onnx
    from mlflow.models import infer_signature
    from onnx_classifier import OnnxClassifier

    if not os.path.exists(model_dir):
        mlflow.onnx.save_model(onnx.load(onnx_path), model_dir, signature=infer_signature(df[FEATURES].head(100)))
    if not os.path.exists(sk_dir):
        with open(onnx_path, "rb") as f:
            wrapper = OnnxClassifier(f.read())
        mlflow.sklearn.save_model(wrapper, sk_dir, serialization_format="cloudpickle", signature=infer_signature(df[FEATURES].head(100)))
    preds = os.path.join(out, "predictions.npz")
    if not os.path.exists(preds):
        with open(onnx_path, "rb") as f:
            wrapper = OnnxClassifier(f.read())
        np.savez(preds, label=wrapper.predict(X), proba=wrapper.predict_proba(X), y=y)


if __name__ == "__main__":
    main()
