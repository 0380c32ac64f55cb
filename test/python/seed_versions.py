"""What each seeded registered model and version is, and the role it plays in the tests.

credit-risk (binary classifier, label income_gt_50k):
  v1 champion       logistic regression, well evidenced
  v2 challenger     gradient boosting, better AUC, well evidenced, approved by the release manager;
                    its description carries markdown/HTML-hostile text for rendering tests
  v3 regressed      a shallow tree whose roc_auc is well below v1's
  v4 incomplete     no datasets, no evaluation, no impact assessment, no description, no approval
  v5 tampered       honest model whose logged roc_auc was raised by 0.05 after evaluation
  v6 disparity      trained on labels that deny most women, so it disfavours them on honest data
  v7 self-approved  well evidenced, but approved by the run's own user (separation of duties)
work-hours (regressor, label hours_per_week):
  v1 champion       small MLP, ONNX in one file
  v2 challenger     wider MLP, ONNX weights in an external-data side file
"""

import seed_data as data
from seed_models import classifier, regressor

HOSTILE = "<script>alert(1)</script> | @org/team {{x}} <!-- c -->"

CREDIT_RISK = {
    "name": "credit-risk",
    "model_type": "classifier",
    "is_classifier": True,
    "label": data.LABEL,
    "features": data.features,
    "dataset_names": ["adult-train", "adult-eval"],
    "build": lambda spec: classifier(spec["kind"], data.NUMERIC, **spec["params"]),
    "description": (
        "Estimates whether an applicant's yearly income exceeds 50K (UCI Adult census data). "
        "Used to pre-screen credit applications; a person makes every final decision."
    ),
    "tags": {"aims.owner": "credit-ml", "aims.domain": "credit", "aims.risk_tier": "high"},
    "versions": [
        {"role": "champion", "aliases": ["champion"], "kind": "logistic_regression",
         "params": {"C": 1.0},
         "description": "Logistic regression baseline on all census features.",
         "tags": {"aims.risk_tier": "high", "validation_status": "passed"}},
        {"role": "challenger", "aliases": ["challenger"], "kind": "gradient_boosting",
         "params": {"n_estimators": 80, "max_depth": 3, "learning_rate": 0.1},
         "description": "Gradient-boosted trees, challenger to the logistic baseline. "
                        f"Imported note: {HOSTILE}",
         "tags": {"aims.risk_tier": "high", "validation_status": "passed"}},
        {"role": "regressed", "aliases": ["regressed"], "kind": "decision_tree",
         "params": {"max_depth": 2},
         "description": "Shallow decision tree kept as a cheap fallback.",
         "tags": {"aims.risk_tier": "high"}},
        {"role": "incomplete", "aliases": ["incomplete"], "kind": "logistic_regression",
         "params": {"C": 0.3}},
        {"role": "tampered", "aliases": ["tampered"], "kind": "logistic_regression",
         "params": {"C": 0.1},
         "description": "Regularised logistic regression.",
         "tags": {"aims.risk_tier": "high"}},
        {"role": "disparity", "aliases": ["disparity"], "kind": "gradient_boosting",
         "params": {"n_estimators": 60, "max_depth": 3, "learning_rate": 0.1},
         "biased": True,
         "description": "Gradient-boosted trees trained on relabelled history.",
         "tags": {"aims.risk_tier": "high"}},
        {"role": "self-approved", "aliases": ["self-approved"], "kind": "gradient_boosting",
         "params": {"n_estimators": 60, "max_depth": 2, "learning_rate": 0.2},
         "approved_by": "dana-trainer",
         "description": "Shallower gradient-boosted trees.",
         "tags": {"aims.risk_tier": "high"}},
    ],
}

WORK_HOURS = {
    "name": "work-hours",
    "model_type": "regressor",
    "is_classifier": False,
    "label": data.HOURS,
    "features": data.hours_features,
    "dataset_names": ["adult-hours-train", "adult-hours-eval"],
    "build": lambda spec: regressor(data.HOURS_NUMERIC, **spec["params"]),
    "description": "Predicts weekly working hours from census attributes (staffing planning).",
    "tags": {"aims.owner": "workforce-ml", "aims.domain": "planning", "aims.risk_tier": "limited"},
    "versions": [
        {"role": "champion", "aliases": ["champion"], "kind": "mlp_regressor",
         "params": {"hidden_layer_sizes": (16,), "max_iter": 60},
         "description": "Small multilayer perceptron.",
         "tags": {"aims.risk_tier": "limited"}},
        {"role": "challenger", "aliases": ["challenger"], "kind": "mlp_regressor",
         "params": {"hidden_layer_sizes": (32, 16), "max_iter": 60},
         "external_data": True,
         "description": "Wider multilayer perceptron; weights stored as ONNX external data.",
         "tags": {"aims.risk_tier": "limited"}},
    ],
}


def impact_assessment(model: str, spec: dict, reviewed: str, reviewer: str) -> str:
    return "\n".join([
        f"# Impact assessment: {model} ({spec['role']})",
        "",
        "## Intended use",
        "Pre-screening support; outputs are reviewed by a person before any decision.",
        "",
        "## Affected groups",
        "Applicants of every sex and race in the census population; fairness is measured on the",
        "evaluation data by `sex` and `race`.",
        "",
        "## Risks and mitigations",
        "- Historical bias in census income labels: monitored with group selection rates.",
        "- Drift in applicant population: re-evaluated before each release.",
        "",
        f"Reviewer: {reviewer}",
        f"Reviewed: {reviewed}",
        "",
    ])
