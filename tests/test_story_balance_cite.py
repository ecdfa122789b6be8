"""The guided story, the balance of excerpts, and citations (CSL-JSON, BibTeX, Cite this view)."""
import datetime as dt
import json

import pytest

from geo import load_atlas
from geo.balance import balance, statement, strip
from geo.cite import bib_text, bibtex, cite_view, csl_items, permalink
from geo.cli import main
from geo.story import check_story, loaded_terms_in, read_story

from conftest import DATA_DIR, write_dataset

D = dt.date.fromisoformat


# -- story -------------------------------------------------------------------------
def test_story_has_about_fifteen_stops_from_1988_to_today(atlas):
    stops, problems = read_story(DATA_DIR)
    assert problems == [] and 12 <= len(stops) <= 20
    assert stops[0].date.year == 1988 and stops[-1].date.year >= 2024
    assert all(len(s.caption) < 220 and "\n" not in s.caption for s in stops)


def test_story_references_and_captions_are_sound(atlas):
    stops, _ = read_story(DATA_DIR)
    assert check_story(atlas, stops) == []
    assert any(s.armenian for s in stops) and any(s.azerbaijani for s in stops)


def test_story_check_catches_bad_stops(atlas):
    stops, _ = read_story(DATA_DIR)
    from dataclasses import replace
    bad = [replace(stops[0], caption="The liberated lands of Artsakh", also=("no-such-excerpt",)),
           replace(stops[1], armenian="pashayeva-2023-01")]
    messages = [p.message for p in check_story(atlas, bad)]
    assert any("'liberated'" in m for m in messages) and any("'Artsakh'" in m for m in messages)
    assert any("unknown excerpt id 'no-such-excerpt'" in m for m in messages)
    assert any("vantage 'azerbaijani', not 'armenian'" in m for m in messages)


def test_loaded_terms_start_words_and_spare_quotations():
    assert loaded_terms_in("The road was blockaded") == [("armenian", "blockade")]
    assert loaded_terms_in("A protest camp halts traffic") == [("azerbaijani", "protest camp")]
    assert loaded_terms_in('One side calls it a "protest camp", the other a "blockade"') == []
    assert loaded_terms_in("The unblockaded road") == []


# -- balance -------------------------------------------------------------------------
def test_balance_says_when_a_side_has_none(atlas):
    result = balance(atlas, D("2022-12-20"), 30)
    assert result["counts"]["armenian"] == 0 and result["counts"]["azerbaijani"] > 0
    assert "armenian" in result["missing"]
    assert "None comes from an Armenian source" in result["statement"]


def test_balance_statements():
    assert statement({"armenian": 0, "azerbaijani": 0}, "2000-01-01") == "No excerpt in the record speaks of 2000-01-01."
    both = statement({"armenian": 1, "azerbaijani": 2, "international": 0}, "D")
    assert both == "3 excerpts speak of D: Armenian 1, Azerbaijani 2."
    assert "None comes from an Armenian or an Azerbaijani source" in statement({"international": 2}, "D")


def test_balance_counts_match_the_excerpts_of_the_day(atlas):
    day = D("2020-11-10")
    result = balance(atlas, day, 0)
    assert result["total"] == len(atlas.excerpts_on(day)) == sum(result["counts"].values())


def test_strip_has_every_excerpt_with_its_vantage(atlas):
    items = strip(atlas)
    excerpts = [i for i in items if i["type"] == "excerpt"]
    assert len(excerpts) == len(atlas.excerpts)
    assert {i["vantage_group"] for i in excerpts} <= {"armenian", "azerbaijani", "russian", "international"}
    assert [i["first"] for i in items] == sorted(i["first"] for i in items)


# -- citations -----------------------------------------------------------------------
def test_csl_items_for_every_source_and_reference(atlas):
    items = {i["id"]: i for i in csl_items(atlas)}
    assert set(items) == set(atlas.sources) | set(atlas.registry) | {"karabakh-atlas"}  # the atlas itself
    osce = items["osce-insights-2020"]
    assert osce["DOI"] == "10.5771/9783748922339-06" and osce["issued"]["date-parts"] == [[2020]]
    assert osce["author"][0] == {"family": "Remler", "given": "Philip"}


def test_bibtex_escapes_and_balances(tmp_path, dataset_files):
    source = dataset_files["sources/src-a.json"]["source"]
    source["title"] = "50% of {evil} \\input{x} & $y$ #1"
    data, texts = write_dataset(tmp_path, dataset_files)
    text = bibtex(load_atlas(data, texts))
    assert r"50\% of \{evil\} \textbackslash{}input\{x\} \& \$y\$ \#1" in text
    depth = 0
    for ch in text.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0 and text.startswith("@misc{src-a,")
    assert bib_text("a\x1bb") == "a b"


def test_export_csl_and_bibtex(tmp_path, capsys):
    out_json, out_bib = tmp_path / "s.json", tmp_path / "s.bib"
    assert main(["export", "csl", "-o", str(out_json)]) == 0
    assert main(["export", "bibtex", "-o", str(out_bib)]) == 0
    assert {i["id"] for i in json.loads(out_json.read_text())} >= {"osce-insights-2020", "trilateral-statement-2020"}
    assert "@techreport{osce-insights-2020," in out_bib.read_text()


def test_permalink_and_cite_this_view(atlas):
    link = permalink("https://example.org/atlas/", date="2021-06-01", layers=["control", "corridors"], names="hy",
                     view="39.8,46.7,9", window=30, selected="place-lachin-berdzor")
    assert link == ("https://example.org/atlas/?date=2021-06-01&layers=control,corridors&names=hy"
                    "&view=39.8,46.7,9&window=30&selected=place-lachin-berdzor")
    text = cite_view(atlas, D("2021-06-01"), link, ["osce-insights-2020"], accessed=D("2026-01-02"))
    assert text.startswith("Karabakh Atlas contributors, Karabakh Atlas: the map on 1 June 2021")
    assert link in text and "(accessed 2026-01-02)" in text and "OSCE Minsk Group" in text


def test_a_permalink_reads_back_as_written_and_an_empty_layer_list_means_none():
    from geo.cite import parse_permalink, permalink_query
    state = {"date": "2021-06-01", "layers": ["control"], "names": "az", "view": [39.8, 46.70001, 9], "window": 30,
             "sources": ["a", "b"], "vantage": ["armenian"], "selected": "place-lachin-berdzor"}
    for hash_form in (False, True):
        text = permalink_query(state, hash=hash_form)
        assert text.startswith("2021-06-01&" if hash_form else "date=2021-06-01&")
        assert parse_permalink(("#" if hash_form else "?") + text) == {
            **state, "view": {"center": [39.8, 46.70001], "zoom": 9}}
    assert permalink_query({"date": "2021-06-01", "layers": []}) == "date=2021-06-01&layers="
    assert parse_permalink("?date=2021-06-01&layers=")["layers"] == []
    assert "layers" not in parse_permalink("?date=2021-06-01")
    assert parse_permalink("#2021-02-30&window=-1&view=91,0,3&sel=ok") == {"selected": "ok"}


def test_milestones_are_the_story_stops(atlas):
    from geo.story import milestones
    stops, _ = read_story(DATA_DIR)
    found = milestones(DATA_DIR)
    assert found == [(s.date, s.caption) for s in stops] and len(found) >= 10
    assert [d for d, _ in found] == sorted(d for d, _ in found)
    assert milestones(None) == []
