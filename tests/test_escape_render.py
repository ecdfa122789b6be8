"""The escaping helper, and the shared map rendering that uses it."""
import datetime as dt
import json

import pytest
from shapely.geometry import shape

from geo import escape, render
from geo.assets import basemap, leaflet_css, leaflet_js
from geo import load_atlas

PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '`${alert(1)}`', '\\`; alert(1); //',
            '"><svg onload=alert(1)>', "'); alert(1); //"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_leaves_no_markup_or_template_breakout(payload):
    out = escape.text(payload)
    for ch in '<>"`$\\':
        assert ch not in out
    assert "'" not in out


def test_text_round_trips_through_html():
    import html
    for payload in PAYLOADS + ["Şuşa / Շուշի / Шуша"]:
        assert html.unescape(escape.text(payload)) == payload


@pytest.mark.parametrize("address, ok", [("https://doi.org/10.5771/x", True), ("http://kremlin.ru/a?b=1&c=2", True),
                                         ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
                                         ("data:text/html,<script>", False), ("//evil.example", False),
                                         ("ftp://x.org", False), (None, False)])
def test_url_allows_only_http_addresses(address, ok):
    assert (escape.url(address) is not None) == ok


def test_link_falls_back_to_text():
    assert escape.link("<b>t</b>", "javascript:alert(1)") == "&lt;b&gt;t&lt;/b&gt;"
    assert escape.link("t", "https://a.org/?x=1&y=2") == \
        '<a href="https://a.org/?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">t</a>'


def test_json_for_script_cannot_close_the_script():
    out = escape.json_for_script({"q": "</script><script>alert(1)</script>", "l": "\u2028"})
    assert "</" not in out and "<" not in out and "\u2028" not in out
    assert json.loads(out) == {"q": "</script><script>alert(1)</script>", "l": "\u2028"}


def test_leaflet_comes_from_the_installed_package_with_images_inlined():
    assert "Leaflet" in leaflet_js()[:2000] and "1.9.4" in leaflet_js()
    css = leaflet_css()
    assert "url(images/" not in css and "data:image/png;base64," in css


def test_basemap_is_country_outlines_of_the_region():
    names = {f["properties"]["name"] for f in basemap()["features"]}
    assert {"Armenia", "Azerbaijan", "Iran", "Georgia", "Turkey"} <= names
    for f in basemap()["features"]:
        assert shape(f["geometry"]).is_valid


def test_uncertain_features_are_dotted_and_highlight_is_yellow(atlas):
    certain = atlas.by_id["loc-1994"]      # 1994-05-12 to 2020-09-27: exact days
    uncertain = atlas.by_id["cor-lachin-2022"]  # 2022-08-26~
    from geo import layers
    from geo.engine import feature_record, style_table
    for feature, uncertain in ((certain, False), (uncertain, True)):
        record = feature_record(feature, "en", {}, ())
        style = style_table([feature.layer])[f"{feature.layer}:{record['k']}"]
        assert style["certain"]["dashArray"] is None and style["uncertain"]["dashArray"] == render.UNCERTAIN_DASH
        assert bool(record.get("u")) is uncertain  # the days the engine draws it with the uncertain style
    assert render.HIGHLIGHT["color"] == layers.OKABE_ITO["yellow"]


def test_tooltip_uses_the_naming_convention_and_lists_variants(atlas):
    town = atlas.by_id["place-stepanakert-khankendi"]
    from geo.engine import tooltip_lines
    az = tooltip_lines(town, "az")
    hy = tooltip_lines(town, "hy")
    assert az[0] == "Xankəndi" and "Stepanakert" in az[1]
    assert hy[0] == "Ստեփանակերտ" and "Xankəndi" in hy[1]
    assert "Valid: open to open" in az


def test_a_feature_record_lists_its_linked_excerpts(atlas):
    from geo.engine import excerpt_records, feature_record
    excerpts = excerpt_records(atlas, html=False)
    index = {x["id"]: i for i, x in enumerate(excerpts)}
    record = feature_record(atlas.by_id["loc-2020"], "en", index, atlas.excerpt_ids_for("loc-2020"))
    assert [excerpts[k]["id"] for k in record["x"]] == list(atlas.excerpt_ids_for("loc-2020")) != []


def test_engine_data_follows_the_layer_choice(atlas):
    from geo.engine import engine_data
    data = engine_data(atlas, "en", ["control", "corridors"], today=dt.date(2021, 6, 1))
    assert [layer["title"] for layer in data["layers"]] == ["Who held the ground", "Corridors and routes"]
    assert {r["l"] for r in data["features"]} == {"control", "corridors"}


def test_text_defuses_jinja_templates():
    from jinja2 import Template
    out = escape.text("{{ 7*7 }} {% if true %}x{% endif %}")
    assert "{" not in out and "}" not in out
    assert "49" not in Template(out).render()


def test_written_files_get_the_usual_mode(tmp_path):
    import os
    from geo.io import write_atomic
    mask = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "x.json", "{}")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_quotes_get_marks_once():
    assert render.quoted("The line held.") == "“The line held.”"
    assert render.quoted("“But on 20 December,” he said. “Again.”") == "“But on 20 December,” he said. “Again.”"
