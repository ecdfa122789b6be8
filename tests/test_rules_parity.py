"""The engine's per-day rules (geo/static/engine/rules.js) equal Python's, without a browser.

Python writes a table of cases (tests/rules_cases.py) over the tiny, edge, hostile and
shipped datasets (and the tiny one with a change of hands on an uncertain day) - every change day of every feature and the days either side, every edge
of every excerpt's window, the balance of those days, points inside and outside the
control areas (inside both sides' areas in an uncertain interval too), days and
permalinks - and Node runs tests/js/rules.test.cjs on it. Node is Debian's ``nodejs``
(.ci/run installs it); under CI a missing Node fails the test, it is never skipped there.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, _feature, _poly, edge_dataset, tiny_dataset, write_dataset
from geo import load_atlas
from hostile import hostile_dataset
from rules_cases import case_table

JS_TEST = ROOT / "tests" / "js" / "rules.test.cjs"


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("Node.js is not installed: the engine's rules cannot be checked (apt-get install nodejs)")
    pytest.skip("Node.js is not installed (apt-get install nodejs); CI installs it and runs this test")


def uncertain_change_dataset() -> dict:
    """The tiny dataset with a change of hands known only as "October 2020": the ground of
    ctrl-a is drawn for both sides, uncertain, all that month."""
    files = tiny_dataset()
    control = files["layers/control.geojson"]["features"]
    control[0]["properties"]["valid_to"] = "2020-10"
    control.append(_feature("ctrl-c", "held_area", _poly(46.0, 39.0, 46.2, 39.5), "2020-10", None,
                            held_by="azerbaijani"))
    return files


@pytest.fixture(scope="module")
def table(tmp_path_factory, atlas) -> dict:
    root = tmp_path_factory.mktemp("rules")
    datasets = {}
    for name, files in (("tiny", tiny_dataset()), ("edge", edge_dataset()),
                        ("uncertain-change", uncertain_change_dataset())):
        data, texts = write_dataset(root / name, files)
        datasets[name] = load_atlas(data, texts)
    data, texts = hostile_dataset(root / "hostile")
    datasets["hostile"] = load_atlas(data, texts)
    datasets["shipped"] = atlas
    return case_table(datasets)


def run_node(table: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    return subprocess.run([node(), "--test", str(JS_TEST)], env={**os.environ, "KA_RULES_CASES": str(cases)},
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)


def test_rules_js_answers_every_case_as_python_does(table, tmp_path):
    result = run_node(table, tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
    passed = int(result.stdout.split("# pass ")[1].split()[0])
    assert passed == 4 + 5 * len(table["datasets"]), result.stdout[-2000:]


def test_the_cases_cover_the_edges(table):
    """The table is not vacuous: each dataset has feature, excerpt and held cases, the
    feature cases include uncertain days and uncertain statuses, and the shipped data's
    every change day is in it with the days either side."""
    by_name = {t["name"]: t for t in table["datasets"]}
    assert set(by_name) == {"tiny", "edge", "uncertain-change", "hostile", "shipped"}
    for t in by_name.values():
        assert all(t["cases"][k] for k in ("feature", "speaks", "balance", "held", "cite")), t["name"]
        assert any(c["view"]["sources"] for c in t["cases"]["cite"]), t["name"]
    rows = [r for t in by_name.values() for r in t["cases"]["feature"]]
    assert any(r[3] for r in rows) and any(r[5] for r in rows) and any(r[2] for r in rows) and not all(r[2] for r in rows)
    speaks = [r for t in by_name.values() for r in t["cases"]["speaks"]]
    assert any(r[3] for r in speaks) and not all(r[3] for r in speaks)
    both = [c for c in by_name["uncertain-change"]["cases"]["held"] if c["status"] == "uncertain"]
    assert both and all(c["interval"] == ["2020-10-01", "2020-10-31"] and len(c["sides"]) == 2 for c in both)
    shipped_days = {r[1] for r in by_name["shipped"]["cases"]["feature"]}
    assert len(shipped_days) > 100
    since = [c["since"] for t in by_name.values() for c in t["cases"]["since"]]
    assert any(s["before"] for s in since) and any(s["sinceUncertain"] for s in since)
    assert any(s["status"] == "uncertain" for s in since) and any(s["since"] is None for s in since)
    assert any(rows[-2]["km2"] > 0 for _, _, _, rows in table["days"]["figures"])  # ground under way, counted
    assert any(a and b and a != b for _, a, b in table["days"]["steps"]["cases"])
    assert {c[3] for c in table["days"]["committedDay"]} >= {None, "2021-05-01"}


def test_a_rule_off_by_one_day_fails(table, tmp_path, monkeypatch):
    """The check can fail: rules.js with its end bound made inclusive (a feature drawn on
    the day it ends) differs from Python on the tiny data's end days."""
    source = (ROOT / "geo" / "static" / "engine" / "rules.js").read_text(encoding="utf-8")
    broken = source.replace("(open(r.b) || d < r.b)", "(open(r.b) || d <= r.b)")
    assert broken != source
    engine_dir = tmp_path / "geo" / "static" / "engine"
    engine_dir.mkdir(parents=True)
    (engine_dir / "rules.js").write_text(broken, encoding="utf-8")
    (tmp_path / "tests" / "js").mkdir(parents=True)
    shutil.copy(JS_TEST, tmp_path / "tests" / "js" / JS_TEST.name)
    small = {**table, "datasets": [t for t in table["datasets"] if t["name"] == "tiny"]}
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(small), encoding="utf-8")
    result = subprocess.run([node(), "--test", str(tmp_path / "tests" / "js" / JS_TEST.name)],
                            env={**os.environ, "KA_RULES_CASES": str(cases)}, capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode != 0
    assert "a feature on each change day" in result.stdout and "cases differ" in result.stdout
