"""Rewrites the absolute artifact locations MLflow recorded in a local store into paths relative
to the store's folder, so a committed example names no folder of the machine that made it.

aims-gate reads relative locations relative to the store folder (docs/local-store.md). MLflow's
own client resolves them against its working directory, so run it from the store folder.
The MLmodel files (which record `artifact_path`) are rewritten the same way and the manifest's
file sizes and SHA-256 digests are updated to match.

Usage: python relativise_store.py STORE_DIR   (STORE_DIR holds mlflow.db and seed-manifest.json)
"""
import hashlib
import json
import os
import sqlite3
import sys

def main(store_dir: str) -> None:
    store_dir = os.path.abspath(store_dir)
    # Store-relative first; then the repository root, which MLflow records in tags such as
    # mlflow.source.name (the seeding script's path).
    repo_root = os.path.dirname(os.path.dirname(store_dir))
    prefixes = [f"file://{store_dir}/", f"{store_dir}/", f"file://{repo_root}/", f"{repo_root}/"]
    db = sqlite3.connect(os.path.join(store_dir, "mlflow.db"))
    with db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[2].upper().startswith(("VARCHAR", "TEXT"))]:
                for prefix in prefixes:
                    db.execute(f"UPDATE {table} SET {column} = REPLACE({column}, ?, '') WHERE {column} LIKE ?", (prefix, f"%{prefix}%"))
    db.execute("VACUUM")
    db.close()

    changed = {}
    for folder, _dirs, files in os.walk(store_dir):
        for name in files:
            if name != "MLmodel":
                continue
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            new = text
            for prefix in prefixes:
                new = new.replace(prefix, "")
            if new != text:
                open(path, "w", encoding="utf-8").write(new)
                data = new.encode("utf-8")
                changed[path] = (len(data), hashlib.sha256(data).hexdigest())

    manifest_path = os.path.join(store_dir, "seed-manifest.json")
    manifest = json.load(open(manifest_path))
    for model in manifest["models"].values():
        for version in model["versions"]:
            model_dir = model_dir_of(store_dir, version)
            for entry in version.get("files", []):
                full = os.path.join(model_dir, entry["path"]) if model_dir else None
                if full in changed:
                    entry["size"], entry["sha256"] = changed[full]
    json.dump(manifest, open(manifest_path, "w"), indent=2, sort_keys=True)

    leftovers: list[str] = []
    for folder, _dirs, files in os.walk(store_dir):
        for name in files:
            blob = open(os.path.join(folder, name), "rb").read()
            if repo_root.encode() in blob:
                leftovers.append(os.path.relpath(os.path.join(folder, name), store_dir))
    if leftovers:
        sys.exit(f"relativise_store: absolute paths remain in {', '.join(leftovers)}")


def model_dir_of(store_dir: str, version: dict) -> str | None:
    source = version.get("source", "")
    if source.startswith("models:/m-"):
        model_id = source[len("models:/"):]
        return os.path.join(store_dir, "mlartifacts", "models", model_id, "artifacts")
    return None


if __name__ == "__main__":
    main(sys.argv[1])
