"""The map engine in Chromium: date change to painted map, and slider drag frame times.

    python benchmarks/bench_engine.py TIMELINE.html [TIMELINE2.html ...]

(1) 50 date changes (key dates, in a shuffled order): from the change (as the time bar
makes it) to the frame after the canvas was painted (two animation frames), p50/p95.
(2) a drag of the slider across 1988-2025: one input event per animation frame for 600
frames; frame intervals p50/p95 and frames per second.
"""
from __future__ import annotations

import json
import random
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from timing import DRAG, pct  # noqa: E402 (benchmarks/ is the script's folder)

CHANGE = """async (days) => {
  const bar = window.kaTimebar, out = [];
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  for (const d of days) {
    await frame();
    const t0 = performance.now();
    bar.set(d, 'bench');
    await frame(); await frame();   // Leaflet paints the canvas in the next frame
    out.push(performance.now() - t0);
  }
  return out;
}"""



def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for path in sys.argv[1:]:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=120000)
            load_ms = page.evaluate("performance.now()")
            keys = page.evaluate("window.kaEngine.data.keyDates")
            days = random.Random(8).sample(keys, min(50, len(keys)))
            changes = page.evaluate(CHANGE, days)
            frames = page.evaluate(DRAG, 600)
            print(json.dumps({"file": Path(path).name, "features": page.evaluate("window.kaEngine.features.length"),
                              "ready_ms": round(load_ms),
                              "date_change_ms": {"p50": pct(changes, 50), "p95": pct(changes, 95),
                                                 "max": round(max(changes), 1)},
                              "drag_frame_ms": {"p50": pct(frames, 50), "p95": pct(frames, 95),
                                                "fps": round(1000 / statistics.mean(frames), 1)}}))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
