"""A small *valid* dataset whose texts carry script-injection payloads.

``hostile_dataset(root) -> (data_dir, texts_dir)`` writes it (quotes are found verbatim
in the source texts it writes too, so ``validate`` passes). Every page or file made
from it must show the payloads literally and execute none of them: in a browser,
``window.__pwned`` must stay undefined.

Use it from a test module with ``from hostile import hostile_dataset`` (or the
``hostile`` fixture: ``from hostile import hostile``).
"""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from conftest import _feature, _poly, write_dataset

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
BREAK_OUT = "</script><script>window.__pwned=1</script>"
BACKTICK = "`${window.__pwned=1}`"
BACKSLASH_QUOTE = "\\'); window.__pwned=1; //"
BACKSLASH_DQUOTE = '\\"); window.__pwned=1; //'
JS_URL = "javascript:window.__pwned=1"
#: Not a browser payload: proves no data text is compiled as a (Jinja) template. Shown
#: literally it reads as written; run, it prints 49 and TEMPLATE_RAN (which the literal lacks).
TEMPLATE = "{{ 7*7 }} {{ 9999*9999 }}"
TEMPLATE_RAN = "99980001"
#: Every payload, for tests that check each one shows literally.
PAYLOADS = (IMG, SCRIPT, BREAK_OUT, BACKTICK, BACKSLASH_QUOTE, BACKSLASH_DQUOTE, JS_URL, TEMPLATE)

# Names in Armenian, Azerbaijani and Russian scripts (with the payloads mixed in).
PLACE_NAMES = {"en": f"Stepanakert {SCRIPT}", "az": f"Xankəndi {IMG}", "hy": f"Ստեփանակերտ {BREAK_OUT}",
               "hy_Latn": f"Stepanakert {BACKTICK}", "ru": f"Степанакерт {BACKSLASH_QUOTE}"}

#: The quotes (each must occur verbatim in its source's text).
QUOTES_A = {
    "src-hostile-01": f"They wrote {SCRIPT} on the wall in Şuşa (Շուշի, Шуша).",
    "src-hostile-02": f"The line ran {BREAK_OUT} along the ridge; see {JS_URL} for nothing.",
    "src-hostile-03": f"An event: {IMG} and {BACKTICK} were reported on 1 June 2021.",
}
QUOTES_B = {
    "src-hostile-b-01": f"Ağdam and Ակնա: {BACKSLASH_QUOTE} then {BACKSLASH_DQUOTE} and {TEMPLATE}.",
}

TEXT_A = ("A hostile essay.\n" + "\n".join(f"Paragraph {i}. {q} More text follows."
                                         for i, q in enumerate(QUOTES_A.values())) + "\nThe end.\n")
TEXT_B = "Another hostile text. " + " ".join(QUOTES_B.values()) + " Done.\n"


def _line(x0, y0, x1, y1):
    return {"type": "LineString", "coordinates": [[x0, y0], [x1, y1]]}


def _point(x, y):
    return {"type": "Point", "coordinates": [x, y]}


