"""One Python baseline per process, so peak RSS is its own. Prints one JSON line.

  python_baselines.py mlflow <out_dir>   mlflow.evaluate (default evaluator): read the CSV, infer, all metrics
  python_baselines.py sklearn <out_dir>  sklearn metric calls on precomputed predictions
"""
import json
import os
import resource
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_mlflow(out):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import mlflow
    import pandas as pd

    tracking = tempfile.mkdtemp(prefix="bench-mlflow-", dir=out)
    mlflow.set_tracking_uri("sqlite:///" + os.path.join(tracking, "mlflow.db"))
    # Artifacts beside the throwaway database, not in ./mlruns of the repository.
    experiment = mlflow.create_experiment("recompute-bench", artifact_location=os.path.join(tracking, "artifacts"))
    mlflow.set_experiment(experiment_id=experiment)
    start = time.perf_counter()
    df = pd.read_csv(os.path.join(out, "eval.csv"))
    features = [c for c in df.columns if c.startswith("f")]
    with mlflow.start_run():
        result = mlflow.models.evaluate(
            model=os.path.join(out, "sk_model"),
            data=df[features + ["label"]],
            targets="label",
            model_type="classifier",
            evaluators=["default"],
            evaluator_config={"default": {"log_model_explainability": False}},
        )
    wall = time.perf_counter() - start
    return wall, {k: float(v) for k, v in result.metrics.items()}


def run_sklearn(out):
    import numpy as np
    from sklearn import metrics as sk

    data = np.load(os.path.join(out, "predictions.npz"))
    y, label, proba = data["y"], data["label"], data["proba"].astype(np.float64)
    start = time.perf_counter()
    m = {
        "accuracy_score": sk.accuracy_score(y, label),
        "recall_score": sk.recall_score(y, label),
        "precision_score": sk.precision_score(y, label),
        "f1_score": sk.f1_score(y, label),
        "f1_score_macro": sk.f1_score(y, label, average="macro"),
        "f1_score_micro": sk.f1_score(y, label, average="micro"),
        "f1_score_weighted": sk.f1_score(y, label, average="weighted"),
        "log_loss": sk.log_loss(y, proba),
        "roc_auc": sk.roc_auc_score(y, proba[:, 1]),
        "precision_recall_auc": sk.average_precision_score(y, proba[:, 1]),
        "brier_score": sk.brier_score_loss(y, proba[:, 1]),
    }
    tn, fp, fn, tp = sk.confusion_matrix(y, label).ravel()
    m.update(true_negatives=tn, false_positives=fp, false_negatives=fn, true_positives=tp)
    wall = time.perf_counter() - start
    return wall, {k: float(v) for k, v in m.items()}


def main():
    mode, out = sys.argv[1], sys.argv[2]
    wall, metrics = (run_mlflow if mode == "mlflow" else run_sklearn)(out)
    print(json.dumps({"mode": mode, "wallSeconds": wall, "peakRssMb": peak_rss_mb(), "metrics": metrics}))


if __name__ == "__main__":
    main()
