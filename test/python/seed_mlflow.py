"""The MLflow calls the seeding needs, written once for both MLflow 2.22 and 3.x.

Differences handled here: `log_model(name=)` (3.x) vs `artifact_path=` (2.x), the model
directory living under a logged model (3.x) vs under the run (2.x), `mlflow.models.evaluate`
(3.x) vs `mlflow.evaluate` (2.x), and 3.x linking evaluation metrics to the logged model.
"""

import hashlib
import os

import mlflow
import mlflow.onnx
from mlflow import MlflowClient
from mlflow.models import Model
from mlflow.pyfunc import PyFuncModel

from seed_models import OnnxRuntimeClassifier, OnnxRuntimeModel

MLFLOW_MAJOR = int(mlflow.__version__.split(".")[0])


def log_onnx(onnx_model, signature, registered_name: str, external_data: bool, pip: list[str]):
    kwargs = dict(
        signature=signature,
        registered_model_name=registered_name,
        # Listing requirements skips MLflow's slow requirement inference.
        pip_requirements=pip,
        save_as_external_data=external_data,
    )
    if MLFLOW_MAJOR >= 3:
        return mlflow.onnx.log_model(onnx_model, name="model", **kwargs)
    return mlflow.onnx.log_model(onnx_model, artifact_path="model", **kwargs)


def model_dir_uri(client: MlflowClient, info) -> str:
    """The artifact URI of the model directory itself. Not `models:/…`: downloading through the
    registry adds a `registered_model_meta` file that is not in the store."""
    model_id = getattr(info, "model_id", None)
    if MLFLOW_MAJOR >= 3 and model_id:
        return client.get_logged_model(model_id).artifact_location
    return mlflow.get_artifact_uri("model")


def download(uri: str, dst: str) -> str:
    os.makedirs(dst, exist_ok=True)
    return mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=dst)


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_tree(root: str) -> list[dict]:
    """Every file below `root`, relative path with `/`, size and SHA-256, sorted by path."""
    files = []
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            files.append({"path": rel, "size": os.path.getsize(full), "sha256": sha256_file(full)})
    return sorted(files, key=lambda f: f["path"])


def evaluate(local_model_dir: str, dataset, model_type: str, model_id: str | None) -> dict:
    """MLflow's default evaluator run on the logged ONNX graph (see OnnxRuntimeModel for why the
    graph is wrapped). Returns the metrics MLflow computed and logged on the active run."""
    meta = Model.load(os.path.join(local_model_dir, "MLmodel"))
    onnx_file = os.path.join(local_model_dir, meta.flavors["onnx"]["data"])
    is_classifier = model_type == "classifier"
    impl = OnnxRuntimeClassifier(onnx_file) if is_classifier else OnnxRuntimeModel(onnx_file)
    # The evaluator only calls predict/predict_proba on a "raw model", and only for these
    # loader modules; the ONNX session above stands in for one. In-memory only.
    meta.flavors["python_function"]["loader_module"] = "mlflow.sklearn"
    extra = {"model_id": model_id} if MLFLOW_MAJOR >= 3 and model_id else {}
    model = PyFuncModel(model_meta=meta, model_impl=impl, **extra)
    config = {"log_model_explainability": False}
    if is_classifier:
        config.update({"pos_label": 1, "label_list": [0, 1]})
    run_evaluation = mlflow.models.evaluate if MLFLOW_MAJOR >= 3 else mlflow.evaluate
    result = run_evaluation(
        model=model,
        data=dataset,
        model_type=model_type,
        evaluators=["default"],
        evaluator_config={"default": config},
    )
    return {k: float(v) for k, v in result.metrics.items()}


def overwrite_metric(run_id: str, key: str, value: float, dataset, model_id: str | None):
    """Logs `key` again at step 0 with a later timestamp, so it becomes the value MLflow reports
    (the latest at the highest step) while the history keeps the evaluated one."""
    client = MlflowClient()
    history = client.get_metric_history(run_id, key)
    timestamp = max(m.timestamp for m in history) + 1000
    if MLFLOW_MAJOR >= 3:
        mlflow.log_metric(
            key, value, step=0, timestamp=timestamp, run_id=run_id, model_id=model_id, dataset=dataset
        )
    else:
        client.log_metric(run_id, key, value, timestamp=timestamp, step=0)


def dataset_record(entity_input) -> dict:
    dataset = entity_input.dataset
    context = next((t.value for t in entity_input.tags if t.key == "mlflow.data.context"), None)
    return {
        "name": dataset.name,
        "digest": dataset.digest,
        "context": context,
        "sourceType": dataset.source_type,
        "source": dataset.source,
    }
