"""Reference metric values from scikit-learn, computed the way MLflow's default evaluator does.

Usage: python sklearn_reference_metrics.py <cases.json> <out.json>

Each case: {"id", "task": "binary"|"multiclass"|"regression", "y_true", "y_pred",
"proba" (rows x classes, optional), "classes" (sorted), "pos_index" (binary), "weights" (optional)}.
A metric sklearn refuses (raises, or answers nan with a warning) is listed under "undefined".
"""
import json
import sys
import warnings

import numpy as np
from sklearn import metrics as sk


RANKING = {"roc_auc", "roc_auc_macro", "precision_recall_auc", "average_precision"}


def safe(out, undefined, name, fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = float(fn())
        except ValueError:
            undefined.append(name)
            return
    # A ranking metric sklearn only warns about (no positive sample) is not a number to gate on.
    warned = any(issubclass(w.category, (UserWarning, RuntimeWarning)) for w in caught)
    if np.isnan(value) or (name in RANKING and warned):
        undefined.append(name)
    else:
        out[name] = value


def classifier(case):
    y = np.asarray(case["y_true"])
    p = np.asarray(case["y_pred"])
    w = None if case.get("weights") is None else np.asarray(case["weights"], dtype=np.float64)
    classes = list(case["classes"])
    proba = None if case.get("proba") is None else np.asarray(case["proba"], dtype=np.float64)
    out, undefined = {"example_count": float(len(y))}, []
    binary = case["task"] == "binary"
    pos = classes[case["pos_index"]] if binary else None
    average = "binary" if binary else "weighted"
    kw = {"pos_label": pos} if binary else {}
    safe(out, undefined, "accuracy_score", lambda: sk.accuracy_score(y, p, sample_weight=w))
    for name, fn in (("recall_score", sk.recall_score), ("precision_score", sk.precision_score), ("f1_score", sk.f1_score)):
        safe(out, undefined, name, lambda: fn(y, p, average=average, sample_weight=w, **kw))
        for avg in ("macro", "micro", "weighted"):
            safe(out, undefined, f"{name}_{avg}", lambda: fn(y, p, average=avg, sample_weight=w))
    cm = sk.confusion_matrix(y, p, labels=classes)
    for i, t in enumerate(classes):
        for j, q in enumerate(classes):
            out[f"confusion_matrix/{t}/{q}"] = float(cm[i, j])
    if binary:
        neg_index = 1 - case["pos_index"]
        order = [classes[neg_index], pos]
        tn, fp, fn_, tp = sk.confusion_matrix(y, p, labels=order).ravel()
        out.update(true_negatives=float(tn), false_positives=float(fp), false_negatives=float(fn_), true_positives=float(tp))
    if proba is not None:
        safe(out, undefined, "log_loss", lambda: sk.log_loss(y, proba, labels=classes, sample_weight=w))
        if binary:
            score = proba[:, case["pos_index"]]
            safe(out, undefined, "roc_auc", lambda: sk.roc_auc_score(y == pos, score, sample_weight=w))
            safe(out, undefined, "precision_recall_auc", lambda: sk.average_precision_score(y, score, pos_label=pos, sample_weight=w))
            safe(out, undefined, "average_precision", lambda: sk.average_precision_score(y, score, pos_label=pos, sample_weight=w))
            safe(out, undefined, "brier_score", lambda: sk.brier_score_loss(y, score, pos_label=pos, sample_weight=w))
        else:
            for name, avg in (("roc_auc", "weighted"), ("roc_auc_macro", "macro")):
                safe(out, undefined, name, lambda: sk.roc_auc_score(y, proba, sample_weight=w, average=avg, multi_class="ovr"))
            safe(out, undefined, "brier_score", lambda: sk.brier_score_loss(y, proba, labels=classes, sample_weight=w))
    return out, undefined


def regressor(case):
    y = np.asarray(case["y_true"], dtype=np.float64)
    p = np.asarray(case["y_pred"], dtype=np.float64)
    w = None if case.get("weights") is None else np.asarray(case["weights"], dtype=np.float64)
    out, undefined = {"example_count": float(len(y))}, []
    sum_on_target = float((y * w).sum()) if w is not None else float(sum(y))
    out["sum_on_target"] = sum_on_target
    out["mean_on_target"] = sum_on_target / len(y)
    safe(out, undefined, "mean_absolute_error", lambda: sk.mean_absolute_error(y, p, sample_weight=w))
    safe(out, undefined, "mean_squared_error", lambda: sk.mean_squared_error(y, p, sample_weight=w))
    safe(out, undefined, "root_mean_squared_error", lambda: sk.root_mean_squared_error(y, p, sample_weight=w))
    safe(out, undefined, "r2_score", lambda: sk.r2_score(y, p, sample_weight=w))
    safe(out, undefined, "max_error", lambda: sk.max_error(y, p))
    safe(out, undefined, "mean_absolute_percentage_error", lambda: sk.mean_absolute_percentage_error(y, p, sample_weight=w))
    return out, undefined


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    results = {}
    for case in cases:
        fn = regressor if case["task"] == "regression" else classifier
        values, undefined = fn(case)
        results[case["id"]] = {"metrics": values, "undefined": sorted(undefined)}
    with open(sys.argv[2], "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
