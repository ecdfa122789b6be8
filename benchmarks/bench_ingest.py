"""Evaluation of ``ingest`` (not a test): proposals for the five seed texts against the
curated excerpts of ``data/sources/*.json``, and for the labelled short documents of
``benchmarks/ingest_eval/`` (en, ru, az, hy; written for this evaluation) against what
they should yield.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_ingest.py [--sources DIR] [--details] [--baseline REV]

Seeds: for every curated excerpt: is it *covered* (a proposal overlaps it by at least half of
the shorter of the two spans)? On the covered ones, taking the proposal that overlaps
most: do the dates agree (the two periods share a day; "exact": the same EDTF without
~/?), and how do the proposed ids (feature_ids + place_ids) compare with the curated
ones (precision and recall, summed over excerpts)? Labelled sets: is each expected sentence
*found* (a proposal's quote contains it), does its date agree, and precision and recall of
its links. The comparisons are :mod:`geo.ingest.evaluate`.

``--baseline REV`` also runs the same evaluation with the ``geo`` package of an older commit
(extracted with ``git archive`` into a temporary directory, run in a subprocess) and prints
both, old and new, in one run on one machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "benchmarks" / "ingest_eval"
LANGUAGES = ("en", "ru", "az", "hy")

# run in a subprocess with an older tree first on sys.path: its geo package, the labelled
# scoring of this tree's evaluate.py loaded into it (so both are scored the same way)
_BASELINE = r"""
import importlib.util, json, sys
tree, here, sources, labelled = sys.argv[1:5]
sys.path.insert(0, tree)
from pathlib import Path
from geo.ingest.evaluate import evaluate
spec = importlib.util.spec_from_file_location("geo.ingest._evaluate_current", here)
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
out = {"seeds": evaluate(Path(sources), Path(tree) / "data")["totals"]}
for lang in ("en", "ru", "az", "hy"):
    out[lang] = mod.evaluate_labelled(Path(labelled) / f"{lang}.json", Path(tree) / "data")["totals"]
print(json.dumps(out))
"""


def _pct(a, b) -> str:
    return f"{100 * a / b:.0f}%" if b else "n/a"


def current(sources: Path, details: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    from geo.atlas import load_atlas
    from geo.ingest.evaluate import evaluate, evaluate_labelled
    from geo.ingest.match import NameIndex
    from geo.io import DEFAULT_DATA_DIR

    seeds = evaluate(sources)
    if details:
        print("\n".join(seeds["lines"]))
    report_seeds(seeds)
    atlas = load_atlas(DEFAULT_DATA_DIR, check_quotes=False)
    index = NameIndex(atlas.features)
    out = {"seeds": seeds["totals"]}
    for lang in LANGUAGES:
        result = evaluate_labelled(LABELLED / f"{lang}.json", DEFAULT_DATA_DIR, atlas, index)
        if details:
            print("\n".join(result["lines"]))
        out[lang] = result["totals"]
    return out


def baseline(rev: str, sources: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="ingest-baseline-") as tree:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "geo", "data"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        env = dict(os.environ, PYTHONPATH=tree)
        run = subprocess.run([sys.executable, "-c", _BASELINE, tree, str(ROOT / "geo" / "ingest" / "evaluate.py"),
                              str(sources), str(LABELLED)], capture_output=True, text=True, env=env, cwd=tree)
        if run.returncode:
            sys.exit(f"baseline {rev} failed:\n{run.stderr[-2000:]}")
        return json.loads(run.stdout.strip().splitlines()[-1])


def report_seeds(result: dict) -> None:
    t = result["totals"]
    print(f"{'document':<24} {'chars':>7} {'proposals':>9} {'covered':>9} {'seconds':>8}")
    for sid, chars, n, cov, cur, sec in result["per_doc"]:
        print(f"{sid:<24} {chars:>7} {n:>9} {cov:>4}/{cur:<4} {sec:>8.2f}")
    print("curated links not proposed: " + "; ".join(f"{n} {why}" for why, n in result["why_missed"].items()))
    reachable = t["tp"] + result["why_missed"]["named in the quote, not proposed"]
    print(f"link recall on the curated links that the quote names and the atlas shows at its date: "
          f"{t['tp']}/{reachable} = {_pct(t['tp'], reachable)}")


def rows(figures: dict) -> list[tuple[str, str, str, str, str, str]]:
    """(set, found, dates agree, link precision, link recall, seconds) per set."""
    out = []
    s = figures["seeds"]
    out.append(("seeds (75 curated excerpts)", f"{s['covered']}/{s['curated']} = {_pct(s['covered'], s['curated'])}",
                f"{s['date_overlap']}/{s['covered']} = {_pct(s['date_overlap'], s['covered'])}",
                f"{s['tp']}/{s['proposed_ids']} = {_pct(s['tp'], s['proposed_ids'])}",
                f"{s['tp']}/{s['curated_ids']} = {_pct(s['tp'], s['curated_ids'])}", f"{s['seconds']:.2f}"))
    for lang in LANGUAGES:
        t = figures[lang]
        out.append((f"{lang} ({t['documents']} documents)", f"{t['found']}/{t['expected']} = {_pct(t['found'], t['expected'])}",
                    f"{t['date_overlap']}/{t['found']} = {_pct(t['date_overlap'], t['found'])}",
                    f"{t['tp']}/{t['proposed_ids']} = {_pct(t['tp'], t['proposed_ids'])}",
                    f"{t['tp']}/{t['expected_ids']} = {_pct(t['tp'], t['expected_ids'])}", f"{t['seconds']:.2f}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, help="directory of the seed texts (default: as validate)")
    parser.add_argument("--details", action="store_true", help="one line per curated excerpt and expected sentence")
    parser.add_argument("--baseline", metavar="REV", help="also evaluate the geo package of this commit (old vs new)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from geo.io import DEFAULT_DATA_DIR, default_sources_dir

    sources = args.sources or default_sources_dir(DEFAULT_DATA_DIR)
    if sources is None:
        sys.exit("no source texts found; pass --sources DIR")
    runs = {"new": current(Path(sources), args.details)}
    if args.baseline:
        runs = {f"old ({args.baseline})": baseline(args.baseline, Path(sources)), **runs}
    print(f"\nmachine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("| set | build | found (seeds: covered) | dates agree | link precision | link recall | seconds |")
    print("|---|---|---|---|---|---|---|")
    table = {name: rows(figures) for name, figures in runs.items()}
    for i in range(len(LANGUAGES) + 1):
        for name, r in table.items():
            print(f"| {r[i][0]} | {name} | " + " | ".join(r[i][1:]) + " |")


if __name__ == "__main__":
    main()
