"""Generates the benchmark data: ROWS rows, two sensitive features (sex: 2 values, race: 5 values,
10 intersectional groups with unequal sizes and a real disparity), labels and predictions.

  generate.py <rows> <out.csv> [seed]
"""

import sys

import numpy as np
import pandas as pd

rows = int(sys.argv[1])
out = sys.argv[2]
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 20261127)

sex = rng.choice(["Female", "Male"], size=rows, p=[0.4, 0.6])
race = rng.choice(["Asian", "Black", "Other", "White", "Indigenous"], size=rows, p=[0.06, 0.12, 0.03, 0.76, 0.03])
base = 0.15 + 0.15 * (sex == "Male") + 0.05 * (race == "White")
y_true = (rng.random(rows) < base).astype(np.int8)
tpr = np.where(sex == "Male", 0.75, 0.65)
fpr = np.where(race == "White", 0.08, 0.12)
y_pred = (rng.random(rows) < np.where(y_true == 1, tpr, fpr)).astype(np.int8)
pd.DataFrame({"y_true": y_true, "y_pred": y_pred, "sex": sex, "race": race}).to_csv(out, index=False)
