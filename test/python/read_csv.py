"""Reads a CSV file with Python's csv module (RFC 4180 dialect) and prints its rows as JSON."""
import csv
import json
import sys

with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    print(json.dumps(list(csv.DictReader(handle))))
