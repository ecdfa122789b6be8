"""The day's panels' rules in the browser (``geo/static/engine/panels.js``: which excerpts
speak of a day ± a window, with the source and vantage filters, and the balance sentence)
run under Node against the Python answers (``Atlas.excerpts_on``, ``geo.balance.balance``)
on cases generated here: every excerpt boundary and the days either side, for every window,
on the shipped, tiny and edge datasets."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from conftest import ROOT, edge_dataset, tiny_dataset, write_dataset
from geo import engine, load_atlas
from geo.balance import _period, balance, statement
from geo.model import VANTAGE_GROUPS

NODE = shutil.which("node") or shutil.which("nodejs")
WINDOWS = (0, 30, 180, 365)
RUNNER = """
const fs = require("fs");
global.window = {KarabakhAtlas: {el: function () {}}};
global.window.KarabakhRules = require(process.argv[2]);
global.window.KarabakhAtlas._ = require(process.argv[3]).t;  // i18n.js: English, as Python's sentence
require(process.argv[1]);
const R = window.KarabakhAtlas.panelRules;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.cases.map(function (c) {
  const shown = R.excerptsShown(input.data, c.day, c.window, c.sources, c.vantages);
  return {ids: shown.map(function (x) { return x.id; }),
          statement: R.balanceOf(input.data, c.day, c.window, c.sources, c.vantages, R.periodOf(c.day, c.window)).text};
});
process.stdout.write(JSON.stringify(out));
"""


def cases_for(atlas, days_limit: int = 60):
    days = set()
    for e in atlas.excerpts:
        for edge in (e.date.first, e.date.last):
            for shift in (-366, -365, -31, -30, -1, 0, 1, 30, 31, 365, 366):
                days.add(edge + dt.timedelta(days=shift))
    days = sorted(days)
    step = max(1, len(days) // days_limit)
    groups = sorted({s.vantage_group for s in atlas.sources.values()})
    some_source = sorted(atlas.sources)[:1]
    out = []
    for i, day in enumerate(days[::step]):
        for window in WINDOWS:
            out.append({"day": day.isoformat(), "window": window, "sources": [], "vantages": []})
        out.append({"day": day.isoformat(), "window": WINDOWS[i % 4], "sources": some_source, "vantages": []})
        out.append({"day": day.isoformat(), "window": WINDOWS[i % 4], "sources": [], "vantages": groups[:1]})
    return out


def python_answer(atlas, case):
    """Python's answer: Atlas.excerpts_on with the filters, and geo.balance's sentence (its
    ``balance`` for the source filter; its ``statement`` over the excerpts kept when the
    vantage filter, which ``balance`` does not take, is on)."""
    day, window = dt.date.fromisoformat(case["day"]), case["window"]
    shown = [e for e in atlas.excerpts_on(day, window)
             if (not case["sources"] or e.source_id in case["sources"])
             and (not case["vantages"] or atlas.sources[e.source_id].vantage_group in case["vantages"])]
    if not case["vantages"]:
        sentence = balance(atlas, day, window, case["sources"] or None)["statement"]
    else:
        counts = {group: 0 for group in VANTAGE_GROUPS}
        for e in shown:
            counts[atlas.sources[e.source_id].vantage_group] += 1
        sentence = statement(counts, _period(day, window))
    return {"ids": [e.id for e in shown], "statement": sentence}


@pytest.mark.parametrize("name", ["shipped", "tiny", "edge"])
def test_the_browsers_excerpt_rules_answer_as_python(name, atlas, tmp_path):
    assert NODE, "Node is needed for this test (Debian: apt-get install nodejs)"
    if name != "shipped":
        data, texts = write_dataset(tmp_path / name, tiny_dataset() if name == "tiny" else edge_dataset())
        atlas = load_atlas(data, texts)
    data = engine.engine_data(atlas, "en", today=dt.date(2026, 1, 1), excerpts=False)
    cases = cases_for(atlas)
    payload = json.dumps({"data": {"excerpts": data["excerpts"], "vantage": data["vantage"],
                                   "vantageLabels": data["vantageLabels"], "sideGroups": data["sideGroups"]},
                          "cases": cases})
    done = subprocess.run([NODE, "-e", RUNNER, str(ROOT / "geo" / "static" / "engine" / "panels.js"),
                           str(ROOT / "geo" / "static" / "engine" / "rules.js"),
                           str(ROOT / "geo" / "static" / "engine" / "i18n.js")],
                          input=payload, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert len(got) == len(cases) > 20
    for case, answer in zip(cases, got):
        assert answer == python_answer(atlas, case), case
