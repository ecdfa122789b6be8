"""Benchmark of the dashboard on the map engine (not a test), in Debian's Chromium.

    .venv/bin/python benchmarks/bench_dashboard.py [--sessions 20] [--port 8633]

Starts ``streamlit run dashboard/app.py`` and measures:

1. cold start: a new session's first painted map (the first one also loads the atlas);
2. 50 date changes in one session (the time bar's "Next key date", in the browser): from
   the input to the map painted (two animation frames), and until the app's panels follow
   (the rerun the component's report causes: the figures header shows the date);
   and a drag of the slider across the whole span (one input event per frame, 600 frames);
3. N concurrent sessions, each moving the date 6 times: input to painted for every move,
   moves lost (a session whose map or panels do not end on its last date), and the
   server's resident memory before and after.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright
from timing import DRAG, pct  # noqa: E402 (benchmarks/ is the script's folder)

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

MOVE = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  await frame();
  const t0 = performance.now();
  document.querySelector('.ka-next').click();
  await frame(); await frame();
  return [performance.now() - t0, window.kaEngine.current];
}"""



def line(label, values):
    print(f"{label:<58} p50 {pct(values, 50):7.1f} ms  p95 {pct(values, 95):7.1f} ms  max {max(values):7.1f} ms"
          f"  (n={len(values)})", flush=True)


def rss_mib(pid: int) -> float:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS"):
            return int(row.split()[1]) / 1024
    return 0.0


async def open_map(browser, url):
    context = await browser.new_context(viewport={"width": 1500, "height": 1000})
    page = await context.new_page()
    t0 = time.perf_counter()
    await page.goto(url)
    await page.wait_for_selector(".ka-dash[data-ready=true]", timeout=120000)
    await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return context, page, time.perf_counter() - t0


async def follow(page, iso, timeout=60):
    """Seconds until the app's panels show ``iso`` (the rerun after the map's report)."""
    t0 = time.perf_counter()
    await page.get_by_text(f"Figures for {iso}").wait_for(timeout=timeout * 1000)
    return time.perf_counter() - t0


async def session(browser, url, moves, painted, lost):
    context, page, _ = await open_map(browser, url)
    try:
        last = None
        for _ in range(moves):
            ms, last = await page.evaluate(MOVE)
            painted.append(ms)
            await asyncio.sleep(0.4)  # a person's pace between clicks
        try:
            await follow(page, last)
        except Exception:
            lost.append(last)
    finally:
        await context.close()


async def main_async(args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port",
                             str(args.port), "--server.headless", "true"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://localhost:{args.port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}", flush=True)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            url = base + "/?date=1994-05-12"
            context, page, cold = await open_map(browser, url)
            print(f"cold start, first session (atlas loaded): {cold:.2f} s", flush=True)
            await context.close()
            context, page, warm = await open_map(browser, url)
            print(f"new session, process warm: {warm:.2f} s", flush=True)
            painted, followed = [], []
            for i in range(50):
                ms, iso = await page.evaluate(MOVE)
                painted.append(ms)
                if i % 10 == 9:
                    followed.append(1000 * (await follow(page, iso)))
            line("one session: input to painted map (50 key dates)", painted)
            line("one session: input to panels following (every 10th)", followed)
            frames = await page.evaluate(DRAG, 600)
            line(f"slider drag 1988-today, 600 frames ({1000 / statistics.mean(frames):.1f} fps): frame", frames)
            await context.close()
            before = rss_mib(proc.pid)
            painted, lost = [], []
            t0 = time.perf_counter()
            await asyncio.gather(*(session(browser, url, 6, painted, lost) for _ in range(args.sessions)))
            line(f"{args.sessions} concurrent sessions x 6 moves: input to painted", painted)
            print(f"moves lost: {len(lost)} of {args.sessions} sessions; wall time {time.perf_counter() - t0:.1f} s; "
                  f"server RSS {before:.0f} -> {rss_mib(proc.pid):.0f} MiB", flush=True)
            await browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--port", type=int, default=8633)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
