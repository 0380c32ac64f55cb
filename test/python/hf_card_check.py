"""Reads model cards with huggingface_hub (the Hub's own parser) and reports what it saw.

Usage: hf_card_check.py CARD.md [CARD.md ...]  ->  one JSON object per card on stdout.

For each card: whether ModelCard.load parsed the metadata, the license fields, the
eval_results huggingface_hub built from model-index (metric types, values, dataset fields),
pipeline_tag/library_name, and every front-matter value whose type changes when the metadata
goes through huggingface_hub's YAML handling (ModelCardData -> to_yaml -> yaml.safe_load).
"""
import json
import sys

import yaml
from huggingface_hub import ModelCard
from huggingface_hub.repocard import REGEX_YAML_BLOCK


def type_changes(before, after, path="$"):
    """Paths where a value's type (or a scalar's value) differs between two YAML readings."""
    out = []
    if type(before) is not type(after):
        return [f"{path}: {type(before).__name__} -> {type(after).__name__}"]
    if isinstance(before, dict):
        for key in before:
            if key not in after:
                out.append(f"{path}.{key}: dropped")
            else:
                out.extend(type_changes(before[key], after[key], f"{path}.{key}"))
    elif isinstance(before, list):
        if len(before) != len(after):
            return [f"{path}: length {len(before)} -> {len(after)}"]
        for i, (a, b) in enumerate(zip(before, after)):
            out.extend(type_changes(a, b, f"{path}[{i}]"))
    elif before != after:
        out.append(f"{path}: {before!r} -> {after!r}")
    return out


def check(path):
    text = open(path, encoding="utf-8").read()
    card = ModelCard.load(path)
    data = card.data
    raw = yaml.safe_load(REGEX_YAML_BLOCK.search(text).group(2))
    round_trip = yaml.safe_load(data.to_yaml())
    results = data.eval_results or []
    return {
        "path": path,
        "license": data.license,
        "license_name": getattr(data, "license_name", None),
        "license_link": getattr(data, "license_link", None),
        "pipeline_tag": data.pipeline_tag,
        "library_name": data.library_name,
        "model_name": data.model_name,
        "eval_results": [
            {
                "task_type": r.task_type,
                "dataset_type": r.dataset_type,
                "dataset_name": r.dataset_name,
                "dataset_revision": r.dataset_revision,
                "metric_type": r.metric_type,
                "metric_value": r.metric_value,
                "metric_name": r.metric_name,
            }
            for r in results
        ],
        "model_index_metrics": sum(len(res.get("metrics", [])) for entry in raw.get("model-index", []) for res in entry.get("results", [])),
        "type_changes": type_changes(raw, round_trip),
        "raw_types": {k: type(v).__name__ for k, v in raw.get("aims_gate", {}).items()},
    }


if __name__ == "__main__":
    for card_path in sys.argv[1:]:
        print(json.dumps(check(card_path)))
