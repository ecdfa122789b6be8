"""How ``ingest``'s proposals compare with excerpts curated by hand (the evaluation behind
``benchmarks/bench_ingest.py`` and its quality test).

A curated excerpt is *covered* when a proposal overlaps it by at least half of the shorter
of the two spans (in the text with whitespace folded). On covered excerpts, the proposal
that overlaps most is compared: dates *agree* when the two periods share a day; links are
compared as sets of ids (``feature_ids`` + ``place_ids``), summed over excerpts. Curated
links not proposed are sorted by why: the atlas does not show the feature at the curated
date, the quote does not name it, or it is named and still missed.
"""
from __future__ import annotations

import inspect
import json
import time
from pathlib import Path

from ..atlas import load_atlas
from ..dates import parse_date
from ..io import DEFAULT_DATA_DIR
from ..layers import has_role
from ..validate import fold_whitespace
from .extract import extract_text
from .match import NameIndex
from .propose import features_during, propose


def _span(folded: str, quote: str) -> tuple[int, int] | None:
    q = fold_whitespace(quote)
    at = folded.find(q)
    return (at, at + len(q)) if at >= 0 else None


def evaluate(sources_dir: Path, data_dir: Path = DEFAULT_DATA_DIR) -> dict:
    """Proposals for every source of ``data_dir`` whose text is in ``sources_dir``, compared
    with its curated (accepted) excerpts: totals, one row per document, one line per excerpt."""
    atlas = load_atlas(data_dir, check_quotes=False)
    index = NameIndex(atlas.features)
    why_missed = {"not shown by the atlas at the curated date": 0, "not named in the quote": 0,
                  "named in the quote, not proposed": 0}
    totals = dict(curated=0, covered=0, covered_strict=0, date_overlap=0, date_exact=0, tp=0, proposed_ids=0,
                  curated_ids=0, proposals=0, documents=0, seconds=0.0)
    per_doc, misses, lines = [], [], []
    for path in sorted((Path(data_dir) / "sources").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        src = doc["source"]
        start = time.perf_counter()
        text = extract_text(sources_dir / src["text_file"])
        proposals = propose(text, parse_date(src["published"]), atlas, index)
        elapsed = time.perf_counter() - start
        folded = fold_whitespace(text)
        spans = [(_span(folded, p.quote), p) for p in proposals]
        covered = 0
        for ex in [e for e in doc["excerpts"] if (e.get("status") or "accepted") == "accepted"]:
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
                if not has_role(f.layer, "place", "district") and fid not in shown:
                    why_missed["not shown by the atlas at the curated date"] += 1
                elif fid not in named:
                    why_missed["not named in the quote"] += 1
                else:
                    why_missed["named in the quote, not proposed"] += 1
            lines.append(f"{ex['id']}: date {p.date} vs {ex['date']} {'ok' if overlap else 'DIFFERS'}; "
                         f"extra {sorted(proposed - curated)} missing {sorted(curated - proposed)}")
        totals["proposals"] += len(proposals)
        totals["documents"] += 1
        totals["seconds"] += elapsed
        per_doc.append((src["id"], len(text), len(proposals), covered, len(doc["excerpts"]), elapsed))
    lines += [f"MISS {eid} {why}" for eid, why in misses]
    return {"totals": totals, "per_doc": per_doc, "misses": misses, "why_missed": why_missed, "lines": lines}




def evaluate_labelled(path: Path, data_dir: Path = DEFAULT_DATA_DIR, atlas=None, index=None) -> dict:
    """Proposals for the short documents of a labelled set (``benchmarks/ingest_eval/*.json``)
    compared with what they should yield. An expected sentence is *found* when a proposal's
    quote contains its fragment; its date *agrees* when the two periods share a day; links
    are compared as sets of ids, summed over found sentences."""
    labelled = json.loads(Path(path).read_text(encoding="utf-8"))
    atlas = atlas or load_atlas(data_dir, check_quotes=False)
    index = index or NameIndex(atlas.features)
    t = dict(expected=0, found=0, date_overlap=0, tp=0, proposed_ids=0, expected_ids=0, documents=0, seconds=0.0)
    lines = []
    for doc in labelled["documents"]:
        start = time.perf_counter()
        options = {"lang": labelled["language"], "news": bool(doc.get("news"))}
        # (an older propose without these options is scored too: the benchmark's baseline)
        accepted = inspect.signature(propose).parameters
        proposals = propose(doc["text"], parse_date(doc["published"]), atlas, index,
                            **{k: v for k, v in options.items() if k in accepted})
        t["seconds"] += time.perf_counter() - start
        t["documents"] += 1
        for ex in doc["expected"]:
            t["expected"] += 1
            t["expected_ids"] += len(ex["feature_ids"]) + len(ex["place_ids"])
            p = next((p for p in proposals if ex["quote"] in p.quote), None)
            if p is None:
                lines.append(f"{doc['id']}: NOT FOUND “{ex['quote']}”")
                continue
            t["found"] += 1
            a, b = parse_date(p.date, allow_interval=True), parse_date(ex["date"], allow_interval=True)
            agree = a.first <= b.last and b.first <= a.last
            t["date_overlap"] += agree
            proposed = set(p.feature_ids) | set(p.place_ids)
            expected = set(ex["feature_ids"]) | set(ex["place_ids"])
            t["tp"] += len(proposed & expected)
            t["proposed_ids"] += len(proposed)
            lines.append(f"{doc['id']}: “{ex['quote']}” date {p.date} vs {ex['date']} {'ok' if agree else 'DIFFERS'}; "
                         f"extra {sorted(proposed - expected)} missing {sorted(expected - proposed)}")
    return {"language": labelled["language"], "totals": t, "lines": lines}
