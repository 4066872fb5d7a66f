"""Validates datasets against yosan's JSON Schema with an independent validator (the Python
`jsonschema` package, Draft 2020-12, reading YAML with PyYAML), and checks that the schema
rejects what it must: unknown keys, values outside a vocabulary, missing fields.

    python3 tests/schema/validate.py SCHEMA.json DATASET.yaml ...

Exits 0 when every dataset is valid and every bad sample is rejected. Needs `jsonschema` and
`pyyaml` (`pip install jsonschema pyyaml`).
"""

import json
import sys

import jsonschema
import yaml

GOOD = """
format: yosan/1
dataset: {id: sample, title: 例, fiscal_year: 令和4年度, rounding: exact, x-note: free}
items:
  - id: a
    name: 事業
    amount: 10億円
    ministry: [文, 財務省]
    phase: [基礎研究]
    items:
      - {id: b, name: 内訳, amount: 10, previous: "6,371百万円"}
links:
  - {from: a, to: "other:b", kind: 展開}
"""

BAD = {
    "an unknown key": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022}\nitems:\n  - {id: a, name: x, amout: 1億円}\n",
    "an unknown top-level key": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022}\nitems: []\nextra: 1\n",
    "a rounding outside its vocabulary": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022, rounding: up}\nitems: []\n",
    "a link kind outside its vocabulary": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022}\nitems: []\nlinks: [{from: a, to: b, kind: loop}]\n",
    "a phase outside its vocabulary": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022}\nitems: [{id: a, name: x, phase: [研究]}]\n",
    "a missing item name": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022}\nitems: [{id: a}]\n",
    "a missing dataset title": "format: yosan/1\ndataset: {id: s, fiscal_year: 2022}\nitems: []\n",
    "missing items": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022}\n",
    "another format": "format: yosan/2\ndataset: {id: s, title: t, fiscal_year: 2022}\nitems: []\n",
    "an id that is not a slug": "format: yosan/1\ndataset: {id: S 1, title: t, fiscal_year: 2022}\nitems: []\n",
    "a space inside an amount": "format: yosan/1\ndataset: {id: s, title: t, fiscal_year: 2022}\nitems: [{id: a, name: x, amount: 12 億円}]\n",
}


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    checked = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            errors = list(validator.iter_errors(yaml.safe_load(f)))
        failures += [f"{path}: {e.json_path}: {e.message}" for e in errors]
        checked += 1
    errors = list(validator.iter_errors(yaml.safe_load(GOOD)))
    failures += [f"the good sample: {e.json_path}: {e.message}" for e in errors]
    for what, text in BAD.items():
        if validator.is_valid(yaml.safe_load(text)):
            failures.append(f"the schema accepts {what}")
    for failure in failures:
        print(failure)
    passed = checked + 1 + len(BAD) - len(failures)
    print(f"schema: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
