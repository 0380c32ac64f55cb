"""Registers forged copies of seeded model versions under a new registered model, for the
approval and waiver forgery tests. Each copy points at the same run and model as its original
(so every other requirement sees the original's evidence) and carries the version tags the test
asks for. A champion copy gets the `champion` alias, so baseline comparisons work.

  python forge_versions.py --tracking-uri URI --source credit-risk --target NAME --cases cases.json

cases.json: [{"key": "...", "from": "challenger", "tags": {"aims.approved_by": "...", ...}}]
Tag values may be a time token: "@after" (an RFC 3339 time after the copy was registered and its
run finished), "@created" (exactly the copy's registration time), "@future" (two hours from now).
Prints {"versions": {key: version}} as one JSON line.
"""

import argparse
import json
import warnings
from datetime import datetime, timezone

warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
from mlflow import MlflowClient  # noqa: E402


def rfc3339(ms):
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def copy_version(client, target, original):
    # MLflow 3 refuses a `models:/m-...` source without the logged model's id.
    model_id = getattr(original, "model_id", None)
    if not model_id and original.source.startswith("models:/m-"):
        model_id = original.source.split("/")[1]
    kwargs = {"model_id": model_id} if model_id else {}
    return client.create_model_version(target, original.source, run_id=original.run_id, **kwargs)


def value_of(token, mv, run):
    now = int(datetime.now(timezone.utc).timestamp() * 1000)
    if token == "@after":
        return rfc3339(max(int(mv.creation_timestamp), int(run.info.end_time or 0), now) + 1000)
    if token == "@created":
        return rfc3339(int(mv.creation_timestamp))
    if token == "@future":
        return rfc3339(now + 2 * 3600 * 1000)
    return token


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tracking-uri", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--target", required=True)
    p.add_argument("--cases", required=True)
    args = p.parse_args()
    mlflow.set_tracking_uri(args.tracking_uri)
    mlflow.set_registry_uri(args.tracking_uri)
    client = MlflowClient()
    cases = json.load(open(args.cases, encoding="utf-8"))
    client.create_registered_model(args.target)
    champion = copy_version(client, args.target, client.get_model_version_by_alias(args.source, "champion"))
    client.set_registered_model_alias(args.target, "champion", champion.version)
    versions = {}
    for case in cases:
        original = client.get_model_version_by_alias(args.source, case["from"])
        mv = copy_version(client, args.target, original)
        run = client.get_run(original.run_id)
        for key, token in case.get("tags", {}).items():
            client.set_model_version_tag(args.target, mv.version, key, value_of(token, mv, run))
        versions[case["key"]] = str(mv.version)
    print(json.dumps({"versions": versions}))


if __name__ == "__main__":
    main()
