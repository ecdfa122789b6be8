"""An event table on the exported timeline (real browser): drawn as blocks of counts whose sum
is the month's events, said in the legend, merged into larger blocks when zoomed out, left
alone when the events layer is off."""
import datetime as dt

import pytest

from geo import load_atlas
from geo.export_html import timeline_html

from browser import chromium, offline_page  # noqa: F401  (fixtures)
from test_event_tables import synthetic_rows, write_stored

COUNTS = """() => {
  const out = [];
  document.querySelectorAll('.ka-table-line').forEach(n => out.push(n.textContent));
  return out;
}"""


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    from conftest import tiny_dataset, write_dataset
    root = tmp_path_factory.mktemp("tables")
    data, texts = write_dataset(root, tiny_dataset())
    (data / "tables").mkdir()
    rows = synthetic_rows()
    write_stored(data / "tables" / "syn.parquet", rows)
    atlas = load_atlas(data, texts)
    path = root / "atlas.html"
    path.write_text(timeline_html(atlas, "en", today=dt.date(2025, 1, 1)), encoding="utf-8")
    return path, rows


@pytest.mark.browser
def test_the_table_is_drawn_as_counts_that_add_up(timeline, offline_page):
    path, rows = timeline
    october = sum(1 for r in rows if r["first"].strftime("%Y-%m") == "2020-10")
    tab = offline_page
    tab.open(path, "#2020-10-15")
    page = tab.page
    page.wait_for_selector(".ka-table-line")
    line = page.evaluate(COUNTS)[0]
    assert f"Test table: {october} events whose first possible day is in 2020-10" in line
    cell = float(line.split("counted per cell of ")[1].split("°")[0])
    page.evaluate("document.querySelector('.leaflet-control-zoom-out').click()")
    page.wait_for_function(f"() => !document.querySelector('.ka-table-line').textContent.includes('of {cell}°')")
    assert f"{october} events" in page.evaluate(COUNTS)[0]  # same events, larger blocks
    tab.screenshot("event-table-october-2020")
    page.evaluate("window.kaEngine.setDate('2021-06-01')")
    page.wait_for_function("() => document.querySelector('.ka-table-line').textContent.includes(': 0 events')")
    page.evaluate("window.kaEngine.enableLayer('events', false)")
    assert page.evaluate(COUNTS) == [] and not page.is_visible(".ka-table-legend")
    tab.assert_no_errors()
