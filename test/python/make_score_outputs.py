"""Binary classifiers shaped as torch.onnx.export writes a network: one float input, one float
output, no label output and no class names. torch itself cannot be installed here (its PyPI
wheel needs the CUDA libraries), so the graphs are built with onnx.helper from a fitted
scikit-learn LogisticRegression: the same output shapes a sigmoid head ([N, 1] and [N]) and a
two-logit head ([N, 2]) give.

Usage: python make_score_outputs.py <out_dir>

Writes <out_dir>/<name>/model, <out_dir>/<name>/eval.csv and <out_dir>/reference.json with the
metrics sklearn_reference_metrics.py computes on what onnxruntime in Python returns.
"""
import json
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(__file__))
from make_onnx_fixtures import NUMERIC, evaluate_classifier, make_frame, matrix, save  # noqa: E402


def graph(name, nodes, outputs, initializers):
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 3])
    used = {i for n in nodes for i in n.input}
    g = helper.make_graph(nodes, name, [x], outputs, initializer=[t for t in initializers if t.name in used])
    # IR version 8 (onnx 1.13), as torch.onnx.export writes at opset 17; onnxruntime reads it
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


def out(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def main():
    target = sys.argv[1]
    train, test = make_frame(800, 1), make_frame(400, 2)
    model = LogisticRegression(max_iter=500).fit(matrix(train), train["default"])
    w = model.coef_.astype(np.float32).T  # [3, 1]
    b = model.intercept_.astype(np.float32)
    # two logits whose difference is the logistic regression's decision function
    w2 = np.hstack([-w / 2, w / 2]).astype(np.float32)
    b2 = np.array([-b[0] / 2, b[0] / 2], dtype=np.float32)
    inits = [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b"),
             numpy_helper.from_array(w2, "w2"), numpy_helper.from_array(b2, "b2"),
             numpy_helper.from_array(np.array([1], dtype=np.int64), "axis")]
    linear = [helper.make_node("MatMul", ["input", "w"], ["z0"]), helper.make_node("Add", ["z0", "b"], ["z"])]
    logits = [helper.make_node("MatMul", ["input", "w2"], ["l0"]), helper.make_node("Add", ["l0", "b2"], ["logits"])]
    sigmoid = helper.make_node("Sigmoid", ["z"], ["probability"])
    cases = {
        "sigmoid-n1": graph("sigmoid", linear + [sigmoid], [out("probability", ["batch", 1])], inits),
        "sigmoid-n": graph("sigmoid_flat", linear + [helper.make_node("Sigmoid", ["z"], ["p1"]),
                           helper.make_node("Squeeze", ["p1", "axis"], ["probability"])],
                           [out("probability", ["batch"])], inits),
        "logits": graph("logits", logits, [out("logits", ["batch", 2])], inits),
        # both heads: which one is the score must be named
        "two-heads": graph("two_heads", linear + logits + [sigmoid],
                           [out("logits", ["batch", 2]), out("probability", ["batch", 1])], inits),
        # forgery: a raw decision value under a name that says probability, no sigmoid
        "no-sigmoid": graph("no_sigmoid", linear + [helper.make_node("Identity", ["z"], ["probability"])],
                            [out("probability", ["batch", 1])], inits),
    }
    frame = test[NUMERIC + ["sex", "default"]]
    reference = {}
    for name, onx in cases.items():
        sess = save(target, name, onx, matrix(test), frame)
        if name in ("two-heads", "no-sigmoid"):
            continue
        (score,) = sess.run(None, {"input": matrix(test)})
        score = score.astype(np.float64)
        if name == "logits":
            e = np.exp(score - score.max(axis=1, keepdims=True))
            proba = e / e.sum(axis=1, keepdims=True)
            label = np.argmax(score, axis=1)
        else:
            p = score.reshape(-1)
            proba = np.column_stack([1 - p, p])
            label = (p > 0.5).astype(int)
        reference[name] = evaluate_classifier(test["default"].to_numpy(), label, proba, [0, 1], 1)
    with open(os.path.join(target, "reference.json"), "w") as f:
        json.dump({"cases": reference}, f)


if __name__ == "__main__":
    main()
