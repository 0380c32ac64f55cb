"""Seeds an MLflow store (a server, or a local sqlite store) with realistic, deterministic
release evidence for the tests and the example, and writes a manifest of what it created.

Runs under MLflow 2.22 and 3.x. Every number in the manifest comes from Python and MLflow, so
tests can compare the TypeScript side against an independent source of truth.

  python seed.py --tracking-uri http://127.0.0.1:5000 --data data/adult/adult.csv \
      --manifest out.json [--artifact-location DIR] [--only credit-risk]
"""

import argparse
import json
import os
import sys
import tempfile
import warnings
from datetime import datetime, timezone

# MLflow takes the run user from the OS login (getpass); a fixed login makes it assertable.
RUN_USER = "dana-trainer"
APPROVER = "riley-release"
os.environ["USER"] = os.environ["LOGNAME"] = RUN_USER
os.environ.setdefault("MLFLOW_ENABLE_ASYNC_LOGGING", "false")
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
import onnx  # noqa: E402
import onnxruntime  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402

import seed_data as data  # noqa: E402
import seed_mlflow as mf  # noqa: E402
from seed_models import OnnxRuntimeModel, group_rates, to_onnx  # noqa: E402
from seed_versions import CREDIT_RISK, WORK_HOURS, impact_assessment  # noqa: E402

REVIEWED = "2026-11-02"
EVAL_CSV = "eval/evaluation.csv"
IMPACT_DOC = "impact_assessment.md"
EXPERIMENT = "aims-gate-seed"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tracking-uri", required=True)
    p.add_argument("--data", required=True, help="the project's copy of adult.csv")
    p.add_argument("--manifest", required=True, help="where to write the JSON manifest")
    p.add_argument("--artifact-location", help="experiment artifact root (local stores)")
    p.add_argument("--only", action="append", help="seed only these registered models")
    return p.parse_args()


def log_datasets(train_df, eval_df, label, names):
    train_ds = mlflow.data.from_pandas(
        train_df, source=data.ADULT_SOURCE_URL, name=names[0], targets=label
    )
    eval_ds = mlflow.data.from_pandas(
        eval_df, source=data.ADULT_SOURCE_URL, name=names[1], targets=label
    )
    mlflow.log_input(train_ds, context="training")
    mlflow.log_input(eval_ds, context="evaluation")
    return eval_ds


def seed_version(client, ctx, model, spec, work):
    """One run, one registered version. Returns the manifest entry."""
    label = model["label"]
    train = data.disfavour_women(ctx["train"]) if spec.get("biased") else ctx["train"]
    X_train, y_train = model["features"](train), train[label]
    eval_df = ctx["eval"][[*model["features"](ctx["eval"]).columns, label]]
    X_eval = model["features"](eval_df)
    tags = {"mlflow.user": RUN_USER, "mlflow.source.name": "test/python/seed.py",
            "mlflow.source.type": "LOCAL"}
    run_name = f"{model['name']}-{spec['role']}"
    with mlflow.start_run(experiment_id=ctx["experiment_id"], run_name=run_name, tags=tags) as run:
        pipeline = model["build"](spec)
        pipeline.fit(X_train, y_train)
        mlflow.log_params({"estimator": spec["kind"], **spec["params"],
                           "train_rows": len(train), "random_state": data.RANDOM_STATE})
        evidenced = spec["role"] != "incomplete"
        eval_ds = None
        if evidenced:
            eval_ds = log_datasets(train[eval_df.columns], eval_df, label, model["dataset_names"])
        signature = infer_signature(X_eval.head(50), pipeline.predict(X_eval.head(50)))
        onnx_model = to_onnx(pipeline, X_eval, model["is_classifier"])
        pip = [f"mlflow=={mlflow.__version__}", f"onnx=={onnx.__version__}",
               f"onnxruntime=={onnxruntime.__version__}"]
        info = mf.log_onnx(onnx_model, signature, model["name"], spec.get("external_data", False), pip)
        model_id = getattr(info, "model_id", None) if mf.MLFLOW_MAJOR >= 3 else None
        local = mf.download(mf.model_dir_uri(client, info), os.path.join(work, run.info.run_id))
        evaluated, tampered, eval_csv, impact = {}, None, None, None
        groups = _groups(model, local, eval_df) if model["is_classifier"] else None
        if evidenced:
            csv_dir = os.path.join(work, f"{run.info.run_id}-eval")
            os.makedirs(csv_dir)
            csv_path = os.path.join(csv_dir, os.path.basename(EVAL_CSV))
            eval_df.to_csv(csv_path, index=False, float_format="%g", lineterminator="\n")
            mlflow.log_artifact(csv_path, artifact_path=os.path.dirname(EVAL_CSV))
            eval_csv = {"artifactPath": EVAL_CSV, "labelColumn": label, "rows": len(eval_df),
                        "sha256": mf.sha256_file(csv_path), "sensitiveFeatures": data.SENSITIVE}
            mlflow.log_text(impact_assessment(model["name"], spec, REVIEWED, APPROVER), IMPACT_DOC)
            impact = {"artifactPath": IMPACT_DOC, "reviewed": REVIEWED}
            evaluated = mf.evaluate(local, eval_ds, model["model_type"], model_id)
            if spec["role"] == "tampered":
                true_value = evaluated["roc_auc"]
                logged = true_value + 0.05
                mf.overwrite_metric(run.info.run_id, "roc_auc", logged, eval_ds, model_id)
                tampered = {"metric": "roc_auc", "trueValue": true_value, "loggedValue": logged}
    version = str(info.registered_model_version)
    return finish_version(client, model, spec, run.info.run_id, version, model_id, local,
                          evaluated, tampered, eval_csv, impact, groups)


