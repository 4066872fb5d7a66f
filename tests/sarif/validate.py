"""Validates SARIF documents against the official SARIF 2.1.0 schema (draft-04) with Python's
`jsonschema`.

    python3 tests/sarif/validate.py SCHEMA.json DOCUMENT.sarif ...
"""

import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    failures = 0
    for path in sys.argv[2:]:
        document = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:5]:
            print(f"{path}: {'/'.join(str(p) for p in error.absolute_path)}: {error.message}")
        failures += bool(errors)
    print(f"sarif: {len(sys.argv) - 2 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
