"""Real-browser testing: Debian's Chromium driven by Playwright, with the network cut off.

Import the fixtures into a test module: ``from browser import chromium, offline_page``.
``offline_page`` yields an :class:`OfflinePage`: every request that is not ``file:`` or
``data:`` is aborted and recorded, and the test fails if there was one.

When Playwright or Chromium is missing the browser tests are skipped with a loud
reason -- except when the environment variable ``CI`` is set: then they fail.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
VIEWPORT = {"width": 1400, "height": 900}
LOCAL_SCHEMES = ("file:", "data:", "about:")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the Playwright Python package is not installed ({exc})"
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
    return None


def not_available(reason: str):
    message = f"BROWSER TESTS NOT RUN: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " -- CI is set, so this is a failure, not a skip", pytrace=False)
    warnings.warn(message)
    pytest.skip(message)


#: The one Playwright and Chromium of this test process. Each test module that imports the
#: ``chromium`` fixture gets its own copy of the fixture (pytest scopes a fixture to where
#: it is defined), and Playwright's sync API cannot be started twice in one thread, so
#: every copy shares these.
_SHARED: dict = {}


def _shared_browser():
    if "browser" not in _SHARED:
        from playwright.sync_api import Error, sync_playwright

        playwright = sync_playwright().start()
        try:
            _SHARED["browser"] = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        except Error as exc:
            playwright.stop()
            _SHARED["failed"] = f"Chromium at {CHROMIUM} did not start: {exc}"
            raise
        _SHARED["playwright"] = playwright
    return _SHARED["browser"]


def _close_shared() -> None:
    browser, playwright = _SHARED.pop("browser", None), _SHARED.pop("playwright", None)
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (shared by every module that imports this)."""
    reason = missing_browser() or _SHARED.get("failed")
    if reason:
        not_available(reason)
    from playwright.sync_api import Error

    try:
        browser = _shared_browser()
    except Error:
        not_available(_SHARED["failed"])
    yield browser
    _close_shared()  # at the end of the session; later copies find it closed already


@dataclass
class OfflinePage:
    """A page whose every non-local request is blocked and recorded."""

    page: object
    attempted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path, fragment: str = "") -> None:
        """Open a file (optionally with ``#fragment``) and wait for Leaflet to draw."""
        self.page.goto(Path(path).resolve().as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready=true] .leaflet-container canvas", state="attached")

    def assert_offline(self) -> None:
        assert not self.attempted, f"the page tried to reach the network: {self.attempted}"

    def assert_no_errors(self) -> None:
        assert not self.errors, f"JavaScript errors on the page: {self.errors}"

    def pwned(self) -> bool:
        return self.page.evaluate("typeof window.__pwned !== 'undefined'")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def offline_page(chromium):
    context = chromium.new_context(viewport=VIEWPORT, service_workers="block")
    tab = OfflinePage(page=None)

    def guard(route):
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            tab.attempted.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    # a second net: requests the router might not see (it is not consulted for every scheme)
    page.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) or r.url in tab.attempted
            else tab.attempted.append(r.url))
    page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.page = page
    yield tab
    context.close()
    tab.assert_offline()


def _candidate_points(feature) -> list[tuple[float, float]]:
    """(lat, lon) points on a feature: a point inside it, then points along it."""
    geometry = feature.geometry
    points = [geometry.representative_point()]
    outline = geometry.boundary if geometry.geom_type in ("Polygon", "MultiPolygon") else geometry
    if outline.length > 0:
        points += [outline.interpolate((i * 0.618034) % 1, normalized=True) for i in range(1, 30)]
    return [(p.y, p.x) for p in points]


def hover_and_click(page, feature, expect: str) -> tuple[str, str]:
    """Hover the drawn ``feature`` (a geo Feature; the page's engine is ``window.kaEngine``)
    until its tooltip (containing ``expect``) opens, then click there so that its popup (or
    answer card) opens; return (tooltip text, popup or card text)."""
    for button in page.locator(".leaflet-popup-close-button").all():  # close an open popup first
        button.click()
    page.wait_for_selector(".leaflet-popup", state="detached")
    for lat, lon in _candidate_points(feature):
        point = page.evaluate("([id, ll]) => window.kaEngine.pointOf(id, ll)", [feature.id, [lat, lon]])
        if not point:
            continue
        x, y = point
        if not (0 <= x < VIEWPORT["width"] and 0 <= y < VIEWPORT["height"]):
            continue
        if not page.evaluate("([x, y]) => !!document.elementFromPoint(x, y) && "
                             "document.elementFromPoint(x, y).tagName === 'CANVAS'", [x, y]):
            continue  # something (the caption, the legend) covers the map here
        page.mouse.move(VIEWPORT["width"] - 4, VIEWPORT["height"] - 4)  # off the map: the side panel
        page.wait_for_selector(".leaflet-tooltip", state="detached")
        page.mouse.move(x, y)
        try:
            page.wait_for_selector(".leaflet-tooltip", state="visible", timeout=1000)
        except Exception:  # no tooltip at this point: try the next one
            continue
        tooltip = page.locator(".leaflet-tooltip").last.inner_text()
        if expect not in tooltip:
            continue
        page.mouse.click(x, y)
        # a popup, or the answer card where the page has one (geo/static/engine/cartography.js)
        page.wait_for_selector(".leaflet-popup-content, .ka-card", state="visible")
        page.wait_for_timeout(400)  # let the popup finish fading in (for screenshots)
        return tooltip, page.locator(".leaflet-popup-content, .ka-card").last.inner_text()
    raise AssertionError(f"could not hover {feature.id} so that its tooltip shows {expect!r}")
