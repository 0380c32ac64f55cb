"""Reference numbers from fairlearn for the fairness tests (run by the tests, never pasted).

  fairlearn_reference.py predict-adult <adult.csv> <out.csv>
      Trains a small scikit-learn model on the Adult data and writes one row per input row:
      y_pred (0/1 at threshold 0.5) and score (probability of ">50K").
  fairlearn_reference.py reference <spec.json>
      Prints JSON: per feature set, fairlearn's by-group rates and its *_difference / *_ratio
      functions; optionally MetricFrame bootstrap quantiles (n_boot, ci_quantiles, random_state).

spec.json: {"source": "adult"|"csv", "path": ..., "predictions": ... (adult only),
            "featureSets": [["sex"], ["sex", "race"]], "reference": {"sex": ["Male"]},
            "bootstrap": {"featureSets": [["sex"]], "nBoot": 200, "quantiles": [...], "seed": 7,
                          "metrics": ["selection_rate", "true_positive_rate"]}}
"""

import json
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, precision_score, roc_auc_score

from fairlearn.metrics import (
    MetricFrame,
    count,
    demographic_parity_difference,
    demographic_parity_ratio,
    equal_opportunity_difference,
    equal_opportunity_ratio,
    equalized_odds_difference,
    equalized_odds_ratio,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)

RATES = {
    "selection_rate": selection_rate,
    "true_positive_rate": true_positive_rate,
    "false_positive_rate": false_positive_rate,
    "false_negative_rate": false_negative_rate,
    "precision_score": precision_score,
    "accuracy_score": accuracy_score,
}
AGGREGATES = {
    "demographic_parity_difference": demographic_parity_difference,
    "demographic_parity_ratio": demographic_parity_ratio,
    "equalized_odds_difference": equalized_odds_difference,
    "equalized_odds_ratio": equalized_odds_ratio,
    "equal_opportunity_difference": equal_opportunity_difference,
    "equal_opportunity_ratio": equal_opportunity_ratio,
}


def read_adult(path):
    frame = pd.read_csv(path, skipinitialspace=True)
    frame["y_true"] = (frame["Salary"].str.strip() == ">50K").astype(int)
    return frame


def predict_adult(adult_path, out_path):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    frame = read_adult(adult_path)
    numeric = ["age", "education-num", "capital-gain", "capital-loss", "hours-per-week"]
    x = StandardScaler().fit_transform(frame[numeric].astype(float))
    model = LogisticRegression(max_iter=500).fit(x, frame["y_true"])
    score = model.predict_proba(x)[:, 1]
    pd.DataFrame({"y_pred": (score >= 0.5).astype(int), "score": score}).to_csv(out_path, index=False, float_format="%.17g")


def clean(value):
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def by_group_table(y_true, y_pred, sf, scores):
    metrics = dict(RATES)
    metrics["count"] = count
    frame = MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred, sensitive_features=sf)
    rows = []
    for index, row in frame.by_group.iterrows():
        values = list(index) if isinstance(index, tuple) else [index]
        entry = {"values": [str(v) for v in values]}
        entry.update({k: clean(row[k]) for k in metrics})
        rows.append(entry)
    if scores is not None:
        auc = MetricFrame(metrics=roc_auc_score, y_true=y_true, y_pred=scores, sensitive_features=sf)
        for entry, (_, value) in zip(rows, auc.by_group.items()):
            entry["roc_auc"] = clean(value)
    return rows


def reference(spec):
    if spec["source"] == "adult":
        frame = read_adult(spec["path"])
        predictions = pd.read_csv(spec["predictions"])
        y_true = frame["y_true"].to_numpy()
        y_pred = predictions["y_pred"].to_numpy()
        scores = predictions["score"].to_numpy()
    else:
        frame = pd.read_csv(spec["path"], dtype=str, keep_default_na=False)
        y_true = frame["y_true"].astype(int).to_numpy()
        y_pred = frame["y_pred"].astype(int).to_numpy()
        scores = frame["score"].astype(float).to_numpy() if "score" in frame else None
    out = {"featureSets": []}
    for features in spec["featureSets"]:
        sf = frame[features].astype(str) if len(features) > 1 else frame[features[0]].astype(str)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            entry = {
                "features": features,
                "byGroup": by_group_table(y_true, y_pred, sf, scores),
                "aggregates": {name: clean(fn(y_true, y_pred, sensitive_features=sf)) for name, fn in AGGREGATES.items()},
            }
        entry["warnings"] = sorted({str(w.message)[:120] for w in caught})
        out["featureSets"].append(entry)

    boot = spec.get("bootstrap")
    if boot:
        out["bootstrap"] = []
        for features in boot["featureSets"]:
            sf = frame[features].astype(str) if len(features) > 1 else frame[features[0]].astype(str)
            metrics = {name: RATES[name] for name in boot["metrics"]}
            mf = MetricFrame(
                metrics=metrics, y_true=y_true, y_pred=y_pred, sensitive_features=sf,
                n_boot=boot["nBoot"], ci_quantiles=boot["quantiles"], random_state=boot["seed"],
            )
            diff = mf.difference_ci()
            ratio = mf.ratio_ci()
            group_ci = mf.by_group_ci
            groups = []
            for index in mf.by_group.index:
                values = list(index) if isinstance(index, tuple) else [index]
                groups.append({
                    "values": [str(v) for v in values],
                    **{name: [clean(q.loc[index, name]) for q in group_ci] for name in metrics},
                })
            out["bootstrap"].append({
                "features": features,
                "difference": {name: [clean(q[name]) for q in diff] for name in metrics},
                "ratio": {name: [clean(q[name]) for q in ratio] for name in metrics},
                "byGroup": groups,
            })
    return out


if __name__ == "__main__":
    if sys.argv[1] == "predict-adult":
        predict_adult(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "reference":
        with open(sys.argv[2]) as handle:
            json.dump(reference(json.load(handle)), sys.stdout)
    else:
        raise SystemExit(f"unknown command {sys.argv[1]}")
