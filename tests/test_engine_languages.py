"""A page that carries every interface language (geo/engine_languages.py, i18n.js ``localise``):
the English engine data plus each language's differences must give, in the browser, exactly the
data Python builds in that language; the language a page opens in follows lang=, then the
browser's languages, then English; and the exports carry one or every language as asked."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from geo import engine, engine_languages, exports, i18n
from geo.export_html import day_map_html, timeline_html
from geo.export_site import site_files

NODE = shutil.which("node") or shutil.which("nodejs")
I18N_JS = ROOT / "geo" / "static" / "engine" / "i18n.js"
TODAY = dt.date(2026, 1, 1)

LOCALISE = """
const fs = require("fs");
const I = require(process.argv[1]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
for (const lang of input.langs) { out[lang] = I.localise(input.data, lang); }
out.chosen = input.choices.map((c) => I.choose(input.data, c[0], c[1]));
process.stdout.write(JSON.stringify(out));
"""


def node(payload: dict) -> dict:
    assert NODE, "Node is needed for this test (Debian: apt-get install nodejs)"
    done = subprocess.run([NODE, "-e", LOCALISE, str(I18N_JS)], input=json.dumps(payload, ensure_ascii=False),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def datas(atlas):
    return {lang: engine.engine_data(atlas, "en", today=TODAY, lang=lang) for lang in i18n.LANGUAGES}


def test_the_browser_puts_each_language_back_exactly(datas):
    carried = engine_languages.multilingual(datas)
    CHOICES = [[None, ["ru-RU", "en"]], ["hy", ["ru-RU"]], ["fr", ["az-Latn-AZ", "ru"]], [None, ["de-DE", "fr"]],
               [None, []], ["xx", ["en-GB"]]]
    got = node({"data": carried, "langs": list(i18n.LANGUAGES), "choices": CHOICES})
    for lang in i18n.LANGUAGES:
        want = json.loads(engine.to_json_file(datas[lang]))
        assert got[lang] == want, f"the {lang} data put back in the browser differs from Python's"
    assert got["chosen"] == ["ru", "hy", "az", "en", "en", "en"]


def test_the_tables_hold_the_differences_not_the_data(datas):
    carried = engine_languages.multilingual(datas)
    hy = carried["languages"]["hy"]
    assert hy["i18n"]["lang"] == "hy" and carried["i18n"]["lang"] == "en"
    legend = next(iter(datas["en"]["styles"].values()))["label"]
    assert (hy["texts"].get(legend) or hy["parts"].get(legend)) == next(iter(datas["hy"]["styles"].values()))["label"] != legend
    quote = datas["en"]["excerpts"][0]["html"]
    assert quote not in json.dumps(hy, ensure_ascii=False), "an excerpt's card is written again, not its words"
    assert "Azerbaijani" in hy["parts"], "a name's language is translated once, not with every line of names"
    size = {lang: len(json.dumps(d, ensure_ascii=False)) for lang, d in datas.items()}
    total = len(json.dumps(carried, ensure_ascii=False))
    assert total < size["en"] + size["hy"] + size["az"] + size["ru"] - 2 * size["en"], \
        "carrying every language should cost much less than four data sets"


def test_a_text_written_two_ways_goes_by_place():
    base = {"a": ["Held", "Held", "Kept"], "b": {"x": 1, "gone": "yes"}, "i18n": {"lang": "en"}}
    other = {"a": ["Удерживается", "Held", "Kept"], "b": {"x": 1, "new": [1, 2]}, "i18n": {"lang": "ru"}}
    table = engine_languages.language_table(base, other)
    assert table["texts"] == {} and table["parts"] == {}  # "Held" stays "Held" twice, one place goes by path
    assert [["a", 0], "Удерживается"] in table["at"] and [["b", "gone"]] in table["at"]
    assert [["b", "new"], [1, 2]] in table["at"]
    got = node({"data": {**base, "languages": {"ru": table}}, "langs": ["ru"], "choices": []})
    assert got["ru"] == other


def test_without_lang_an_export_carries_every_language(atlas):
    page = timeline_html(atlas, "en", today=TODAY, every_language=True)
    for lang in ("hy", "az", "ru"):
        assert f'<template data-ka-lang="{lang}"' in page
        assert i18n.gettext("About this map", lang) in page
    one = timeline_html(atlas, "en", today=TODAY, lang="ru")
    assert "<template data-ka-lang=" not in one and '"languages":' not in one and '<html lang="ru">' in one
    day = day_map_html(atlas, dt.date(2023, 9, 19), every_language=True)
    assert '<template data-ka-lang="az"' in day and i18n.format_date("2023-09-19", "az") in day
    assert len(page) < 2.5 * len(timeline_html(atlas, "en", today=TODAY, lang="en"))


def test_the_command_line_without_lang_asks_for_every_language():
    parser = __import__("geo.cli", fromlist=["build_parser"]).build_parser()
    args = parser.parse_args(["export", "html", "--timeline", "-o", "x.html"])
    assert exports.request_from(args).lang is None
    args = parser.parse_args(["export", "site", "--lang", "hy", "-o", "d"])
    assert exports.request_from(args).lang == "hy"


def test_the_site_carries_every_language_in_its_data(atlas):
    files = site_files(atlas, "en", today=TODAY)
    data = json.loads(files["data.json"])
    assert sorted(data["languages"]) == ["az", "hy", "ru"]
    assert '<template data-ka-lang="hy"' in files["index.html"]
    single = site_files(atlas, "en", today=TODAY, lang="az")
    assert "languages" not in json.loads(single["data.json"]) and '<html lang="az">' in single["index.html"]
