"""Loads the project's copy of the Adult data and makes the fixed train/evaluation splits.

Column names are normalised to snake_case (`education-num` -> `education_num`) because they
become ONNX input names and MLflow signature columns; the evaluation CSV uses the same names, so
a reader can feed each CSV column to the ONNX input of the same name.
"""

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

RANDOM_STATE = 42
# Small, fixed sizes keep seeding fast on a shared 2-core machine and the example store small.
TRAIN_ROWS = 8000
EVAL_ROWS = 2000

LABEL = "income_gt_50k"  # 1 when the census record earns more than 50K a year
NUMERIC = ["age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
CATEGORICAL = [
    "workclass",
    "education",
    "marital_status",
    "occupation",
    "relationship",
    "race",
    "sex",
    "native_country",
]
SENSITIVE = ["sex", "race"]

# The regressor predicts weekly hours from every other census column (not the income label).
HOURS = "hours_per_week"
HOURS_NUMERIC = [c for c in NUMERIC if c != HOURS]

# Where the data came from: recorded as the dataset source, never a path of this machine.
ADULT_SOURCE_URL = "https://doi.org/10.24432/C5XW20"


def load_adult(path: str) -> pd.DataFrame:
    raw = pd.read_csv(path, skipinitialspace=True, dtype=str, keep_default_na=False)
    raw.columns = [c.strip().replace("-", "_") for c in raw.columns]
    df = pd.DataFrame(index=raw.index)
    for col in NUMERIC:
        # float32: what the ONNX graph takes; every Adult value is an integer below 2**24.
        df[col] = raw[col].str.strip().astype("float32")
    for col in CATEGORICAL:
        # `?` (unknown) stays a category of its own so string tensors never hold NaN.
        df[col] = raw[col].str.strip().astype(object)
    df[LABEL] = (raw["Salary"].str.strip() == ">50K").astype("int64")
    return df[[*NUMERIC, *CATEGORICAL, LABEL]]


def split(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same stratified train/evaluation split every run (fixed random_state)."""
    train, evaluation = train_test_split(
        df,
        train_size=TRAIN_ROWS,
        test_size=EVAL_ROWS,
        random_state=RANDOM_STATE,
        stratify=df[LABEL],
    )
    return train.reset_index(drop=True), evaluation.reset_index(drop=True)


def disfavour_women(train: pd.DataFrame, flip_probability: float = 0.9) -> pd.DataFrame:
    """Training labels altered so the model learns to deny women: most of their positive labels
    become 0. Only the training set is altered, so the disparity is measured on honest data."""
    rng = np.random.default_rng(7)
    biased = train.copy()
    women_positive = (biased["sex"] == "Female") & (biased[LABEL] == 1)
    flip = women_positive & (rng.random(len(biased)) < flip_probability)
    biased.loc[flip, LABEL] = 0
    return biased


def features(df: pd.DataFrame) -> pd.DataFrame:
    return df[[*NUMERIC, *CATEGORICAL]]


def hours_features(df: pd.DataFrame) -> pd.DataFrame:
    return df[[*HOURS_NUMERIC, *CATEGORICAL]]