def hostile_files() -> dict:
    """The hostile dataset as {relative path: JSON content}."""
    def feature(fid, kind, geometry, valid_from=None, valid_to=None, **extra):
        f = _feature(fid, kind, geometry, valid_from, valid_to, **extra)
        p = f["properties"]
        p["name"] = f"{fid} {SCRIPT}"
        p["names"] = {"en": f"{fid} {IMG}", "az": f"{fid} Ağdərə {BACKTICK}", "hy": f"{fid} Մարտակերտ {BREAK_OUT}",
                      "hy_Latn": f"{fid} {BACKSLASH_QUOTE}", "ru": f"{fid} Мартакерт {TEMPLATE}",
                      "alt": [f"{fid} {BACKSLASH_DQUOTE}"]}
        p["method"] = f"Drawn by hand {SCRIPT} {BREAK_OUT} {JS_URL} {TEMPLATE}"
        p["note"] = f"note {IMG}"
        p["url"] = JS_URL
        return f

    place = feature("place-hostile", "town", _point(46.75, 39.82))
    place["properties"]["names"] = dict(PLACE_NAMES)
    place["properties"]["name"] = PLACE_NAMES["en"]
    corridor = feature("cor-hostile", "lachin_corridor", _line(46.45, 39.55, 46.75, 39.8), "2020-11-10", None,
                       status_history=[{"from": "2020-11-10", "status": "open", "label": f"Open {IMG}"},
                                       {"from": "2022-12-12", "status": "closed", "label": f"Closed {SCRIPT} {BACKTICK}"}])
    return {
        "layers/provinces.geojson": {"type": "FeatureCollection", "features": [
            feature("prov-hostile", "district", _poly(46.3, 39.3, 47.2, 40.1))]},
        "layers/control.geojson": {"type": "FeatureCollection", "features": [
            feature("ctrl-hostile-a", "held_area", _poly(46.4, 39.4, 46.8, 40.0), "1994-05-12", "2020-09-27",
                    held_by="armenian"),
            feature("ctrl-hostile-b", "held_area", _poly(46.8, 39.4, 47.1, 40.0), "1994-05-12", "2020-09-27",
                    held_by="azerbaijani")]},
        "layers/line_of_contact.geojson": {"type": "FeatureCollection", "features": [
            feature("loc-hostile", "ceasefire_line_1994", _line(46.8, 39.4, 46.8, 40.0), "1994-05", "2020-09-27")]},
        "layers/corridors.geojson": {"type": "FeatureCollection", "features": [corridor]},
        "layers/peacekeeping.geojson": {"type": "FeatureCollection", "features": [
            feature("pk-hostile", "russian_peacekeeping_zone", _poly(46.5, 39.6, 46.95, 39.95), "2020-11-10",
                    "2024-06")]},
        "layers/events.geojson": {"type": "FeatureCollection", "features": [
            feature("ev-hostile", IMG, _point(46.55, 39.45), "2021-06-01", "2021-06-02"),
            # several places at once: drawn as circle markers, never as Leaflet's default pins
            feature("ev-hostile-multi", f"shelling {SCRIPT}",
                    {"type": "MultiPoint", "coordinates": [[46.6, 39.5], [46.9, 39.7]]}, "2021-06-01", "2021-06-02")]},
        "layers/places.geojson": {"type": "FeatureCollection", "features": [place]},
        "sources/src-hostile.json": {
            "source": {"id": "src-hostile", "title": f"Title {SCRIPT} {BREAK_OUT} {TEMPLATE}",
                       "authors": [f"Author {IMG}", "Ա. Հեղինակ", "А. Автор"], "published": "2022-01~",
                       "vantage": f"vantage {BACKTICK}", "vantage_group": "international", "text_file": "a.txt",
                       "url": f'https://example.org/?q="><script>window.__pwned=1</script>&x=`${{1}}`'},
            "excerpts": [
                {"id": "src-hostile-01", "source_id": "src-hostile", "quote": QUOTES_A["src-hostile-01"],
                 "date": "2020-11/2023-09", "feature_ids": ["pk-hostile", "cor-hostile"],
                 "place_ids": ["place-hostile"], "date_basis": f"basis {SCRIPT}"},
                {"id": "src-hostile-02", "source_id": "src-hostile", "quote": QUOTES_A["src-hostile-02"],
                 "date": "1994/2020", "feature_ids": ["loc-hostile", "ctrl-hostile-a"], "place_ids": []},
                {"id": "src-hostile-03", "source_id": "src-hostile", "quote": QUOTES_A["src-hostile-03"],
                 "date": "2021-06-01", "feature_ids": ["ev-hostile"], "place_ids": ["place-hostile"]}]},
        "sources/src-hostile-b.json": {
            "source": {"id": "src-hostile-b", "title": f"Second {IMG} {BACKSLASH_QUOTE}", "authors": [],
                       "published": "2021", "vantage": "Вид", "vantage_group": "russian", "text_file": "b.txt",
                       "url": None},
            "excerpts": [
                {"id": "src-hostile-b-01", "source_id": "src-hostile-b", "quote": QUOTES_B["src-hostile-b-01"],
                 "date": "2021", "feature_ids": ["prov-hostile"], "place_ids": ["place-hostile"]}]},
    }


def hostile_dataset(root: Path) -> tuple[Path, Path]:
    """Write the hostile dataset under ``root``; return (data dir, source texts dir)."""
    data, texts = write_dataset(Path(root), copy.deepcopy(hostile_files()), sources_text=TEXT_A)
    (texts / "b.txt").write_text(TEXT_B, encoding="utf-8")
    return data, texts


def with_javascript_url(atlas):
    """The atlas with a ``javascript:`` URL on every source. Validation refuses such a URL,
    so this bypasses it on purpose: the pages must still never link it."""
    from geo import Atlas

    sources = {sid: dataclasses.replace(s, meta={**s.meta, "url": JS_URL}) for sid, s in atlas.sources.items()}
    return Atlas(sources, atlas.excerpts, atlas.features, atlas.registry, atlas.root)


@pytest.fixture
def hostile(tmp_path):
    """(data dir, source texts dir) of the hostile dataset."""
    return hostile_dataset(tmp_path / "hostile")
