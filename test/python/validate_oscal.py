"""Loads an OSCAL assessment-results file with compliance-trestle (IBM / OSCAL Compass), whose
models are generated from NIST's OSCAL JSON schema, and checks uniqueness of every uuid.

Usage: validate_oscal.py FILE
Prints one JSON line {"valid": bool, "error": str|null, "results": n, "observations": n,
"findings": {"satisfied": n, "not-satisfied": n}, "excluded": [control ids]}.
"""
import json
import sys

from trestle.oscal.assessment_results import AssessmentResults


def uuids(value, found):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "uuid":
                found.append(item)
            uuids(item, found)
    elif isinstance(value, list):
        for item in value:
            uuids(item, found)
    return found


def main() -> None:
    data = json.load(open(sys.argv[1]))
    out = {"valid": False, "error": None}
    try:
        model = AssessmentResults.model_validate(data["assessment-results"])
    except Exception as error:  # the first validation problem, as text
        out["error"] = f"{type(error).__name__}: {error}"[:2000]
        print(json.dumps(out))
        return
    all_uuids = uuids(data, [])
    if len(all_uuids) != len(set(all_uuids)):
        out["error"] = "duplicate uuid"
        print(json.dumps(out))
        return
    result = model.results[0]
    states = {"satisfied": 0, "not-satisfied": 0}
    for finding in result.findings or []:
        states[finding.target.status.state.value if hasattr(finding.target.status.state, "value") else finding.target.status.state] += 1
    excluded = []
    for selection in result.reviewed_controls.control_selections:
        for control in selection.exclude_controls or []:
            excluded.append(control.control_id)
    out.update(valid=True, results=len(model.results), observations=len(result.observations or []), findings=states, excluded=excluded)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