def _groups(model, local, eval_df):
    """Group rates of the stored graph on the evaluation data, per sensitive feature."""
    predicted = OnnxRuntimeModel(os.path.join(local, "model.onnx")).predict(eval_df)
    return {f: group_rates(predicted, eval_df, model["label"], f) for f in data.SENSITIVE}


def finish_version(client, model, spec, run_id, version, model_id, local, evaluated, tampered,
                   eval_csv, impact, groups):
    name = model["name"]
    for alias in spec["aliases"]:
        client.set_registered_model_alias(name, alias, version)
    if spec.get("description"):
        client.update_model_version(name, version, description=spec["description"])
    approver = spec.get("approved_by", APPROVER if spec["role"] != "incomplete" else None)
    version_tags = dict(spec.get("tags", {}))
    run = client.get_run(run_id)
    approved_at = None
    if approver:
        approved_at = approval_time(client.get_model_version(name, version), run)
        version_tags.update({"aims.approved_by": approver, "aims.approved_at": approved_at})
    for key, value in version_tags.items():
        client.set_model_version_tag(name, version, key, value)
    mv = client.get_model_version(name, version)
    files = mf.hash_tree(local)
    onnx_file = next(f for f in files if f["path"] == "model.onnx")
    return {
        "version": version,
        "role": spec["role"],
        "aliases": list(spec["aliases"]),
        "evidence": "incomplete" if spec["role"] == "incomplete" else "complete",
        "estimator": spec["kind"],
        "runId": run_id,
        "runUser": run.info.user_id,
        "experimentId": run.info.experiment_id,
        "source": mv.source,
        "modelId": model_id,
        "description": mv.description or "",
        "tags": dict(mv.tags),
        "approvedBy": approver,
        "approvedAt": approved_at,
        "params": dict(run.data.params),
        "datasets": [mf.dataset_record(i) for i in run.inputs.dataset_inputs],
        "metrics": {k: float(v) for k, v in sorted(run.data.metrics.items())},
        "evaluatedMetrics": dict(sorted(evaluated.items())),
        "tampered": tampered,
        "evaluationCsv": eval_csv,
        "impactAssessment": impact,
        "groups": groups,
        "onnx": {"path": onnx_file["path"], "sha256": onnx_file["sha256"],
                 "externalData": _external_data_files(os.path.join(local, onnx_file["path"]))},
        "files": files,
    }


def approval_time(mv, run):
    """An RFC 3339 time after the version was registered and its run finished, as a release
    manager approving the version now would write it (the gate refuses earlier approvals)."""
    after = max(int(mv.creation_timestamp), int(run.info.end_time or 0)) + 1000
    now = int(datetime.now(timezone.utc).timestamp() * 1000)
    at = datetime.fromtimestamp(max(after, now) / 1000, tz=timezone.utc)
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _external_data_files(onnx_path):
    """Side files the graph's tensors point to (ONNX external data), as the graph names them."""
    graph = onnx.load(onnx_path, load_external_data=False).graph
    return sorted({entry.value for tensor in graph.initializer for entry in tensor.external_data
                   if entry.key == "location"})


def main():
    args = parse_args()
    mlflow.set_tracking_uri(args.tracking_uri)
    mlflow.set_registry_uri(args.tracking_uri)
    client = MlflowClient()
    location = os.path.abspath(args.artifact_location) if args.artifact_location else None
    experiment_id = client.create_experiment(EXPERIMENT, artifact_location=location)
    adult = data.load_adult(args.data)
    train, evaluation = data.split(adult)
    ctx = {"experiment_id": experiment_id, "train": train, "eval": evaluation}
    wanted = [m for m in (CREDIT_RISK, WORK_HOURS) if not args.only or m["name"] in args.only]
    manifest = {"mlflowVersion": mlflow.__version__, "flavour": f"mlflow{mf.MLFLOW_MAJOR}",
                "runUser": RUN_USER, "approver": APPROVER, "reviewed": REVIEWED,
                "experimentName": EXPERIMENT,
                "experimentId": experiment_id, "models": {}}
    with tempfile.TemporaryDirectory() as work:
        for model in wanted:
            client.create_registered_model(model["name"], tags=model["tags"],
                                           description=model["description"])
            for spec in model["versions"]:
                print(f"seed: {model['name']} {spec['role']}", file=sys.stderr, flush=True)
                entry = seed_version(client, ctx, model, spec, work)
                manifest["models"].setdefault(model["name"], _model_entry(client, model))
                manifest["models"][model["name"]]["versions"].append(entry)
            # Local stores report alias versions as ints, servers as strings: always strings.
            manifest["models"][model["name"]]["aliases"] = {
                alias: str(version) for alias, version in
                sorted(client.get_registered_model(model["name"]).aliases.items())}
    # Which stored field carries the markdown/HTML-hostile text (rendering tests chew on it).
    manifest["hostileText"] = next(
        ({"model": m, "version": v["version"], "field": "modelVersion.description",
          "text": v["description"]}
         for m, entry in manifest["models"].items() for v in entry["versions"]
         if "<script>" in v["description"]), None)
    with open(args.manifest, "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=2)
        out.write("\n")


def _model_entry(client, model):
    registered = client.get_registered_model(model["name"])
    return {"name": model["name"], "task": model["model_type"],
            "description": registered.description, "tags": dict(registered.tags),
            "labelColumn": model["label"], "aliases": {}, "versions": []}


if __name__ == "__main__":
    main()
