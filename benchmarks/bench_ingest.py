"""Evaluation of ``ingest`` (not a test): proposals for the five seed texts against the
curated excerpts of ``data/sources/*.json``.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_ingest.py [--sources DIR] [--details]

For every curated excerpt: is it *covered* (a proposal overlaps it by at least half of
the shorter of the two spans)? On the covered ones, taking the proposal that overlaps
most: do the dates agree (the two periods share a day; "exact": the same EDTF without
~/?), and how do the proposed ids (feature_ids + place_ids) compare with the curated
ones (precision and recall, summed over excerpts)? Also: proposals per document and
the time taken.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.atlas import load_atlas  # noqa: E402
from geo.dates import parse_date  # noqa: E402
from geo.io import DEFAULT_DATA_DIR, default_sources_dir  # noqa: E402
from geo.ingest.extract import extract_text  # noqa: E402
from geo.ingest.match import NameIndex  # noqa: E402
from geo.ingest.propose import features_during, propose  # noqa: E402
from geo.validate import fold_whitespace  # noqa: E402


def _span(folded: str, quote: str) -> tuple[int, int] | None:
    q = fold_whitespace(quote)
    at = folded.find(q)
    return (at, at + len(q)) if at >= 0 else None


def evaluate(sources_dir: Path, details: bool = False) -> dict:
    atlas = load_atlas(DEFAULT_DATA_DIR, check_quotes=False)
    index = NameIndex(atlas.features)
    why_missed = {"not shown by the atlas at the curated date": 0, "not named in the quote": 0,
                  "named in the quote, not proposed": 0}
    totals = dict(curated=0, covered=0, covered_strict=0, date_overlap=0, date_exact=0, tp=0, proposed_ids=0,
                  curated_ids=0, proposals=0, documents=0, seconds=0.0)
    per_doc = []
    misses = []
    for path in sorted((DEFAULT_DATA_DIR / "sources").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        src = doc["source"]
        start = time.perf_counter()
        text = extract_text(sources_dir / src["text_file"])
        proposals = propose(text, parse_date(src["published"]), atlas, index)
        elapsed = time.perf_counter() - start
        folded = fold_whitespace(text)
        spans = [(_span(folded, p.quote), p) for p in proposals]
        covered = 0
        for ex in doc["excerpts"]:
            c = _span(folded, ex["quote"])
            totals["curated"] += 1
            if c is None:
                misses.append((ex["id"], "curated quote not in the extracted text"))
                continue
            best, best_overlap = None, 0
            for s, p in spans:
                if s is None:
                    continue
                overlap = min(s[1], c[1]) - max(s[0], c[0])
                if overlap > best_overlap:
                    best, best_overlap = (s, p), overlap
            if best is None or best_overlap < 0.5 * min(c[1] - c[0], best[0][1] - best[0][0]):
                misses.append((ex["id"], "not covered"))
                continue
            covered += 1
            totals["covered"] += 1
            totals["covered_strict"] += best_overlap >= 0.5 * (c[1] - c[0])
            p = best[1]
            a, b = parse_date(p.date, allow_interval=True), parse_date(ex["date"], allow_interval=True)
            overlap = a.first <= b.last and b.first <= a.last
            totals["date_overlap"] += overlap
            totals["date_exact"] += p.date.replace("~", "").replace("?", "") == ex["date"].replace("~", "").replace("?", "")
            proposed = set(p.feature_ids) | set(p.place_ids)
            curated = set(ex["feature_ids"]) | set(ex["place_ids"])
            totals["tp"] += len(proposed & curated)
            totals["proposed_ids"] += len(proposed)
            totals["curated_ids"] += len(curated)
            shown = features_during(atlas, b)
            named = {i for m in index.find(ex["quote"]) for i in m.feature_ids}
            for fid in curated - proposed:
                f = atlas.by_id[fid]
                if f.layer not in ("places", "provinces") and fid not in shown:
                    why_missed["not shown by the atlas at the curated date"] += 1
                elif fid not in named:
                    why_missed["not named in the quote"] += 1
                else:
                    why_missed["named in the quote, not proposed"] += 1
            if details:
                print(f"{ex['id']}: date {p.date} vs {ex['date']} {'ok' if overlap else 'DIFFERS'}; "
                      f"extra {sorted(proposed - curated)} missing {sorted(curated - proposed)}")
        totals["proposals"] += len(proposals)
        totals["documents"] += 1
        totals["seconds"] += elapsed
        per_doc.append((src["id"], len(text), len(proposals), covered, len(doc["excerpts"]), elapsed))
    if details:
        for m in misses:
            print("MISS", *m)
    return {"totals": totals, "per_doc": per_doc, "misses": misses, "why_missed": why_missed}


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
    report(evaluate(sources, args.details))


if __name__ == "__main__":
    main()
