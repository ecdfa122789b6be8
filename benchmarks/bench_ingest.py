"""Evaluation of ``ingest`` (not a test): proposals for the five seed texts against the
curated excerpts of ``data/sources/*.json``.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_ingest.py [--sources DIR] [--details]

For every curated excerpt: is it *covered* (a proposal overlaps it by at least half of
the shorter of the two spans)? On the covered ones, taking the proposal that overlaps
most: do the dates agree (the two periods share a day; "exact": the same EDTF without
~/?), and how do the proposed ids (feature_ids + place_ids) compare with the curated
ones (precision and recall, summed over excerpts)? Also: proposals per document and
the time taken. The comparison itself is :mod:`geo.ingest.evaluate`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.io import DEFAULT_DATA_DIR, default_sources_dir  # noqa: E402
from geo.ingest.evaluate import evaluate  # noqa: E402


def report(result: dict) -> None:
    t = result["totals"]
    pct = lambda a, b: f"{100 * a / b:.0f}%" if b else "n/a"  # noqa: E731
    print(f"{'document':<24} {'chars':>7} {'proposals':>9} {'covered':>9} {'seconds':>8}")
    for sid, chars, n, cov, cur, sec in result["per_doc"]:
        print(f"{sid:<24} {chars:>7} {n:>9} {cov:>4}/{cur:<4} {sec:>8.2f}")
    print(f"curated excerpts covered:       {t['covered']}/{t['curated']} = {pct(t['covered'], t['curated'])} "
          f"(overlapping at least half of the curated excerpt: {pct(t['covered_strict'], t['curated'])})")
    print(f"date agreement (periods share a day): {t['date_overlap']}/{t['covered']} = {pct(t['date_overlap'], t['covered'])}; "
          f"same EDTF: {pct(t['date_exact'], t['covered'])}")
    print(f"link precision: {t['tp']}/{t['proposed_ids']} = {pct(t['tp'], t['proposed_ids'])}; "
          f"link recall: {t['tp']}/{t['curated_ids']} = {pct(t['tp'], t['curated_ids'])}")
    print("curated links not proposed: " + "; ".join(f"{n} {why}" for why, n in result["why_missed"].items()))
    reachable = t["tp"] + result["why_missed"]["named in the quote, not proposed"]
    print(f"link recall on the curated links that the quote names and the atlas shows at its date: "
          f"{t['tp']}/{reachable} = {pct(t['tp'], reachable)}")
    print(f"proposals per document: {t['proposals'] / max(1, t['documents']):.1f} "
          f"({t['proposals']} for {t['documents']} documents); {t['seconds']:.2f} s in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, help="directory of the seed texts (default: as validate)")
    parser.add_argument("--details", action="store_true", help="one line per curated excerpt")
    args = parser.parse_args()
    sources = args.sources or default_sources_dir(DEFAULT_DATA_DIR)
    if sources is None:
        sys.exit("no source texts found; pass --sources DIR")
    result = evaluate(sources)
    if args.details:
        print("\n".join(result["lines"]))
    report(result)


if __name__ == "__main__":
    main()
