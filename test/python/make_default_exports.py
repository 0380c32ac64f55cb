"""Exports classifiers the way people do today: skl2onnx (and onnxmltools for LightGBM and
XGBoost) with their default options, so every graph ends in a ZipMap node. Saves each as an
MLflow onnx model with a tensor signature (no column names), beside an evaluation CSV that also
holds a sensitive column (`sex`) the model must not be fed.

Usage: python make_default_exports.py <out_dir>

Writes <out_dir>/<name>/model, <out_dir>/<name>/eval.csv and <out_dir>/reference.json:
{name: {"metrics": ..., "undefined": [...], "classes": [...]}} computed by
sklearn_reference_metrics.py on what onnxruntime in Python predicts (ZipMap maps and all), and
"skipped": {name: why} for exporters this environment lacks.
"""
import copy
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import helper
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC

sys.path.insert(0, os.path.dirname(__file__))
from make_onnx_fixtures import NUMERIC, evaluate_classifier, make_frame, matrix, save  # noqa: E402


def sklearn_models():
    yield "logistic-regression", LogisticRegression(max_iter=500)
    yield "random-forest", RandomForestClassifier(n_estimators=20, max_depth=5, random_state=0)
    yield "gradient-boosting", GradientBoostingClassifier(n_estimators=30, max_depth=3, random_state=0)
    yield "hist-gradient-boosting", HistGradientBoostingClassifier(max_iter=30, random_state=0)
    yield "svc", SVC(probability=True, random_state=0)


def onnxmltools_models(skipped):
    """LightGBM and XGBoost through onnxmltools, when this environment has them."""
    try:
        import lightgbm
        from onnxmltools import convert_lightgbm
        from onnxmltools.convert.common.data_types import FloatTensorType as MlFloat

        model = lightgbm.LGBMClassifier(n_estimators=30, max_depth=4, random_state=0, verbose=-1)
        yield "lightgbm", model, lambda m: convert_lightgbm(m, initial_types=[("X", MlFloat([None, 3]))])
    except ImportError as error:
        skipped["lightgbm"] = str(error)
    try:
        import xgboost
        from onnxmltools import convert_xgboost
        from onnxmltools.convert.common.data_types import FloatTensorType as MlFloat

        model = xgboost.XGBClassifier(n_estimators=30, max_depth=4, random_state=0)
        yield "xgboost", model, lambda m: convert_xgboost(m, initial_types=[("X", MlFloat([None, 3]))])
    except ImportError as error:
        skipped["xgboost"] = str(error)


def forge(out, base):
    """Graphs that only look like a default export; the gate must refuse each with a reason."""
    model = onnx.load(os.path.join(out, base, "model", "model.onnx"))
    (zipmap,) = [n for n in model.graph.node if n.op_type == "ZipMap"]

    def write(name, edit):
        forged = copy.deepcopy(model)
        edit(forged.graph, [n for n in forged.graph.node if n.op_type == "ZipMap"][0])
        shutil.copytree(os.path.join(out, base), os.path.join(out, name))
        with open(os.path.join(out, name, "model", "model.onnx"), "wb") as f:
            f.write(forged.SerializeToString())

    def foreign_domain(graph, node):
        node.domain = "com.example.zipmap"

    def two_zipmaps(graph, node):
        twin = copy.deepcopy(node)
        twin.name, twin.output[0] = "ZipMap2", "output_probability2"
        graph.node.append(twin)
        graph.output.append(copy.deepcopy(graph.output[1]))
        graph.output[2].name = "output_probability2"

    def not_final(graph, node):
        node.output[0] = "maps"
        graph.node.append(helper.make_node("Identity", ["maps"], [zipmap.output[0]], name="after_zipmap"))

    def classes_disagree(graph, node):
        (attr,) = [a for a in node.attribute if a.name == "classlabels_int64s"]
        attr.ints[:] = list(reversed(attr.ints))

    for name, edit in [("foreign-domain", foreign_domain), ("two-zipmaps", two_zipmaps), ("not-final", not_final), ("classes-disagree", classes_disagree)]:
        write(f"forged-{name}", edit)


def main():
    out = sys.argv[1]
    train, test = make_frame(800, 1), make_frame(400, 2)
    frame = test[NUMERIC + ["sex", "default"]]
    reference, skipped = {}, {}

    def export(name, model, convert):
        model.fit(matrix(train), train["default"])
        try:
            onx = convert(model)
        except (TypeError, ValueError) as error:
            # the converter itself fails (e.g. skl2onnx on a newer scikit-learn): nothing to gate
            skipped[name] = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
            return
        # a tensor signature names no columns: the gate must pick age, income, debt_ratio and leave sex out
        sess = save(out, name, onx, matrix(test), frame)
        label, maps = sess.run(None, {"X": matrix(test)})
        classes = [int(c) for c in model.classes_]
        proba = np.array([[row[c] for c in classes] for row in maps], dtype=np.float64)
        reference[name] = evaluate_classifier(test["default"].to_numpy(), np.asarray(label), proba, classes, 1)

    for name, model in sklearn_models():
        export(name, model, lambda m: convert_sklearn(m, initial_types=[("X", FloatTensorType([None, 3]))], target_opset=17))
    for name, model, convert in onnxmltools_models(skipped):
        export(name, model, convert)

    forge(out, "logistic-regression")
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump({"cases": reference, "skipped": skipped}, f)


if __name__ == "__main__":
    main()
