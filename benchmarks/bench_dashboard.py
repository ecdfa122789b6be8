"""Benchmark of the dashboard (not a test), in Debian's Chromium through Playwright.

    .venv/bin/python benchmarks/bench_dashboard.py [--code DIR ...] [--readers 16] [--steps 20] [--port 8633]
                                                   [--phases first,one,many]

``--code`` (repeatable) runs the dashboard of other checkouts (for example an older commit
checked out with ``git worktree add /tmp/old-main <commit>``) with this environment's
packages; each measurement is taken for every checkout in turn, so old and new are measured
side by side in one run on the same machine load. It measures:

1. the first painted map of a new process: from starting ``streamlit run`` (and from the
   first page request) to the map drawn (two animation frames after the component is ready);
   with an empty map cache, and again with the cache the first start built;
2. one reader stepping through key dates (the time bar's "Next key date"): from the click
   to the whole page settled, i.e. the last change of the DOM anywhere in the page (a
   MutationObserver on the document; settled when nothing changed for ``QUIET_MS``);
3. ``--readers`` readers stepping at once (each ``--steps`` / 4 steps at a person's pace),
   the same measure per step, and the server's resident memory.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright
from timing import pct  # noqa: E402 (benchmarks/ is the script's folder)

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
#: The page counts as settled when its DOM has not changed for this long.
QUIET_MS = 2000
#: Longest wait for a page to settle after a step.
LIMIT_MS = 15000

WATCH = """() => {
  if (window.__kaWatch) { return; }
  window.__kaWatch = {last: performance.now(), count: 0};
  new MutationObserver(() => { window.__kaWatch.last = performance.now(); window.__kaWatch.count++; })
    .observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

STEP = """async ([quiet, limit]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  await frame();
  const t0 = performance.now();
  window.__kaWatch.last = t0;
  document.querySelector('.ka-next').click();
  const iso = window.kaEngine.current;
  while (true) {
    await new Promise(r => setTimeout(r, 50));
    const now = performance.now();
    if (now - window.__kaWatch.last >= quiet || now - t0 > limit) { break; }
  }
  return [window.__kaWatch.last - t0, iso];
}"""


def line(label, values):
    print(f"{label:<60} median {pct(values, 50):7.1f} ms  p95 {pct(values, 95):7.1f} ms  max {max(values):7.1f} ms"
          f"  (n={len(values)})", flush=True)


def rss_mib(pid: int) -> float:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS"):
            return int(row.split()[1]) / 1024
    return 0.0


def start_server(code: Path, port: int, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(code), "KARABAKH_ATLAS_CACHE": str(cache)}
    env.pop("KARABAKH_ATLAS_DATA", None)
    return subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=code, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_healthy(base: str) -> None:
    while True:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)


async def open_map(browser, url):
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    t0 = time.perf_counter()
    await page.goto(url, timeout=300000)
    await page.wait_for_selector(".ka-dash[data-ready=true] .leaflet-container canvas", state="attached",
                                 timeout=300000)
    await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return context, page, time.perf_counter() - t0


async def first_map(browser, code: Path, port: int, cache: Path, label: str) -> None:
    t0 = time.perf_counter()
    proc = start_server(code, port, cache)
    try:
        base = f"http://localhost:{port}"
        wait_healthy(base)
        context, _, from_request = await open_map(browser, base + "/?date=1994-05-12")
        print(f"first painted map of a new process, {label}: {time.perf_counter() - t0:.2f} s from the start, "
              f"{from_request:.2f} s from the first request", flush=True)
        await context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def reader(browser, url, steps, out, start_delay, together=None):
    await asyncio.sleep(start_delay)
    context, page, _ = await open_map(browser, url)
    try:
        await page.evaluate(WATCH)
        await asyncio.sleep(3)  # the page's own start-up settles
        if together is not None:
            await together.wait()  # every reader has its page open: they move at once
        for _ in range(steps):
            ms, _ = await page.evaluate(STEP, [QUIET_MS, LIMIT_MS])
            out.append(ms)
            await asyncio.sleep(random.uniform(0.2, 0.8))  # a person's pace between clicks
    finally:
        await context.close()


async def measure(browser, code: Path, port: int, phase: str, args, results: dict) -> None:
    cache = Path(tempfile.mkdtemp(prefix="ka-bench-cache-"))
    label = code.name
    try:
        if phase == "first":
            await first_map(browser, code, port, cache, f"{label}, empty map cache")
            await first_map(browser, code, port, cache, f"{label}, map cache built")
            return
        proc = start_server(code, port, cache)
        try:
            base = f"http://localhost:{port}"
            wait_healthy(base)
            url = base + "/?date=1990-01-01"
            context, _, _ = await open_map(browser, url)  # loads the atlas in the process
            await context.close()
            if phase == "one":
                one = []
                await reader(browser, url, args.steps, one, 0)
                line(f"{label}: 1 reader, date step to the whole page settled", one)
                return
            before = rss_mib(proc.pid)
            many = []
            together = asyncio.Barrier(args.readers)
            t0 = time.perf_counter()
            await asyncio.gather(*(reader(browser, url, max(1, args.steps // 4), many, i * 1.0, together)
                                   for i in range(args.readers)))
            line(f"{label}: {args.readers} readers at once, date step to the page settled", many)
            print(f"  wall time {time.perf_counter() - t0:.1f} s; server RSS {before:.0f} -> "
                  f"{rss_mib(proc.pid):.0f} MiB; load average {os.getloadavg()[0]:.1f}", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


async def main_async(args):
    codes = [Path(c).resolve() for c in (args.code or [str(ROOT)])]
    print(f"code: {', '.join(map(str, codes))}; machine: {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        try:
            for phase in args.phases.split(","):
                for i, code in enumerate(codes):
                    await measure(browser, code, args.port + i, phase, args, {})
        finally:
            await browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", action="append", help="a checkout whose dashboard is run (repeatable; default: this one)")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--phases", default="first,one,many", help="which measurements: first, one, many")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--port", type=int, default=8633)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
