"""HTML exports: the day map and the timeline, as documents and in a real browser (offline)."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from shapely.geometry import shape

from geo import ExportError, load_atlas
from geo.cli import main
from geo import dates, engine, export_site
from geo.export_html import (ATTRIBUTION, DISCLAIMER, KM_PER_DEGREE, SIMPLIFY_SHARE, day_map_html, long_date,
                             timeline_data, timeline_html)
from geo.model import VANTAGE_GROUPS

from browser import chromium, hover_and_click, offline_page  # noqa: F401  (fixtures)
from hostile import (BACKSLASH_QUOTE, BACKTICK, BREAK_OUT, IMG, PLACE_NAMES, SCRIPT, TEMPLATE,  # noqa: F401
                     TEMPLATE_RAN, hostile, hostile_dataset, with_javascript_url)

JUNE_2021 = dt.date(2021, 6, 1)
JAN_1995 = dt.date(1995, 1, 1)
MAX_TIMELINE_BYTES = 3_000_000

#: References that would make a page fetch a script, stylesheet, font or image from elsewhere.
REMOTE = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in (
    r"<script\b[^>]*\bsrc\s*=",                               # every script must be inline
    r"<link\b[^>]*\bhref\s*=",                                # no linked stylesheet, font or icon
    r"@import\b",
    r"url\(\s*['\"]?\s*(?:https?:)?//",
    r"<(?:img|iframe|source|video|audio|embed|object|image)\b[^>]*\b(?:src|data|href)\s*=\s*['\"]?\s*(?:https?:)?//",
)]


def remote_references(html: str) -> list[str]:
    return [m.group(0)[:120] for pattern in REMOTE for m in pattern.finditer(html)]


def timeline_json(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="ka-data">(.*?)</script>', html, re.DOTALL)
    assert match, "no embedded data"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def shipped_pages(tmp_path_factory, atlas):
    """The day map of 1 June 2021 and the timeline of the shipped dataset, as files."""
    folder = tmp_path_factory.mktemp("pages")
    day, timeline = folder / "map-2021-06-01.html", folder / "atlas.html"
    day.write_text(day_map_html(atlas, JUNE_2021, None, "en"), encoding="utf-8")
    timeline.write_text(timeline_html(atlas, "en"), encoding="utf-8")
    return day, timeline


@pytest.fixture
def hostile_atlas(hostile):
    data, texts = hostile
    return with_javascript_url(load_atlas(data, texts))


@pytest.fixture
def hostile_pages(hostile_atlas, tmp_path):
    """Day map (2021-06-01) and timeline of the hostile dataset, with javascript: URLs injected."""
    atlas = hostile_atlas
    day, timeline = tmp_path / "hostile-day.html", tmp_path / "hostile-timeline.html"
    day.write_text(day_map_html(atlas, JUNE_2021, None, "en"), encoding="utf-8")
    timeline.write_text(timeline_html(atlas, "ru"), encoding="utf-8")
    return day, timeline


# -- the documents ----------------------------------------------------------------------
def test_day_map_document(atlas, shipped_pages):
    html = shipped_pages[0].read_text(encoding="utf-8")
    assert remote_references(html) == []
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html.split("</title>")[0]
    assert "<title>Karabakh Atlas — 1 June 2021</title>" in html
    assert ATTRIBUTION.replace("'", "&#x27;") in html and DISCLAIMER.replace("'", "&#x27;") in html
    excerpts = atlas.excerpts_on(JUNE_2021)
    assert excerpts and html.count('class="ka-excerpt"') >= len(excerpts)
    assert f"Excerpts speaking of this day ({len(excerpts)})" in html
    for source in {atlas.source_of(e) for e in excerpts}:
        assert f'data-source="{source.id}"' in html
        assert VANTAGE_GROUPS[source.vantage_group] in html
    assert "author not named" in html  # one of the day's sources names no author


def test_timeline_document_is_self_contained_and_small(atlas, shipped_pages):
    path = shipped_pages[1]
    html = path.read_text(encoding="utf-8")
    assert remote_references(html) == []
    assert path.stat().st_size < MAX_TIMELINE_BYTES, f"timeline is {path.stat().st_size:,} bytes"
    assert '<meta charset="utf-8">' in html and "<title>Karabakh Atlas — timeline 1988–" in html
    # the engine's own files, inlined
    for name in (*engine.SCRIPTS, engine.PAGE_SCRIPT):
        assert engine.static_text(name)[:200] in html, name
    data = timeline_json(html)
    assert data["first"] == "1988-02-20"
    assert {f["i"] for f in data["features"]} == {f.id for f in atlas.features}
    assert len(data["excerpts"]) == len(atlas.excerpts)
    assert data["keyDates"] == [d.isoformat() for d in atlas.key_dates]


def test_timeline_data_carries_the_python_rule(atlas):
    """The engine's data is the rule's result, as Python computed it (the browser parity
    test, tests/test_engine_parity.py, checks what the engine draws from it)."""
    data = timeline_data(atlas, "en")
    records = {r["i"]: r for r in data["features"]}
    for feature in atlas.features:
        bounds, record = feature.time_bounds(), records[feature.id]
        assert (record["a"], record["b"], record.get("u", [])) == (bounds["start"], bounds["end"], bounds["uncertain"])
        assert [s[:4] for s in record.get("s", [])] == [[s["from"], s["uncertain_to"], s["status"], s["label"]]
                                                      for s in bounds["status"]]
        changes = {record["a"], record["b"], *record.get("c", [])} - {None}
        assert changes == {d.isoformat() for d in feature.change_days}


def _decoded(record: dict):
    """The geometry of an engine record, decoded as engine.js decodes it."""
    from shapely.geometry import LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon
    scale = 10 ** engine.QUANTUM_DECIMALS

    def ring(values):
        out, x, y = [], 0, 0
        for i in range(0, len(values), 2):
            x, y = x + values[i], y + values[i + 1]
            out.append((x / scale, y / scale))
        return out
    kind, parts = record["g"]
    if kind == "P":
        points = [Point(ring(p)[0]) for p in parts]
        return points[0] if len(points) == 1 else MultiPoint(points)
    if kind == "L":
        lines = [LineString(ring(p)) for p in parts]
        return lines[0] if len(lines) == 1 else MultiLineString(lines)
    polygons = [Polygon(ring(p[0]), [ring(r) for r in p[1:]]) for p in parts]
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def test_timeline_geometry_is_simplified_within_accuracy_and_quantised(atlas):
    data = timeline_data(atlas, "en")
    shown = {r["i"]: _decoded(r) for r in data["features"]}
    before = after = 0
    for feature in atlas.features:
        simplified = shown[feature.id]
        assert simplified.is_valid, feature.id
        # degrees to km: a degree of longitude is shorter than KM_PER_DEGREE here, so this over-estimates
        moved_km = feature.geometry.hausdorff_distance(simplified) * KM_PER_DEGREE
        assert moved_km <= SIMPLIFY_SHARE * feature.accuracy_km + 0.002, (feature.id, moved_km)
        before += len(feature.geometry.wkt)
        after += len(simplified.wkt)
    assert after < before


def test_status_history_is_in_the_data(atlas):
    data = timeline_data(atlas, "en")
    record = next(r for r in data["features"] if r["i"] == "cor-lachin-2022")
    assert len(record["s"]) > 1 and any("closed to ordinary traffic at the shusha turn" in s[3].lower() for s in record["s"])


def test_naming_convention_and_layers(atlas):
    html = day_map_html(atlas, JUNE_2021, ["control"], "az")
    assert "names: Azerbaijani usage" in html
    assert '"l":"control"' in html and '"l":"line_of_contact"' not in html
    assert "Layers: Who held the ground</p>" in html
    with pytest.raises(ExportError):
        day_map_html(atlas, JUNE_2021, None, "xx")
    with pytest.raises(ExportError):
        timeline_html(atlas, "en", ["nonsense"])


@pytest.mark.parametrize("which", ["day", "timeline"])
def test_hostile_text_is_escaped_in_the_document(hostile_pages, which):
    html = hostile_pages[0 if which == "day" else 1].read_text(encoding="utf-8")
    for payload in (IMG, SCRIPT, BREAK_OUT):
        assert payload not in html
    assert "onerror=\"window" not in html
    # every <script> is closed exactly once: data never ends one early
    assert len(re.findall(r"<script\b", html)) == html.count("</script>")
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", html, re.IGNORECASE)
    # data text is never compiled as a template: the braces stay, nothing ran
    assert "9999*9999" in html and TEMPLATE_RAN not in html  # present as text (braces may be entities)
    assert remote_references(html) == []


# -- the command line ---------------------------------------------------------------------
def test_cli_html_exports(tiny, tmp_path, capsys):
    data, _ = tiny
    day, timeline = tmp_path / "map.html", tmp_path / "atlas.html"
    assert main(["export", "html", "--data", str(data), "--date", "2000-01-01", "-o", str(day),
                 "--layers", "control,line_of_contact", "--names", "ru"]) == 0
    assert main(["export", "html", "--data", str(data), "--timeline", "-o", str(timeline), "--names", "hy"]) == 0
    err = capsys.readouterr().err
    assert f"wrote {day} (" in err and f"wrote {timeline} (" in err and "bytes" in err
    html = day.read_text(encoding="utf-8")
    assert "1 January 2000" in html and "names: Russian" in html and '"i":"place-a"' not in html
    assert "Names: Armenian usage" in timeline.read_text(encoding="utf-8")


def test_cli_html_usage_errors(tiny, tmp_path, capsys):
    data, _ = tiny
    for argv in (["--date", "2000-01-01", "--names", "xx"], ["--date", "2000-01-01", "--timeline"], [],
                 ["--date", "2000-02-30"], ["--timeline", "--layers", "nope"]):
        with pytest.raises(SystemExit) as exit_:
            main(["export", "html", "--data", str(data), "-o", str(tmp_path / "x.html"), *argv])
        assert exit_.value.code == 2, argv
    assert not (tmp_path / "x.html").exists()
    out = tmp_path / "missing" / "x.html"
    assert main(["export", "html", "--data", str(data), "--timeline", "-o", str(out)]) == 3
    assert "does not exist" in capsys.readouterr().err


def test_help_documents_every_export_format(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    for line in ("export csv -o excerpts.csv", "export html --date", "export html --timeline", "export gpkg -o"):
        assert line in out
    for fmt in ("csv", "html", "gpkg"):
        with pytest.raises(SystemExit) as exit_:
            main(["export", fmt, "--help"])
        assert exit_.value.code == 0
        assert "exit codes" in capsys.readouterr().out


# -- in the browser ---------------------------------------------------------------------------
def _ids_on(atlas, day: dt.date) -> list[str]:
    return sorted(f.id for layer in atlas.features_on(day).values() for f in layer)


def _set_slider(page, day: dt.date) -> None:
    """Move the range input as a user would (value + input event)."""
    index = (day - dt.date(1988, 2, 20)).days
    page.eval_on_selector(".ka-slider", "(el, v) => { el.value = String(v);"
                          " el.dispatchEvent(new Event('input', {bubbles: true})); }", index)
    page.wait_for_function("iso => window.kaCurrentDate() === iso", arg=day.isoformat())


@pytest.mark.browser
def test_day_map_in_the_browser(atlas, shipped_pages, offline_page):
    tab = offline_page
    tab.open(shipped_pages[0])
    page = tab.page
    assert page.evaluate("window.kaVisibleIds()") == _ids_on(atlas, JUNE_2021)
    caption = page.inner_text(".leaflet-container #ka-caption")
    assert "1 June 2021" in caption and DISCLAIMER in caption and ATTRIBUTION in caption
    assert "Names" in caption or "names" in caption
    assert page.is_visible(".leaflet-container .ka-legend") and "Legend" in page.inner_text(".ka-legend")
    excerpts = page.inner_text("#ka-excerpts")
    assert all(e.quote[:40] in excerpts for e in atlas.excerpts_on(JUNE_2021))
    tab.screenshot("day-map-2021-06-01")
    tooltip, popup = hover_and_click(page, atlas.by_id["loc-2020"], "Line of contact")
    assert "Line of contact" in tooltip and "Drawn from 10 November 2020 to 19 September 2023" in popup
    assert "linked excerpt(s)" in popup and "Method:" in popup
    tab.screenshot("day-map-2021-06-01-popup")
    tab.assert_no_errors()
    tab.assert_offline()


@pytest.mark.browser
def test_timeline_slider_shows_and_hides_by_validity(atlas, shipped_pages, offline_page):
    tab = offline_page
    tab.open(shipped_pages[1])
    page = tab.page
    seen = {}
    for day, shown, hidden in ((JAN_1995, "loc-1994", "pk-russian-zone"), (JUNE_2021, "pk-russian-zone", "loc-1994")):
        _set_slider(page, day)
        assert page.inner_text(".ka-date-big") == long_date(day)
        ids = page.evaluate("window.kaVisibleIds()")
        assert shown in ids and hidden not in ids and ids == _ids_on(atlas, day)
        page.wait_for_function("iso => location.hash.startsWith('#' + iso)", arg=day.isoformat())
        seen[day] = page.inner_text("#ka-excerpts")
        assert page.inner_text("#ka-excerpt-count") == str(len(atlas.excerpts_on(day)))
        for excerpt in atlas.excerpts_on(day):
            assert excerpt.quote[:40] in seen[day]
        tab.screenshot(f"timeline-{day.isoformat()}")
    assert seen[JAN_1995] != seen[JUNE_2021]
    tooltip, popup = hover_and_click(page, atlas.by_id["pk-russian-zone"], "Russian peacekeeping zone")
    assert "Russian peacekeeping zone" in popup and "Drawn from 10 November 2020 to 25 August 2022" in popup
    assert "linked excerpt(s)" in popup
    tab.screenshot("timeline-2021-06-01-popup")
    tab.assert_no_errors()
    tab.assert_offline()


@pytest.mark.browser
def test_timeline_hash_buttons_date_field_and_play(atlas, shipped_pages, offline_page):
    tab = offline_page
    tab.open(shipped_pages[1], "#1995-01-01")
    page = tab.page
    assert page.inner_text(".ka-date-big") == "1 January 1995"
    assert "loc-1994" in page.evaluate("window.kaVisibleIds()")
    # the steps go to the days on which the map changes (engine.map_change_days)
    changes = engine.map_change_days(atlas.features)
    following = dates.next_in(changes, JAN_1995.isoformat())
    page.click(".ka-next")
    assert page.evaluate("window.kaCurrentDate()") == following
    page.click(".ka-prev")
    assert page.evaluate("window.kaCurrentDate()") == dates.prev_in(changes, following)
    page.fill(".ka-date-input", "2021-06-01")
    page.wait_for_function("() => window.kaCurrentDate() === '2021-06-01'")
    assert page.inner_text(".ka-date-big") == "1 June 2021"
    page.evaluate("location.hash = '#2023-10-01'")  # a link to a moment, followed in the same tab
    page.wait_for_function("() => window.kaCurrentDate() === '2023-10-01'")
    assert page.input_value(".ka-date-input") == "2023-10-01"
    page.click(".ka-play")
    page.wait_for_function("() => window.kaCurrentDate() > '2023-12-01'")
    page.click(".ka-play")
    assert "Play" in page.inner_text(".ka-play")
    stopped = page.evaluate("window.kaCurrentDate()")
    page.wait_for_timeout(200)
    assert page.evaluate("window.kaCurrentDate()") == stopped
    tab.screenshot("timeline-controls")
    tab.assert_no_errors()


def _assert_nothing_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('[onerror], img[src=\"x\"]').length") == 0
    assert page.evaluate("[...document.querySelectorAll('a[href]')]"
                         ".filter(a => a.href.trim().toLowerCase().startsWith('javascript')).length") == 0


@pytest.mark.browser
def test_hostile_day_map_shows_payloads_literally(hostile_pages, hostile_atlas, offline_page):
    tab = offline_page
    tab.open(hostile_pages[0])
    page = tab.page
    _assert_nothing_ran(page)
    assert TEMPLATE_RAN not in page.inner_text("body")
    excerpts = page.inner_text("#ka-excerpts")
    for payload in (SCRIPT, IMG, BACKTICK, BACKSLASH_QUOTE, TEMPLATE, "Şuşa (Շուշի, Шуша)"):
        assert payload in excerpts, payload
    caption = page.inner_text("#ka-caption")
    assert f"Title {SCRIPT} {BREAK_OUT} {TEMPLATE}" in caption and "author not named" in caption
    tooltip, popup = hover_and_click(page, hostile_atlas.by_id["pk-hostile"], "pk-hostile")
    assert f"pk-hostile {IMG}" in tooltip and f"Мартакерт {TEMPLATE}" in tooltip
    assert f"Drawn by hand {SCRIPT} {BREAK_OUT}" in popup and TEMPLATE in popup and TEMPLATE_RAN not in popup
    _assert_nothing_ran(page)
    tab.screenshot("hostile-day-map-popup")
    tab.assert_no_errors()
    tab.assert_offline()


@pytest.mark.browser
def test_hostile_timeline_shows_payloads_literally(hostile_pages, hostile_atlas, offline_page):
    tab = offline_page
    tab.open(hostile_pages[1], "#2021-06-01")
    page = tab.page
    _assert_nothing_ran(page)
    assert TEMPLATE_RAN not in page.inner_text("body")
    excerpts = page.inner_text("#ka-excerpts")
    for payload in (SCRIPT, IMG, BACKTICK, BACKSLASH_QUOTE, TEMPLATE):
        assert payload in excerpts, payload
    page.click("#ka-caption summary")  # "About this map" is folded: nothing covers the map unasked
    assert f"Title {SCRIPT}" in page.inner_text("#ka-sources")
    assert PLACE_NAMES["ru"] in page.inner_text(".ka-label")
    tooltip, popup = hover_and_click(page, hostile_atlas.by_id["place-hostile"], "Степанакерт")
    for name in PLACE_NAMES.values():
        assert name in tooltip, name
    assert f"Drawn by hand {SCRIPT} {BREAK_OUT}" in popup
    _assert_nothing_ran(page)
    tab.screenshot("hostile-timeline-popup")
    _set_slider(page, JAN_1995)
    assert BREAK_OUT in page.inner_text("#ka-excerpts")
    tooltip, popup = hover_and_click(page, hostile_atlas.by_id["loc-hostile"], "loc-hostile")
    assert f"loc-hostile {BACKSLASH_QUOTE}" in tooltip and f"loc-hostile {IMG}" in tooltip
    assert f"Drawn by hand {SCRIPT}" in popup
    _assert_nothing_ran(page)
    tab.screenshot("hostile-timeline-1995")
    tab.assert_no_errors()
    tab.assert_offline()


# -- the static site ------------------------------------------------------------------------
def test_cli_site_export_writes_plain_files(tiny, tmp_path, capsys):
    data, _ = tiny
    site = tmp_path / "site"
    assert main(["export", "site", "--data", str(data), "-o", str(site), "--names", "az"]) == 0
    assert "python -m http.server" in capsys.readouterr().err
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "data.json", "leaflet/leaflet.js", "leaflet/leaflet.css"} <= names
    # each engine file named by its content's hash (a host may keep them for a year)
    assert {f"engine/{export_site.hashed_name(n, engine.static_text(n))}" for n in engine.static_names()} <= names
    assert not {f"engine/{n}" for n in engine.static_names()} & names
    page = (site / "index.html").read_text(encoding="utf-8")
    assert remote_references(page.replace('<script src="', '<script data-local="').replace(
        '<link rel="stylesheet" href="', '<link data-local="')) == []
    for ref in re.findall(r'(?:src|href)="([^"]+)"', page):  # every reference is a file of the site
        assert ref in names, ref
    document = json.loads((site / "data.json").read_text(encoding="utf-8"))
    assert document["names"] == "az" and {f["i"] for f in document["features"]} >= {"ctrl-a", "place-a"}
    assert main(["export", "site", "--data", str(data), "-o", str(site / "index.html")]) == 3  # a file, not a folder
