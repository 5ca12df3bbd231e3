#!/usr/bin/python3
"""sarif_validate.py FILE.sarif: check a SARIF log against SARIF 2.1.0.

No Debian package ships the SARIF 2.1.0 JSON schema file itself, so the
check uses what Debian does ship:
  - python3-sarif-python-om: the SARIF 2.1.0 object model generated from the
    official schema; every object we write must use only property names its
    class knows, and carry every property its class requires;
  - python3-jsonschema: the value rules of the 2.1.0 schema for the objects
    we write (version "2.1.0", level and suppression-kind enums, startLine
    >= 1, ruleIndex >= 0, URIs as strings, non-empty messages).
Exit 0 when valid; 1 with one line per problem otherwise; 77 (skip) when a
package is missing.
"""
import json
import sys

try:
    import attr
    import jsonschema
    import sarif_om
except ImportError as e:
    print(f"sarif_validate: {e.name} is not installed (python3-sarif-python-om, python3-jsonschema)")
    sys.exit(77)

# Which object-model class a property's value (or each array element) is.
CLASS_OF = {
    "runs": sarif_om.Run, "tool": sarif_om.Tool, "driver": sarif_om.ToolComponent,
    "rules": sarif_om.ReportingDescriptor, "results": sarif_om.Result, "message": sarif_om.Message,
    "locations": sarif_om.Location, "physicalLocation": sarif_om.PhysicalLocation,
    "artifactLocation": sarif_om.ArtifactLocation, "region": sarif_om.Region, "address": sarif_om.Address,
    "logicalLocations": sarif_om.LogicalLocation, "suppressions": sarif_om.Suppression,
    "shortDescription": sarif_om.MultiformatMessageString, "fullDescription": sarif_om.MultiformatMessageString,
    "help": sarif_om.MultiformatMessageString, "defaultConfiguration": sarif_om.ReportingConfiguration,
}
FREE_FORM = {"properties", "partialFingerprints", "fingerprints"}

VALUE_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {"$ref": "#/definitions/run"}},
    },
    "definitions": {
        "text": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}},
        "level": {"enum": ["none", "note", "warning", "error"]},
        "run": {"type": "object", "required": ["tool"], "properties": {
            "tool": {"type": "object", "required": ["driver"], "properties": {
                "driver": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "version": {"type": "string"},
                    "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}}}}}},
            "results": {"type": "array", "items": {"$ref": "#/definitions/result"}}}},
        "rule": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string", "minLength": 1},
            "name": {"type": "string"},
            "shortDescription": {"$ref": "#/definitions/text"},
            "fullDescription": {"$ref": "#/definitions/text"},
            "help": {"$ref": "#/definitions/text"},
            "helpUri": {"type": "string", "format": "uri"},
            "defaultConfiguration": {"type": "object", "properties": {"level": {"$ref": "#/definitions/level"}}}}},
        "result": {"type": "object", "required": ["message"], "properties": {
            "ruleId": {"type": "string"},
            "ruleIndex": {"type": "integer", "minimum": -1},
            "level": {"$ref": "#/definitions/level"},
            "message": {"$ref": "#/definitions/text"},
            "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
            "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
            "suppressions": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["kind"],
                "properties": {"kind": {"enum": ["inSource", "external"]}, "justification": {"type": "string"}}}}}},
        "location": {"type": "object", "properties": {
            "physicalLocation": {"type": "object", "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
                                 "properties": {
                "artifactLocation": {"type": "object", "properties": {"uri": {"type": "string", "format": "uri-reference"}}},
                "region": {"type": "object", "properties": {"startLine": {"type": "integer", "minimum": 1}}},
                "address": {"type": "object", "properties": {"relativeAddress": {"type": "integer"},
                                                             "name": {"type": "string"}}}}},
            "logicalLocations": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "kind": {"type": "string"}}}}}},
    },
}


def check_model(value, cls, path, problems):
    """Every property known to cls, every required one present, recursively."""
    if not isinstance(value, dict):
        problems.append(f"{path}: expected an object for {cls.__name__}")
        return
    fields = {f.metadata["schema_property_name"]: f for f in attr.fields(cls)}
    for name, f in fields.items():
        if f.default is attr.NOTHING and name not in value:
            problems.append(f"{path}: {cls.__name__} requires '{name}'")
    for name, v in value.items():
        if name not in fields:
            problems.append(f"{path}: '{name}' is not a SARIF 2.1.0 {cls.__name__} property")
            continue
        if name in FREE_FORM or name not in CLASS_OF:
            continue
        sub = CLASS_OF[name]
        if isinstance(v, list):
            for i, item in enumerate(v):
                check_model(item, sub, f"{path}.{name}[{i}]", problems)
        else:
            check_model(v, sub, f"{path}.{name}", problems)


def main(argv):
    if len(argv) != 2:
        print("usage: sarif_validate.py FILE")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        log = json.load(f)
    problems = []
    check_model(log, sarif_om.SarifLog, "$", problems)
    validator = jsonschema.Draft7Validator(VALUE_SCHEMA, format_checker=jsonschema.FormatChecker())
    for e in validator.iter_errors(log):
        problems.append(f"$.{'.'.join(str(p) for p in e.absolute_path)}: {e.message}")
    for run in log.get("runs", []):
        rules = run["tool"]["driver"].get("rules", [])
        for i, r in enumerate(run.get("results", [])):
            if "ruleIndex" in r and not (0 <= r["ruleIndex"] < len(rules) and rules[r["ruleIndex"]]["id"] == r.get("ruleId")):
                problems.append(f"$.runs.results[{i}]: ruleIndex does not point at rule {r.get('ruleId')}")
    for p in problems:
        print(f"sarif_validate: {p}")
    if problems:
        return 1
    print(f"sarif_validate: {argv[1]} is valid SARIF 2.1.0 "
          f"({sum(len(r.get('results', [])) for r in log['runs'])} result(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
