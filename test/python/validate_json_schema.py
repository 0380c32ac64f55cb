"""Validates JSON documents against a JSON Schema (draft 2020-12) with Python jsonschema.

Usage: validate_json_schema.py SCHEMA.json < documents.json (a JSON list). Prints a JSON list
with, per document, the list of error messages (empty when valid). Checks the schema itself
first, so a schema that is not valid draft 2020-12 fails loudly.
"""
import json
import sys

from jsonschema import Draft202012Validator

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
documents = json.load(sys.stdin)
json.dump([[f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)] for doc in documents], sys.stdout)
