"""Benchmark of the dashboard (not a test): rerun time on the server, update time in a browser.

    .venv/bin/python benchmarks/bench_dashboard.py [--skip-browser]

1. Server: the whole script rerun by Streamlit's AppTest after each of 50 date changes,
   first with cold caches (each date visited for the first time), then again (warm).
2. Browser: ``streamlit run`` plus Debian's Chromium. The "Next key date" button is
   clicked through the key dates; for every click that changes the drawn layers, the
   time from the click to the new layers being in the map's iframe and painted is
   measured inside the page (the click, then requestAnimationFrame until the iframe's
   layer count moves on, then one more frame).

Prints median and p95 in milliseconds, and the machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP = ROOT / "dashboard" / "app.py"
N = 50


def summary(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    line = (f"{label:<52} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   "
            f"(n={len(ordered)})")
    print(line, flush=True)
    return line


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs (nproc), {cpu}, {mem_kb / 1024 / 1024:.1f} GiB RAM, Python {platform.python_version()}"


def bench_dates(atlas) -> list[dt.date]:
    """50 dates spread over the atlas's period, each in a different segment where possible."""
    first, last = dt.date(1988, 3, 1), dt.date(2026, 1, 1)
    step = (last - first) / (N - 1)
    return [first + step * i for i in range(N)]


# -- server ---------------------------------------------------------------------------------
def server_bytecode_cache() -> None:
    """Give AppTest the server's script cache: AppTest compiles the script (with Streamlit's
    "magic" rewriting) anew on every run, which ``streamlit run`` does once per process."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    compiled: dict = {}
    original = ScriptCache.get_bytecode

    def get_bytecode(self, script_path):
        if script_path not in compiled:
            compiled[script_path] = original(self, script_path)
        return compiled[script_path]

    ScriptCache.get_bytecode = get_bytecode


def bench_server() -> list[str]:
    from streamlit.testing.v1 import AppTest

    from geo import load_atlas

    atlas = load_atlas(check_quotes=False)
    days = bench_dates(atlas)
    server_bytecode_cache()
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["date"] = "1988-02-20"
    start = time.perf_counter()
    at.run()
    print(f"{'first run (load and check the atlas, build the page)':<52} {1000 * (time.perf_counter() - start):7.0f} ms once")
    lines = []
    for label in ("rerun after a date change, first visit (cold)", "rerun after a date change, again (warm)"):
        samples = []
        for day in days:
            at.slider(key="date").set_value(day)
            start = time.perf_counter()
            at.run()
            samples.append(1000 * (time.perf_counter() - start))
            assert not at.exception, at.exception
        lines.append(summary(label, samples))
    return lines


# -- browser --------------------------------------------------------------------------------
CLICK_AND_WAIT = """async (label) => {
  const iframe = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const win = iframe.contentWindow;
  const before = (win.feature_group || []).length;
  const button = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === label);
  const frame = () => new Promise(r => requestAnimationFrame(r));
  const t0 = performance.now();
  button.click();
  while ((win.feature_group || []).length === before) {
    await frame();
    if (performance.now() - t0 > 20000) { return -1; }
  }
  await frame();  // the new layers painted
  return performance.now() - t0;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_browser() -> list[str]:
    from playwright.sync_api import sync_playwright

    from dashboard.mapview import LayerCode
    from geo import LAYERS, load_atlas

    atlas = load_atlas(check_quotes=False)
    code = LayerCode(atlas)
    start_day = dt.date(1990, 1, 1)
    days = [start_day]
    while len(days) < 200 and atlas.step(days[-1], 1) != days[-1]:
        days.append(atlas.step(days[-1], 1))
    # which clicks redraw the layers (their Leaflet code differs from the previous date's)
    redraws = [code.key(a, LAYERS, "en") != code.key(b, LAYERS, "en") for a, b in zip(days, days[1:])]

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "KARABAKH_ATLAS_DATA"}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(APP.relative_to(ROOT)),
                               "--server.port", str(port), "--server.headless", "true"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lines = []
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.25)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.goto(f"http://localhost:{port}/?date={start_day.isoformat()}")
            frame_el = page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60000)
            frame = frame_el.content_frame()
            frame.wait_for_function("() => window.feature_group && window.feature_group.length > 0", timeout=60000)
            time.sleep(2)
            for label, warm in (("click to new layers drawn, first visit", False), ("click to new layers drawn, again", True)):
                if warm:  # back to the start, through the same dates again
                    page.goto(f"http://localhost:{port}/?date={start_day.isoformat()}")
                    frame = page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]').content_frame()
                    frame.wait_for_function("() => window.feature_group && window.feature_group.length > 0")
                    time.sleep(2)
                samples = []
                for i, redraw in enumerate(redraws):
                    if len(samples) == N:
                        break
                    if redraw:
                        ms = page.evaluate(CLICK_AND_WAIT, "Next key date ▶")
                        if ms < 0:
                            raise RuntimeError(f"no redraw after moving to {days[i + 1]}")
                        samples.append(ms)
                    else:
                        page.evaluate("(label) => [...document.querySelectorAll('button')]"
                                      ".find(b => b.innerText.trim() === label).click()", "Next key date ▶")
                    # let the rerun settle (and the map report its view) before the next click
                    page.wait_for_function(f"() => location.search.includes('date={days[i + 1].isoformat()}')")
                    time.sleep(0.4)
                lines.append(summary(label, samples))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    print(machine())
    bench_server()
    if not args.skip_browser:
        bench_browser()


if __name__ == "__main__":
    main()
