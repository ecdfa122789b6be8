"""Benchmark (not a test): N concurrent reader sessions over two dashboard processes behind
nginx with sticky sessions (deploy/nginx/atlas.conf.template, started as tests/test_proxy.py
starts it), in Debian's Chromium.

    .venv/bin/python benchmarks/bench_proxy.py [--sessions 50] [--moves 6]

Each session opens the map through the proxy and steps the date ``--moves`` times at a
reader's pace (the time bar's "Next key date"); measured: input to painted map for every
step, and after the last step the time until the page has settled (the app's panels show
the date); a session whose panels never show its last date counts as lost input. Prints
how the sessions were spread over the two processes and their memory.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from bench_dashboard import ARGS, MOVE, follow, line, open_map, rss_mib  # noqa: E402
from test_proxy import nginx, routes  # noqa: E402  (the proxy exactly as the test runs it)


def start_app(port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KARABAKH_ATLAS_MODE": "public"}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"streamlit on port {port} did not start")
            time.sleep(0.2)


async def reader(browser, url, moves, painted, settled, lost, failed):
    try:
        context, page, _ = await open_map(browser, url)
    except Exception as exc:  # the page did not open in time: counted, not fatal
        failed.append(type(exc).__name__)
        return
    try:
        last = None
        for _ in range(moves):
            ms, last = await page.evaluate(MOVE)
            painted.append(ms)
            await asyncio.sleep(0.4)  # a reader's pace
        try:
            settled.append(1000 * await follow(page, last))
        except Exception:
            lost.append(last)
    finally:
        await context.close()


async def main_async(args) -> None:
    with ExitStack() as stack:
        procs = []
        for port in (args.port, args.port + 1):
            proc = start_app(port)
            stack.callback(lambda p=proc: (p.terminate(), p.wait(timeout=10)))
            procs.append(proc)
        ups = [f"127.0.0.1:{args.port}", f"127.0.0.1:{args.port + 1}"]
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        log = stack.enter_context(nginx(tmp, ups, args.port + 2))
        base = f"http://127.0.0.1:{args.port + 2}"
        print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}", flush=True)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            url = base + "/?date=1994-05-12"
            for _ in range(2):  # each process loads the atlas once
                context, page, cold = await open_map(browser, url)
                await context.close()
            before = [rss_mib(proc.pid) for proc in procs]
            painted, settled, lost, failed = [], [], [], []
            t0 = time.perf_counter()
            await asyncio.gather(*(reader(browser, url, args.moves, painted, settled, lost, failed)
                                   for _ in range(args.sessions)))
            wall = time.perf_counter() - t0
            await browser.close()
        print(f"sessions whose page did not open: {len(failed)} of {args.sessions} {Counter(failed) or ''}", flush=True)
        if painted:
            line(f"{args.sessions} sessions x {args.moves} steps via the proxy: input to painted", painted)
        if settled:
            line("after the last step: until the page settled (panels show it)", settled)
        spread = Counter(next(iter(s)) for s in routes(log).values() if len(s) == 1)
        print(f"input lost: {len(lost)} of {args.sessions} sessions; wall {wall:.1f} s; "
              f"route keys per process {dict(spread)}; RSS "
              + ", ".join(f"{b:.0f} -> {rss_mib(p.pid):.0f} MiB" for b, p in zip(before, procs)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--moves", type=int, default=6)
    parser.add_argument("--port", type=int, default=8641)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
