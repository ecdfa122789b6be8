"""The done-when demo in a real browser: a report not among the seeds is ingested, one of
its proposals is accepted on the Review page, and the map page shows it with its links."""
from __future__ import annotations

import json
import shutil

import pytest

from browser import ARTIFACTS, chromium  # noqa: F401  (chromium is a fixture)
from conftest import DATA_DIR, ROOT, SEEDS_DIR
from geo.cli import main as cli_main
from test_dashboard_browser import app_page, streamlit_app

pytestmark = pytest.mark.browser

DEMO = ROOT / "tests" / "fixtures" / "ingest" / "strikes-2022-09-13.html"
SOURCE_ID = "example-wire-2022-09-14"


@pytest.fixture(scope="module")
def demo_dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    data, texts = root / "data", root / "texts"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(SEEDS_DIR, texts)
    for path in [texts, *texts.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    out = data / "sources" / f"{SOURCE_ID}.json"
    assert cli_main(["ingest", str(DEMO), "--data", str(data), "--id", SOURCE_ID, "--title", "Overnight fighting",
                     "--published", "2022-09-14", "--vantage-group", "international", "--author", "A. Tester",
                     "--texts", str(texts), "-o", str(out)]) == 0
    return data, texts, out


def test_accept_on_the_review_page_then_see_it_on_the_map(chromium, demo_dataset):  # noqa: F811
    data, texts, out = demo_dataset
    sotk = next(e for e in json.loads(out.read_text())["excerpts"] if "Residents of Sotk" in e["quote"])
    env = {"KARABAKH_ATLAS_DATA": str(data), "KARABAKH_ATLAS_SOURCES": str(texts)}
    with streamlit_app(env) as url, app_page(chromium, url) as tab:
        page = tab.page
        page.goto(url + "/review")
        page.wait_for_selector("text=Review proposed excerpts", timeout=60000)
        page.wait_for_selector("mark:has-text('Residents of Sotk')", timeout=30000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-page.png"))
        card = page.locator("[data-testid='stVerticalBlock']").filter(
            has=page.locator("mark", has_text="Residents of Sotk")).last
        card.get_by_role("button", name="Accept").click()
        page.wait_for_selector(f"text={sotk['id']} accepted", timeout=30000)
        saved = next(e for e in json.loads(out.read_text())["excerpts"] if e["id"] == sotk["id"])
        assert saved["status"] == "accepted"

        tab.open("?date=2022-09-13")
        quote = page.locator(".ka-excerpt", has_text="Residents of Sotk")
        quote.wait_for(timeout=30000)
        quote.scroll_into_view_if_needed()
        text = quote.inner_text()
        assert "Sotk" in text and "13 September 2022" in text  # its links: the place and the event
        page.screenshot(path=str(ARTIFACTS / "review-accepted-on-map.png"))
        others = [e["quote"][:40] for e in json.loads(out.read_text())["excerpts"] if e["status"] == "proposed"]
        panel = page.inner_text("body")
        assert not any(o in panel for o in others)
