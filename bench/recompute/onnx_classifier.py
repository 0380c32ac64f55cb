"""The benchmark's ONNX graph behind sklearn's predict / predict_proba, so MLflow's default
evaluator (which asks a model for probabilities only through the sklearn interface) computes
ROC AUC, PR AUC and log loss with the very same model."""
import numpy as np
import onnxruntime as ort


class OnnxClassifier:
    def __init__(self, onnx_bytes):
        self.onnx_bytes = onnx_bytes
        self._session = None

    def __getstate__(self):
        return {"onnx_bytes": self.onnx_bytes}

    def __setstate__(self, state):
        self.onnx_bytes = state["onnx_bytes"]
        self._session = None

    def _run(self, X):
        if self._session is None:
            self._session = ort.InferenceSession(self.onnx_bytes, providers=["CPUExecutionProvider"])
        X = np.asarray(X, dtype=np.float32)
        return self._session.run(None, {"X": X})

    def predict(self, X):
        return self._run(X)[0]

    def predict_proba(self, X):
        return self._run(X)[1]
