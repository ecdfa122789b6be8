"""Benchmark (not a test): N concurrent reader sessions over two dashboard processes (public
mode) behind nginx with sticky sessions (deploy/nginx/atlas.conf.template, filled in as
tests/test_proxy.py fills it), the sessions being pages of one or a few Chromium processes.

    nice -n 10 .venv/bin/python benchmarks/bench_proxy.py [--code DIR ...] [--sessions 50] [--steps 6]
        [--browsers 2] [--stagger 3] [--rest 10] [--pace 1.5,4] [--quiet 1000]

``--code`` (repeatable) runs the dashboard of other checkouts (for example main's, unpacked
with ``git archive main | tar -x -C /tmp/proxy-old``) with this environment's packages and the proxy
template of that checkout; the checkouts are measured one after the other in one run, with
the same script. For each checkout:

1. two ``streamlit run`` processes (``KARABAKH_ATLAS_MODE=public``, a fresh map cache), each
   warmed by one page opened on it directly; nginx in front of them;
2. the sessions open the map through the proxy, one every ``--stagger`` seconds (each in
   its own browser context: its own cookies, so its own sticky route; navigation timeout
   ``--nav-timeout``); the time to the drawn map is recorded;
3. once every session is open and ``--rest`` seconds later, each steps the date ``--steps``
   times with the time bar's "Next key date" button (a real click through the browser), a
   reader's pace apart (uniform in ``--pace`` seconds), starting at a random moment within
   the first pace.

Per step, in the page: **input to painted** from the click event's time stamp (when the
browser made the input event, so time queued in a busy page counts) to the second
animation frame after it (the first frame drawn with the new date); **settled** from the
same time stamp to the last thing that happened in the page because of the step (a DOM
change anywhere in the page, or a message sent or received on Streamlit's websocket),
once nothing has happened for ``--quiet`` ms, the server has answered the page's last
message (a rerun it asked for has started) and no element is marked stale by a rerun;
and the messages the page sent to the server. **Lost input**: a step after which the page
does not show the date asked (the date engine, the time bar's field and the address), or
a session whose last date shown is not its last date asked. Also printed: the sessions held
by each process (their ``ka_route`` cookie and the access log), each process's resident
memory (before, peak, after) and CPU seconds while the sessions opened and while they
stepped, the browsers' memory and CPU seconds, and the load average at each phase.

Chromium, running as root, raises its browser and GPU processes to nice -8 and its renderers
to 0 whatever niceness it was started with; the script puts every thread it started back to
its own niceness once a second, so ``nice`` holds for the browsers too.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
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
from bench_dashboard import ARGS, line, rss_mib  # noqa: E402
from test_proxy import nginx, routes  # noqa: E402  (the proxy exactly as the test runs it)

#: Counts the page's websocket traffic (installed before any script of the page runs).
NET = """(() => {
  const net = window.__kaNet = {sent: 0, recv: 0, last: 0, lastSent: 0, lastRecv: 0};
  const W = window.WebSocket, send = W.prototype.send;
  W.prototype.send = function (d) {
    net.sent++; net.last = net.lastSent = performance.now(); return send.call(this, d);
  };
  window.WebSocket = class extends W {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', () => { net.recv++; net.last = net.lastRecv = performance.now(); });
    }
  };
})();"""

#: Watches the page once the map is drawn: DOM changes anywhere, and the next-key-date
#: clicks (capture phase: before the time bar's own handler), with the date each asks for.
WATCH = """() => {
  if (window.__kaWatch) { return; }
  const w = window.__kaWatch = {last: performance.now(), steps: []};
  new MutationObserver(() => { w.last = performance.now(); })
    .observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('click', (ev) => {
    if (!ev.target.closest || !ev.target.closest('.ka-next')) { return; }
    const before = window.kaEngine.current, step = {t0: ev.timeStamp, before: before,
      want: window.kaTimebar.nextKey(before), sent: window.__kaNet.sent, painted: null};
    w.steps.push(step);
    requestAnimationFrame(() => requestAnimationFrame(() => { step.painted = performance.now() - step.t0; }));
  }, true);
}"""

#: After a click: waits until the page has settled and reports the step.
SETTLE = """async ([quiet, limit]) => {
  const w = window.__kaWatch, net = window.__kaNet, step = w.steps[w.steps.length - 1];
  // a rerun is pending while the server has not answered the page's last message, or has
  // marked the page's elements stale
  const busy = () => !!document.querySelector('[data-stale="true"]') || net.lastSent > net.lastRecv;
  let timedOut = false;
  while (true) {
    await new Promise(r => setTimeout(r, 50));
    const now = performance.now(), last = Math.max(w.last, net.last);
    if (step.painted !== null && now - last >= quiet && !busy()) { break; }
    if (now - step.t0 > limit) { timedOut = true; break; }
  }
  const shown = {engine: window.kaEngine.current, field: window.kaTimebar.input.value,
                 address: new URLSearchParams(location.search).get('date')};
  return {painted: step.painted, settled: Math.max(step.painted || 0, Math.max(w.last, net.last) - step.t0), timedOut: timedOut,
          want: step.want, before: step.before, shown: shown, sent: net.sent - step.sent};
}"""

#: Cumulative CPU seconds (user + system) of a process.
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def load() -> str:
    return "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def start_app(code: Path, port: int, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(code), "KARABAKH_ATLAS_MODE": "public", "KARABAKH_ATLAS_CACHE": str(cache)}
    env.pop("KARABAKH_ATLAS_DATA", None)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=code, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"streamlit ({code}) on port {port} did not start")
            time.sleep(0.2)


async def open_map(browser, url, timeout_s):
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    await context.add_init_script(NET)
    page = await context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    t0 = time.perf_counter()
    await page.goto(url, timeout=timeout_s * 1000)
    await page.wait_for_selector(".ka-dash[data-ready=true] .leaflet-container canvas", state="attached",
                                 timeout=timeout_s * 1000)
    await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return context, page, time.perf_counter() - t0


class Phase:
    """Counts the sessions down to a moment every one of them has reached."""

    def __init__(self, n: int):
        self.left, self.reached = n, asyncio.Event()
        if n == 0:
            self.reached.set()

    def arrive(self) -> None:
        self.left -= 1
        if self.left == 0:
            self.reached.set()


class Results:
    def __init__(self):
        self.opened, self.painted, self.settled, self.sent = [], [], [], []
        self.failed, self.broken, self.lost, self.timed_out, self.keys = Counter(), Counter(), [], 0, []


async def reader(i, browser, url, args, opened: Phase, stepped: Phase, may_close: asyncio.Event, out: Results):
    await asyncio.sleep(i * args.stagger)
    try:
        context, page, seconds = await open_map(browser, url, args.nav_timeout)
    except Exception as exc:  # the page did not open in time: counted, not fatal
        out.failed[type(exc).__name__] += 1
        opened.arrive()
        stepped.arrive()
        return
    out.opened.append(seconds)
    arrived = False
    try:
        cookies = {c["name"]: c["value"] for c in await context.cookies()}
        out.keys.append(cookies.get("ka_route"))
        await page.evaluate(WATCH)
        opened.arrive()
        arrived = True
        await opened.reached.wait()  # every session is open: they read at once, after a rest
        await asyncio.sleep(args.rest)
        low, high = args.pace
        await asyncio.sleep(random.uniform(0, high))
        last = None
        for _ in range(args.steps):
            await page.locator(".ka-next").click()
            step = await page.evaluate(SETTLE, [args.quiet, args.limit])
            out.painted.append(step["painted"] if step["painted"] is not None else args.limit)
            out.settled.append(step["settled"])
            out.sent.append(step["sent"])
            out.timed_out += step["timedOut"]
            last = step["want"]
            if set(step["shown"].values()) != {step["want"]}:
                out.lost.append(f"session {i}: asked {step['want']} (from {step['before']}), shown {step['shown']}")
            await asyncio.sleep(random.uniform(low, high))
        shown = await page.evaluate("() => [kaEngine.current, kaTimebar.input.value,"
                                    " new URLSearchParams(location.search).get('date')]")
        if set(shown) != {last}:
            out.lost.append(f"session {i}: last asked {last}, shown at the end {shown}")
    except Exception as exc:  # a click or a wait that failed: counted, not fatal
        out.broken[type(exc).__name__] += 1
    finally:
        if not arrived:
            opened.arrive()
        stepped.arrive()
        await may_close.wait()  # the pages stay open until the browsers' CPU time is read
        await context.close()


async def sample_rss(procs, peaks, stop: asyncio.Event):
    while not stop.is_set():
        for i, proc in enumerate(procs):
            peaks[i] = max(peaks[i], rss_mib(proc.pid))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass


async def measure(p, code: Path, port: int, args) -> None:
    label = str(code)
    with ExitStack() as stack:
        cache = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ka-bench-cache-")))
        procs = []
        for app_port in (port, port + 1):
            proc = start_app(code, app_port, cache)
            stack.callback(lambda q=proc: (q.terminate(), q.wait(timeout=10)))
            procs.append(proc)
        ups = [f"127.0.0.1:{port}", f"127.0.0.1:{port + 1}"]
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ka-bench-nginx-")))
        template = code / "deploy" / "nginx" / "atlas.conf.template"
        log = stack.enter_context(nginx(tmp, ups, port + 2, template if template.exists() else None))
        base = f"http://127.0.0.1:{port + 2}"
        url = base + "/?date=" + args.date
        browsers = [await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                    for _ in range(args.browsers)]
        stop_nice, reniced = asyncio.Event(), [0]
        nicer = asyncio.create_task(keep_nice(stop_nice, reniced))
        try:
            for up in ups:  # each process loads the atlas and builds its map files once
                context, _, cold = await open_map(browsers[0], f"http://{up}/?date={args.date}", args.nav_timeout)
                await context.close()
                print(f"[{label}] warm-up page on {up}: {cold:.1f} s", flush=True)
            before = [rss_mib(proc.pid) for proc in procs]
            peaks = before[:]
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_rss(procs, peaks, stop))
            cpu0 = [cpu_s(proc.pid) for proc in procs]
            print(f"[{label}] {args.sessions} sessions open through the proxy, one every {args.stagger} s; "
                  f"load average {load()}", flush=True)
            out, opened, stepped, may_close = Results(), Phase(args.sessions), Phase(args.sessions), asyncio.Event()
            t0 = time.perf_counter()
            tasks = [asyncio.create_task(reader(i, browsers[i % len(browsers)], url, args, opened, stepped,
                                                 may_close, out))
                     for i in range(args.sessions)]
            await opened.reached.wait()
            opened_at, cpu1, load_open = time.perf_counter(), [cpu_s(proc.pid) for proc in procs], load()
            browsers_cpu1 = browsers_cpu_s()
            browsers_mib = browsers_pss_mib()
            await stepped.reached.wait()
            wall = time.perf_counter() - opened_at
            cpu2 = [cpu_s(proc.pid) for proc in procs]
            browsers_cpu2 = browsers_cpu_s()
            may_close.set()
            await asyncio.gather(*tasks)
            stop.set()
            await sampler
        finally:
            stop_nice.set()
            await nicer
            for browser in browsers:
                await browser.close()
        n = args.sessions
        print(f"[{label}] pages not opened: {sum(out.failed.values())} of {n} {dict(out.failed) or ''}; "
              f"sessions broken off while stepping: {sum(out.broken.values())} {dict(out.broken) or ''}; "
              f"all open after {opened_at - t0:.0f} s (load average then {load_open}); "
              f"browsers' memory (PSS) with every page open {browsers_mib / 1024:.1f} GiB", flush=True)
        if out.opened:
            line(f"[{label}] page open to drawn map (s as ms/1000)", [1000 * s for s in out.opened])
        if out.painted:
            line(f"[{label}] {n} sessions x {args.steps} steps: input to painted", out.painted)
            line(f"[{label}] {n} sessions x {args.steps} steps: input to settled", out.settled)
        served = routes(log)
        by_process = Counter(next(iter(served[k])) if len(served.get(k, ())) == 1 else "several or none"
                             for k in out.keys)
        print(f"[{label}] steps that timed out ({args.limit} ms): {out.timed_out}; websocket messages sent by the "
              f"page per step: {dict(Counter(out.sent))}; lost input: {len(out.lost)}", flush=True)
        for lost in out.lost[:10]:
            print("    " + lost, flush=True)
        print(f"[{label}] sessions per process {dict(by_process)}; stepping took {wall:.0f} s; load average after "
              f"{load()}; browser threads put back to nice {os.getpriority(os.PRIO_PROCESS, 0)}: {reniced[0]}",
              flush=True)
        print(f"[{label}] CPU while the sessions stepped: browsers {browsers_cpu2 - browsers_cpu1:.1f} s, "
              f"the two app processes {sum(cpu2) - sum(cpu1):.1f} s ({wall:.0f} s of wall time)", flush=True)
        for up, proc, b, peak, c0, c1, c2 in zip(ups, procs, before, peaks, cpu0, cpu1, cpu2):
            print(f"[{label}]   {up}: RSS {b:.0f} MiB before, peak {peak:.0f}, after {rss_mib(proc.pid):.0f}; "
                  f"CPU {c1 - c0:.1f} s while the pages opened, {c2 - c1:.1f} s while they stepped", flush=True)


def descendants() -> dict[int, str]:
    """The processes this script started, directly or not: {pid: command name}."""
    parents, names = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        names[pid] = text[text.index("(") + 1:text.rindex(")")]
        parents[pid] = int(text.rsplit(")", 1)[1].split()[1])
    mine, changed = {os.getpid()}, True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                changed = True
    mine.discard(os.getpid())
    return {pid: names[pid] for pid in mine}


def browsers_pss_mib() -> float:
    """Memory of every Chromium process this script started (browsers, renderers): the sum of
    their proportional set sizes (shared pages divided among the processes sharing them)."""
    total = 0.0
    for pid, name in descendants().items():
        if "chrom" in name:
            try:
                rows = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            except OSError:
                continue
            total += sum(int(r.split()[1]) for r in rows if r.startswith("Pss:")) / 1024
    return total


def browsers_cpu_s() -> float:
    """CPU seconds used so far by the Chromium processes this script started (those alive)."""
    total = 0.0
    for pid, name in descendants().items():
        if "chrom" in name:
            try:
                total += cpu_s(pid)
            except OSError:
                continue
    return total


def renice_children() -> int:
    """Puts every thread of the processes this script started back to the script's own
    niceness (``nice``), if it runs at a higher priority: Chromium, running as root, raises its
    browser and GPU processes to -8 and its renderers to 0, whatever niceness it was started
    with. Returns how many threads were changed."""
    own, changed = os.getpriority(os.PRIO_PROCESS, 0), 0
    for pid in descendants():
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                tid = int(task.name)
                if os.getpriority(os.PRIO_PROCESS, tid) < own:
                    os.setpriority(os.PRIO_PROCESS, tid, own)
                    changed += 1
            except OSError:  # gone meanwhile
                continue
    return changed


async def keep_nice(stop: asyncio.Event, counts: list) -> None:
    while not stop.is_set():
        counts[0] += renice_children()
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except asyncio.TimeoutError:
            pass


async def main_async(args) -> None:
    codes = [Path(c).resolve() for c in (args.code or [str(ROOT)])]
    print(f"machine: {os.cpu_count()} CPUs; load average {load()}; code: {', '.join(map(str, codes))}", flush=True)
    async with async_playwright() as p:
        for i, code in enumerate(codes):
            await measure(p, code, args.port + 10 * i, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", action="append", help="a checkout whose dashboard is run (repeatable; default: this one)")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--browsers", type=int, default=2, help="Chromium processes the sessions are spread over")
    parser.add_argument("--stagger", type=float, default=3, help="seconds between two sessions' page opens")
    parser.add_argument("--rest", type=float, default=10, help="seconds between the last page open and the first step")
    parser.add_argument("--pace", default="1.5,4", help="seconds between a reader's steps: low,high (uniform)")
    parser.add_argument("--quiet", type=float, default=1000, help="ms with nothing happening: the page has settled")
    parser.add_argument("--limit", type=float, default=30000, help="longest wait (ms) for a step to settle")
    parser.add_argument("--nav-timeout", type=float, default=300, help="seconds a page may take to open")
    parser.add_argument("--date", default="1994-05-12", help="the date the sessions open with")
    parser.add_argument("--port", type=int, default=8641)
    args = parser.parse_args()
    args.pace = tuple(float(x) for x in args.pace.split(","))
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
