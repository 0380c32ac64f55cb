"""Prints what an MLflow tracking server would answer for a local store, as REST JSON: the same
SQLAlchemy store a server uses, serialised with the server's own `message_to_json`.

Usage: python dump_local_store.py sqlite:///<path>/mlflow.db <model> <version>...
Prints one JSON object: {"registered_model", "versions": {v: model_version}, "aliases":
{alias: model_version}, "runs": {run_id: run}, "logged_models": {id: model}}.
"""
import json
import sys
import warnings

warnings.filterwarnings("ignore")

import mlflow
from mlflow import MlflowClient
from mlflow.utils.proto_json_utils import message_to_json

uri, model, versions = sys.argv[1], sys.argv[2], sys.argv[3:]
mlflow.set_tracking_uri(uri)
client = MlflowClient()
store = client._get_registry_client().store
tracking = client._tracking_client.store


def as_json(entity):
    return json.loads(message_to_json(entity.to_proto()))


registered = store.get_registered_model(model)
out = {"registered_model": as_json(registered), "versions": {}, "aliases": {}, "runs": {}, "logged_models": {}}
for alias in registered.aliases:
    out["aliases"][alias] = as_json(store.get_model_version_by_alias(model, alias))
for version in versions:
    mv = store.get_model_version(model, version)
    out["versions"][version] = as_json(mv)
    if mv.run_id:
        run = tracking.get_run(mv.run_id)
        out["runs"][mv.run_id] = as_json(run)
        for output in getattr(run, "outputs", None).model_outputs if getattr(run, "outputs", None) else []:
            out["logged_models"][output.model_id] = as_json(tracking.get_logged_model(output.model_id))
print(json.dumps(out))
