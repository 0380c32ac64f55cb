"""Reference calibration numbers from scikit-learn (run by the tests, never pasted).

  calibration_reference.py <rows.csv> <bins>
      rows.csv has columns y_true (0/1), score (probability of the positive class) and group.
      Prints JSON: for "overall" and every group, sklearn's brier_score_loss and the expected
      calibration error built from sklearn.calibration.calibration_curve(strategy="uniform"):
      sum over non-empty bins of (rows in bin / rows) * |prob_true - prob_pred|. The rows per
      bin are counted with numpy (searchsorted on linspace edges), the binning sklearn documents.
"""

import json
import sys

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss


def figures(y, p, bins):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=bins, strategy="uniform")
    counts = np.bincount(np.searchsorted(np.linspace(0.0, 1.0, bins + 1)[1:-1], p), minlength=bins)
    counts = counts[counts > 0]
    ece = float(np.sum(counts / len(p) * np.abs(prob_true - prob_pred)))
    return {"n": int(len(p)), "brier": float(brier_score_loss(y, p)), "ece": ece}


def main(path, bins):
    frame = pd.read_csv(path, dtype={"group": str}, keep_default_na=False)
    y = frame["y_true"].astype(int).to_numpy()
    p = frame["score"].astype(float).to_numpy()
    out = {"overall": figures(y, p, bins), "groups": {}}
    for group, part in frame.groupby("group", sort=True):
        out["groups"][str(group)] = figures(part["y_true"].astype(int).to_numpy(), part["score"].astype(float).to_numpy(), bins)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
