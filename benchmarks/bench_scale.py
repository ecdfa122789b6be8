"""Scale figures: validate, load and export the timeline of a dataset; peak memory; file size.

    python benchmarks/bench_scale.py DATA_DIR [OUT.html]

Each step runs in a fresh process so that its peak memory (ru_maxrss) is its own.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = {
    "validate": "from geo.io import read_dataset; from geo.validate import check_dataset; "
                "c = check_dataset(read_dataset(D), None); assert not c.problems, c.problems[:3]",
    "load": "from geo import load_atlas; load_atlas(D, check_quotes=False)",
    "timeline export": "from geo import load_atlas; from geo.export_html import timeline_html; "
                       "a = load_atlas(D, check_quotes=False); open(OUT, 'w', encoding='utf-8').write(timeline_html(a))",
}
RUN = ("import resource, sys, time; D, OUT = sys.argv[1], sys.argv[2]; t = time.perf_counter(); {step}; "
       "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def main() -> None:
    data = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/karabakh-atlas-bench.html"
    figures = {}
    for name, step in STEPS.items():
        done = subprocess.run([sys.executable, "-c", RUN.format(step=step), data, out], check=True,
                              capture_output=True, text=True, cwd=ROOT)
        seconds, kib = done.stdout.split()
        figures[name] = {"seconds": round(float(seconds), 2), "peak_MiB": round(int(kib) / 1024)}
    figures["timeline bytes"] = Path(out).stat().st_size
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
