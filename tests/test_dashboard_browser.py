"""The dashboard in a real browser: ``streamlit run`` as a subprocess, Debian's Chromium
through Playwright, every request that is not to this machine blocked (the test fails
if one is attempted). The map component owns the date, the address and the day's panels:
a date step sends nothing to the server. Screenshots go to test-artifacts/dashboard-*.png.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import ARTIFACTS, chromium  # noqa: F401  (chromium is a fixture)
from conftest import ROOT
from geo.dates import long_date
from hostile import BACKTICK, IMG, SCRIPT, TEMPLATE, hostile_dataset

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1500, "height": 1000}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
LOCAL_SCHEMES = ("data:", "blob:", "about:")

#: The ids of the atlas features the map engine draws (layers switched on, valid on the date).
DRAWN_IDS = "() => window.kaEngine ? window.kaEngine.visibleIds() : []"


# -- the app server ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_app(env_extra: dict | None = None):
    """``streamlit run dashboard/app.py`` on a free port (from the project directory, so
    .streamlit/config.toml applies); yields the base URL; stops the server at the end."""
    port = free_port()
    env = {**os.environ, **(env_extra or {})}
    if env_extra is None:
        env.pop("KARABAKH_ATLAS_DATA", None)
    log = ARTIFACTS / f"dashboard-server-{port}.log"
    ARTIFACTS.mkdir(exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port",
                                 str(port), "--server.headless", "true"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            url = f"http://localhost:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                        if response.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start; its log:\n{log.read_text(errors='replace')}")
                time.sleep(0.25)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text
    assert "external IP" not in text, "streamlit tried to look up the external IP: " + text


@pytest.fixture(scope="module")
def app_url():
    with streamlit_app() as url:
        yield url


@dataclass
class AppPage:
    """A dashboard tab whose every request that is not to this machine is blocked and recorded."""

    page: object
    base: str
    attempted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> None:
        self.page.goto(self.base + "/" + query)
        self.wait_for_map()

    @property
    def frame(self):
        """The map is in the page itself (a components-v2 component has no iframe)."""
        return self.page

    def wait_for_map(self) -> None:
        self.page.wait_for_selector(".ka-dash[data-ready=true] .leaflet-container canvas", state="attached",
                                    timeout=30000)
        self.page.wait_for_function(f"({DRAWN_IDS})().length > 0", timeout=30000)

    def drawn_ids(self) -> list[str]:
        return self.frame.evaluate(DRAWN_IDS)

    def wait_for_ids(self, present=(), absent=(), timeout=20000) -> list[str]:
        self.frame.wait_for_function(
            "([present, absent]) => { const ids = (" + DRAWN_IDS + ")();"
            " return present.every(i => ids.includes(i)) && !absent.some(i => ids.includes(i)); }",
            arg=[list(present), list(absent)], timeout=timeout)
        return self.drawn_ids()

    def url(self) -> str:
        # location.href: Playwright's page.url can miss a history.pushState
        return self.page.evaluate("() => location.href")

    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.url()).query, keep_blank_values=True).items()}

    def wait_for_query(self, **expected) -> None:
        deadline = time.monotonic() + 20
        while any(self.query().get(k) != v for k, v in expected.items()):
            assert time.monotonic() < deadline, f"URL {self.url()} never showed {expected}"
            time.sleep(0.1)

    def wait_idle(self, quiet: float = 0.7) -> None:
        """Until Streamlit has finished its reruns: no element marked stale (Streamlit marks
        the page's elements stale while a rerun replaces them) for ``quiet`` seconds. The map
        reports its view once drawn, which reruns the app once more."""
        deadline, calm_since = time.monotonic() + 30, None
        while True:
            busy = self.page.evaluate("() => !!document.querySelector('[data-stale=\"true\"]')")
            now = time.monotonic()
            calm_since = None if busy else (calm_since or now)
            if calm_since and now - calm_since >= quiet:
                return
            assert now < deadline, "the app kept running"
            time.sleep(0.05)

    def hover(self, fid: str) -> str:
        """Move the pointer over the feature (trying points along it until the map says it is
        the one under the pointer); return its tooltip's text."""
        for x, y in self.page.evaluate("id => window.kaEngine.pointsOn(id)", fid):
            self.page.mouse.move(1, 1)  # away from the map: any open tooltip closes
            self.page.wait_for_selector(".leaflet-tooltip", state="detached", timeout=10000)
            self.page.mouse.move(x, y)
            try:
                self.page.wait_for_function("id => window.kaEngine.hovered === id", arg=fid, timeout=700)
            except Exception:  # covered here by another feature: try the next point
                continue
            self.page.wait_for_selector(".leaflet-tooltip", state="visible", timeout=10000)
            self.point = (x, y)
            return self.page.inner_text(".leaflet-tooltip")
        raise AssertionError(f"{fid} is not drawn, or covered everywhere")

    def click(self, fid: str) -> None:
        self.hover(fid)
        self.page.mouse.click(*self.point)

    def open_sidebar(self) -> None:
        """The sidebar starts folded (the map first): open it."""
        inside = "() => { const r = document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect();" \
                 " return r.left >= 0 && r.right > 50; }"
        if not self.page.evaluate(inside):
            self.page.locator('[data-testid="stExpandSidebarButton"]').first.click()
            self.page.wait_for_function(inside, timeout=10000)

    def choose(self, label: str) -> None:
        """Click a radio button or checkbox by its label (the input itself is styled away)."""
        target = self.page.locator("label", has_text=label).first
        if target.evaluate("n => !!n.closest('[data-testid=\"stSidebar\"]')"):  # a choice of the folded sidebar
            self.open_sidebar()
        target.click()

    def pwned(self) -> bool:
        return self.page.evaluate("typeof window.__pwned !== 'undefined'")

    def screenshot(self, name: str, full: bool = False) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"dashboard-{name}.png"
        self.page.screenshot(path=str(path), full_page=full)
        return path


def _local(url: str) -> bool:
    return url.startswith(LOCAL_SCHEMES) or urlsplit(url).hostname in LOCAL_HOSTS


@contextmanager
def app_page(chromium, base: str, viewport=VIEWPORT):  # noqa: F811
    context = chromium.new_context(viewport=viewport, service_workers="block", accept_downloads=True)
    tab = AppPage(page=None, base=base)

    def guard(route):
        if _local(route.request.url):
            route.continue_()
        else:
            tab.attempted.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.route("**/*", guard)
    # a second net, for requests a router might not see; it covers the component's iframe too
    page.on("request", lambda r: None if _local(r.url) or r.url in tab.attempted else tab.attempted.append(r.url))
    page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.page = page
    try:
        yield tab
    finally:
        context.close()
    assert not tab.attempted, f"the dashboard tried to reach the network: {tab.attempted}"
    assert not tab.errors, f"JavaScript errors: {tab.errors}"


@pytest.fixture
def tab(chromium, app_url):  # noqa: F811
    with app_page(chromium, app_url) as t:
        yield t


# -- scenarios -------------------------------------------------------------------------------
def test_the_map_draws_with_leaflet_served_by_the_app(tab):
    loaded = []
    tab.page.on("response", lambda r: loaded.append(r.url))
    tab.open("?date=2021-06-01")
    ids = tab.wait_for_ids(["pk-russian-zone", "cor-lachin-2020", "loc-2020", "place-stepanakert-khankendi"])
    assert "loc-1994" not in ids
    assert tab.frame.locator(".ka-dash .leaflet-container canvas").count() >= 1
    assert tab.frame.locator(".ka-label", has_text="Stepanakert").count() == 1
    for name in ("leaflet/leaflet.js", "leaflet/leaflet.css", "engine/engine.js", "engine/timebar.js",
                 "engine/panels.js", "engine/engine.css", "engine/i18n.js", "engine/fonts.css", "data-en-en.json"):
        assert any(re.search(r"/component/dashboard\.mapview\.v-[0-9a-f]{16}/" + re.escape(name) + "$", u)
                   for u in loaded), name
    assert not any("/app/static/" in u for u in loaded)
    tab.wait_idle()
    assert tab.page.get_by_text("1 June 2021").count() >= 1
    # the pages have titles in the sidebar, not their file names
    tab.open_sidebar()
    assert tab.page.inner_text('[data-testid="stSidebarNav"]').split() == ["Map", "Review", "proposals"]
    tab.screenshot("map")


def test_moving_the_date_redraws_the_layers_in_the_same_map(tab):
    tab.open("?date=1995-01-01")
    tab.wait_for_ids(["loc-1994"], ["pk-russian-zone"])
    tab.wait_idle()
    # zoom in and mark this Leaflet map: after the date changes it must be the same map, same view
    tab.page.evaluate("() => { kaEngine.map.setZoom(10, {animate: false}); kaEngine.map.__mark = 'same map'; }")
    time.sleep(0.6)  # the view change reaches the app (debounced) and reruns it
    tab.wait_idle()
    centre = tab.page.evaluate("() => [kaEngine.map.getCenter().lat, kaEngine.map.getCenter().lng]")

    tab.page.locator(".ka-dash-jump").select_option("2020-12-01")  # the stops of data/story.json
    ids = tab.wait_for_ids(["loc-2020", "cor-lachin-2020", "pk-russian-zone"], ["loc-1994"])
    tab.wait_for_query(date="2020-12-01")
    assert "ctrl-1992-01-oblast-to-2023-09-operation-armenian" in ids
    assert tab.page.evaluate("() => kaEngine.map.__mark") == "same map"
    assert tab.page.evaluate("() => kaEngine.map.getZoom()") == 10
    assert tab.page.evaluate("() => [kaEngine.map.getCenter().lat, kaEngine.map.getCenter().lng]") == \
        pytest.approx(centre, abs=1e-6)

    # the step to the next change on the map is in the map: the map moves at once, the address follows
    tab.page.locator(".ka-next").click()
    assert tab.page.evaluate("() => kaEngine.current") == "2020-12-12"
    tab.wait_for_query(date="2020-12-12")
    tab.wait_idle()
    assert tab.page.evaluate("() => kaEngine.map.__mark") == "same map"
    tab.screenshot("date-changed")


def test_clicking_a_feature_opens_the_answer_card_with_its_excerpts(tab, atlas):
    tab.open("?date=2021-06-01")
    tab.wait_idle()
    tooltip = tab.hover("place-stepanakert-khankendi")
    assert "Stepanakert" in tooltip and "Xankəndi" in tooltip  # short: names, not dates
    tab.click("place-stepanakert-khankendi")
    card = tab.page.locator(".ka-card")
    card.locator("h3", has_text="Stepanakert").wait_for(timeout=5000)
    text = card.inner_text()
    assert "1 June 2021" in text and "Held by" in text  # who held that point that day
    linked = atlas.excerpts_for("place-stepanakert-khankendi")
    assert linked
    assert sorted(card.locator(".ka-excerpt[data-excerpt]").evaluate_all("ns => ns.map(n => n.dataset.excerpt)")) \
        == sorted(e.id for e in linked)
    assert f"{len(linked)} linked excerpt(s)" in text
    tab.wait_for_query(selected="place-stepanakert-khankendi")
    assert tab.frame.locator(".leaflet-popup").count() == 0
    tab.screenshot("feature-clicked")


def _panel_excerpts(tab) -> list[str]:
    return tab.page.locator(".ka-dash-excerpt").evaluate_all("ns => ns.map(n => n.dataset.excerpt)")


def test_a_date_step_redraws_every_panel_with_nothing_sent_to_the_server(tab, atlas):
    import datetime as dt

    tab.open("?date=2020-11-10")
    tab.wait_idle()
    time.sleep(1.2)  # the view reported once after loading
    tab.page.evaluate("() => { window.__sends = 0; const send = WebSocket.prototype.send;"
                      " WebSocket.prototype.send = function (d) { window.__sends++; return send.call(this, d); }; }")
    tab.page.locator(".ka-next").click()
    day = tab.page.evaluate("() => kaEngine.current")
    assert day > "2020-11-10"
    # at once, in the browser: the excerpts, the balance, the figures and the table of the new day
    tab.page.get_by_text(f"Figures for {day}").wait_for(timeout=2000)
    tab.page.get_by_text(f"What the map shows on {day}").wait_for(timeout=2000)
    expected = [e.id for e in atlas.excerpts_on(dt.date.fromisoformat(day))]
    assert _panel_excerpts(tab) == expected
    rows = tab.page.locator(".ka-dash-shown tbody tr").evaluate_all("ns => ns.map(n => n.dataset.id)")
    assert sorted(rows) == tab.drawn_ids()
    balance = tab.page.inner_text(".ka-dash-balance")
    assert (f"of {long_date(dt.date.fromisoformat(day))}" in balance) and (str(len(expected)) in balance or not expected)
    assert tab.page.evaluate("() => window.__sends") == 0  # no rerun: nothing went to the server
    tab.wait_for_query(date=day)
    time.sleep(1.5)
    assert tab.page.evaluate("() => window.__sends") == 0  # nor later: the server hears of nothing
    assert not tab.page.locator('[data-stale="true"]').count()


def test_the_window_and_filters_redraw_the_excerpts_in_the_browser(tab, atlas):
    import datetime as dt

    day = dt.date(2021, 6, 1)
    tab.open("?date=2021-06-01")
    tab.wait_idle()
    assert _panel_excerpts(tab) == [e.id for e in atlas.excerpts_on(day)]
    tab.choose("±1 year")
    assert _panel_excerpts(tab) == [e.id for e in atlas.excerpts_on(day, 365)]
    tab.wait_for_query(window="365")
    tab.page.get_by_text("Filter by source or vantage").click()
    group = atlas.sources[atlas.excerpts_on(day, 365)[0].source_id].vantage_group
    tab.page.locator(f".ka-dash-vantage input[value='{group}']").check()
    wanted = [e.id for e in atlas.excerpts_on(day, 365) if atlas.sources[e.source_id].vantage_group == group]
    assert wanted and _panel_excerpts(tab) == wanted
    tab.wait_for_query(window="365", vantage=group)
    tab.page.locator(".ka-dash-excerpt button[data-action=goto]").first.click()
    first = atlas.excerpts_by_id[wanted[0]].date.first.isoformat()
    tab.page.wait_for_function("iso => kaEngine.current === iso", arg=first)
    tab.wait_for_query(date=first)


def test_highlighting_an_excerpt(tab, atlas):
    tab.open("?date=1995-01-01&layers=provinces,control,line_of_contact")
    tab.wait_idle()
    tab.choose("±1 year")
    tab.wait_idle()
    excerpt = next(e for e in atlas.excerpts_on(__import__("datetime").date(1995, 1, 1), 365)
                   if "loc-1994" in e.feature_ids)
    button = tab.page.locator(f'.ka-dash-excerpt[data-excerpt="{excerpt.id}"] button[data-action=highlight]')
    button.scroll_into_view_if_needed()
    button.click()
    tab.page.wait_for_function(
        "() => { const f = kaEngine.byId['loc-1994']; return f.layer && f.layer.options.color === '#F0E442'; }",
        timeout=20000)
    tab.page.get_by_text("Highlighted in yellow").wait_for()
    tab.screenshot("excerpt-highlighted")
    tab.page.get_by_role("button", name="Clear highlight").click()
    tab.page.wait_for_function(
        "() => { const f = kaEngine.byId['loc-1994']; return f.layer && f.layer.options.color !== '#F0E442'; }")


def test_play_the_slider_and_its_keyboard(tab, atlas):
    import datetime as dt

    tab.open("?date=2020-09-27")
    tab.wait_idle()
    tab.page.locator(".ka-play").click()
    tab.page.wait_for_function("() => kaEngine.current > '2020-11-01'")  # playing, in the browser
    tab.page.locator(".ka-play").click()  # stop
    stopped = tab.page.evaluate("() => kaEngine.current")
    tab.wait_for_query(date=stopped)  # the app follows the map once it rests
    time.sleep(1.0)
    assert tab.page.evaluate("() => kaEngine.current") == stopped and tab.query()["date"] == stopped
    tab.page.locator(".ka-slider").focus()
    tab.page.keyboard.press("ArrowRight")
    following = (dt.date.fromisoformat(stopped) + dt.timedelta(days=1)).isoformat()
    tab.page.wait_for_function("iso => kaEngine.current === iso", arg=following)
    tab.wait_for_query(date=following)
    day = dt.date.fromisoformat(following)
    tab.page.locator(".ka-date-big", has_text=f"{day.day} {day:%B %Y}").wait_for()
    tab.page.get_by_text(f"Figures for {following}").wait_for()


def test_url_state_round_trips(tab):
    tab.open("?date=2023-01-01&layers=corridors,places&names=az")
    ids = tab.wait_for_ids(["cor-lachin-2022", "place-stepanakert-khankendi"], ["cor-lachin-2020"])
    assert {i.split("-")[0] for i in ids} == {"cor", "place"}
    tab.frame.locator(".ka-label", has_text="Xankəndi").wait_for(state="attached", timeout=20000)  # drawn (shown when no label of higher rank overlaps it)
    tab.wait_for_query(date="2023-01-01", layers="corridors,places", names="az")

    tab.choose("Armenian usage")
    tab.frame.locator(".ka-label", has_text="Շուշի").wait_for(state="attached", timeout=20000)
    tab.wait_for_query(names="hy")
    tab.choose("Peacekeeping and monitoring")
    tab.wait_for_ids(["pk-russian-zone-2022"])
    tab.wait_for_query(layers="corridors,peacekeeping,places")
    shared = tab.url()

    tab.page.goto("about:blank")
    tab.page.goto(shared)  # the copied link reopens the same view
    tab.wait_for_map()
    tab.wait_for_ids(["pk-russian-zone-2022", "cor-lachin-2022"], ["ctrl-1992-01-oblast-to-2023-09-operation-armenian"])
    tab.frame.locator(".ka-label", has_text="Շուշի").wait_for(state="attached", timeout=20000)
    assert tab.page.get_by_role("radio", name="Armenian usage").is_checked()
    tab.wait_idle()
    tab.screenshot("url-state")


def test_a_permalink_restores_view_window_filters_and_selection(tab, atlas):
    import datetime as dt

    day = dt.date(2021, 6, 1)
    source = atlas.source_of(atlas.excerpts_on(day, 365)[0])
    link = (f"?date=2021-06-01&view=39.76,46.74,11&window=365&sources={source.id}&vantage={source.vantage_group}"
            "&selected=place-stepanakert-khankendi")
    tab.open(link)
    tab.page.wait_for_function("() => kaEngine.map.getZoom() === 11")
    centre = tab.page.evaluate("() => [kaEngine.map.getCenter().lat, kaEngine.map.getCenter().lng]")
    assert centre == pytest.approx([39.76, 46.74], abs=1e-4)
    tab.page.locator(".ka-card h3", has_text="Stepanakert").wait_for(timeout=20000)  # the selection's card
    tab.wait_idle()
    assert tab.page.get_by_role("radio", name="±1 year").is_checked()
    listed = [e.id for e in atlas.excerpts_on(day, 365)
              if e.source_id == source.id and atlas.sources[e.source_id].vantage_group == source.vantage_group]
    assert listed and _panel_excerpts(tab) == listed  # the filters hold
    tab.wait_for_query(date="2021-06-01", view="39.76,46.74,11", window="365", sources=source.id,
                       vantage=source.vantage_group, selected="place-stepanakert-khankendi")
    tab.screenshot("permalink-view")


def test_back_returns_to_the_previous_date(tab):
    tab.open("?date=2020-12-01")
    tab.wait_idle()
    tab.page.locator(".ka-next").click()  # a date visited in the map
    tab.wait_for_query(date="2020-12-12")
    tab.wait_idle()
    length = tab.page.evaluate("() => history.length")
    tab.page.evaluate("() => { kaEngine.map.setView([39.8, 46.75], 10, {animate: false}); }")  # a pan and zoom:
    tab.wait_for_query(view="39.8,46.75,10")  # written in place, no new history entry
    tab.wait_idle()
    assert tab.page.evaluate("() => history.length") == length
    tab.page.locator(".ka-next").click()
    following = tab.page.evaluate("() => kaEngine.current")
    tab.wait_for_query(date=following)
    tab.wait_idle()
    tab.page.go_back()
    tab.page.wait_for_function("() => kaEngine.current === '2020-12-12'", timeout=20000)
    tab.wait_for_query(date="2020-12-12")
    tab.wait_idle()
    tab.page.get_by_text("Figures for 2020-12-12").wait_for()
    assert tab.query().get("view") == "39.8,46.75,10"
    tab.page.go_back()
    tab.page.wait_for_function("() => kaEngine.current === '2020-12-01'", timeout=20000)
    tab.wait_for_query(date="2020-12-01")
    tab.wait_idle()
    assert tab.page.evaluate("() => kaEngine.current") == "2020-12-01"  # the app did not pull it forward again
    tab.page.go_forward()
    tab.page.wait_for_function("() => kaEngine.current === '2020-12-12'", timeout=20000)
    tab.screenshot("back")


def test_the_review_page_and_back_to_the_map_keep_the_view(tab):
    tab.open("?date=2020-12-01&layers=control,places")
    tab.wait_idle()
    tab.page.locator(".ka-next").click()  # moved in the browser: the server never heard of it
    tab.choose("±30 days")
    tab.wait_for_query(date="2020-12-12", window="30")
    tab.open_sidebar()
    nav = tab.page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Review proposals").click()
    tab.page.wait_for_function("() => location.pathname.endsWith('/review')")
    tab.wait_idle()
    nav.get_by_text("Map").click()
    tab.wait_for_map()
    tab.wait_for_query(date="2020-12-12", window="30", layers="control,places")
    assert tab.page.evaluate("() => kaEngine.current") == "2020-12-12"
    assert tab.page.get_by_role("radio", name="±30 days").is_checked()


def test_bad_url_values_show_a_note(tab):
    tab.open("?date=not-a-date&names=xx")
    tab.page.get_by_text("is not a day written YYYY-MM-DD").wait_for()
    tab.page.get_by_text("is not one of en, az, hy, ru").wait_for()
    tab.wait_idle()
    tab.screenshot("bad-url")


def test_download_the_geojson_of_the_map(tab, atlas):
    import datetime as dt

    from geo import export

    tab.open("?date=2020-12-01&layers=corridors,peacekeeping")
    tab.wait_idle()
    tab.page.evaluate("() => kaTimebar.set('2021-06-01', 'test')")  # moved in the browser
    tab.page.get_by_role("button", name="Prepare the downloads of this view").click()
    tab.page.get_by_text("Downloads of the view of 2021-06-01").wait_for(timeout=20000)
    tab.wait_idle()
    button = tab.page.get_by_role("button", name="GeoJSON of this map")
    button.scroll_into_view_if_needed()
    with tab.page.expect_download(timeout=30000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "karabakh-atlas_2021-06-01_corridors+peacekeeping.geojson"
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert document == json.loads(export.to_json(export.geojson_for_date(atlas, dt.date(2021, 6, 1),
                                                                         ("corridors", "peacekeeping"))))
    assert sorted(f["id"] for f in document["features"]) == tab.drawn_ids()
    tab.screenshot("downloads")


def test_about_and_figures_below_the_map(tab):
    tab.open("?date=2021-06-01")
    tab.wait_idle()
    tab.page.get_by_text("About the data").click()
    tab.page.get_by_text("Natural Earth").first.wait_for()
    assert tab.page.get_by_text("author not named").count() >= 1
    tab.page.get_by_text("Figures for 2021-06-01").scroll_into_view_if_needed()
    tab.screenshot("below-the-map")


# -- hostile text ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    data, texts = hostile_dataset(tmp_path_factory.mktemp("hostile"))
    with streamlit_app({"KARABAKH_ATLAS_DATA": str(data), "KARABAKH_ATLAS_SOURCES": str(texts)}) as url:
        yield url


def test_hostile_text_never_runs_and_shows_literally(chromium, hostile_url):  # noqa: F811
    with app_page(chromium, hostile_url) as tab:
        tab.open("?date=2021-06-01&names=en")
        tab.wait_idle()
        ids = tab.wait_for_ids(["place-hostile", "ev-hostile", "pk-hostile", "cor-hostile", "prov-hostile"])
        assert len(ids) >= 5
        for fid in ("place-hostile", "ev-hostile", "cor-hostile", "pk-hostile"):
            tooltip = tab.hover(fid)
            assert not tab.pwned(), f"a payload ran on hovering {fid}"
            tab.click(fid)
            name = "Stepanakert" if fid == "place-hostile" else fid  # the English names (with payloads)
            tab.page.locator(".ka-card h3", has_text=name).first.wait_for(timeout=20000)
            assert not tab.pwned(), f"a payload ran on clicking {fid}"
            tab.page.locator(".ka-card-close").click()  # the card lies over the map
        assert IMG in tooltip or SCRIPT in tooltip  # the last tooltip shows its payload as text
        tooltip = tab.hover("place-hostile")
        assert "Stepanakert " + SCRIPT in tooltip and "Xankəndi " + IMG in tooltip
        tab.screenshot("hostile-map")
        body = tab.page.inner_text("body")
        assert SCRIPT in body  # a quote, shown literally
        assert "Author " + IMG in body
        tab.choose("±1 year")
        tab.wait_idle()
        tab.choose("Azerbaijani usage")
        tab.frame.locator(".ka-label", has_text="Xankəndi").wait_for(state="attached", timeout=20000)
        assert tab.frame.locator(".ka-label", has_text="Xankəndi").text_content() == PLACE_AZ
        tab.page.get_by_text("About the data").click()
        tab.wait_idle()
        body = tab.page.inner_text("body")
        assert BACKTICK in body and TEMPLATE in body  # shown as written: never run as a template
        assert not tab.pwned()
        assert tab.page.locator("a[href^='javascript']").count() == 0
        assert tab.frame.locator("script", has_text="__pwned").count() == 0
        tab.screenshot("hostile-text")


PLACE_AZ = "Xankəndi " + IMG
