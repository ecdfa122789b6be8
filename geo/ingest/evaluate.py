"""How ``ingest``'s proposals compare with excerpts curated by hand (the evaluation behind
``benchmarks/bench_ingest.py`` and its quality test).

A curated excerpt is *covered* when a proposal overlaps it by at least half of the shorter
of the two spans (in the text with whitespace folded). On covered excerpts, the proposal
that overlaps most is compared: dates *agree* when the two periods share a day; links are
compared as sets of ids (``feature_ids`` + ``place_ids``), summed over excerpts. Curated
links not proposed are sorted by why: the atlas does not show the feature at the curated
date, the quote does not name it, or it is named and still missed.

Each proposed link is scored as a *name* link (the sentence contains a name of the feature)
or an *inferred* one (an event tied to the sentence by its words and dates; see the
proposal's evidence), so that precision is reported for each kind apart as well as together.

The proposals come from a *proposer*: by default this tree's :func:`.propose.propose`; the
benchmark's baseline passes the proposals of an older build (run in a subprocess, see
``benchmarks/bench_ingest.py``) as plain dicts, so that both are scored by this code.
"""
from __future__ import annotations

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


def scored(p) -> dict:
    """A proposal (a :class:`.propose.Proposal` or its dict) as the scorer reads it: quote,
    date, ids, and for each id whether it is a name link or an inferred one (a link whose
    evidence says nothing counts as a name link: the builds before the evidence said which)."""
    d = p if isinstance(p, dict) else {"quote": p.quote, "date": p.date, "feature_ids": p.feature_ids,
                                       "place_ids": p.place_ids, "evidence": p.evidence}
    kinds: dict[str, str] = {}
    for e in (d.get("evidence") or {}).get("links", []):
        kind = e.get("link") or ("inference" if str(e.get("how", "")).startswith("inferred") else "name")
        for i in e.get("ids", []):
            if kinds.get(i) != "name":
                kinds[i] = kind
    ids = list(dict.fromkeys(list(d["feature_ids"]) + list(d["place_ids"])))
    return {"quote": d["quote"], "date": d["date"], "ids": ids,
            "kinds": {i: "inferred" if kinds.get(i) == "inference" else "name" for i in ids}}


def _count_links(t: dict, proposal: dict, gold: set[str]) -> tuple[set[str], set[str]]:
    """Add a proposal's links to the totals (all, name and inferred); (proposed, gold) ids."""
    proposed = set(proposal["ids"])
    t["tp"] += len(proposed & gold)
    t["proposed_ids"] += len(proposed)
    for i in proposed:
        kind = proposal["kinds"][i]
        t[f"proposed_{kind}"] += 1
        t[f"tp_{kind}"] += i in gold
    return proposed, gold


_LINK_TOTALS = dict(tp_name=0, proposed_name=0, tp_inferred=0, proposed_inferred=0)


def current_proposer(atlas, index):
    """(source record, text) -> the scored proposals of this tree's method."""
    def run(src: dict, text: str) -> list[dict]:
        return [scored(p) for p in propose(text, parse_date(src["published"]), atlas, index)]
    return run


def _span(folded: str, quote: str) -> tuple[int, int] | None:
    q = fold_whitespace(quote)
    at = folded.find(q)
    return (at, at + len(q)) if at >= 0 else None


def evaluate(sources_dir: Path, data_dir: Path = DEFAULT_DATA_DIR, proposer=None) -> dict:
    """Proposals for every source of ``data_dir`` whose text is in ``sources_dir``, compared
    with its curated (accepted) excerpts: totals, one row per document, one line per excerpt.
    ``proposer``: (source record, text) -> scored proposals (:func:`scored`); this tree's
    method when None."""
    atlas = load_atlas(data_dir, check_quotes=False)
    index = NameIndex(atlas.features)
    proposer = proposer or current_proposer(atlas, index)
    why_missed = {"not shown by the atlas at the curated date": 0, "not named in the quote": 0,
                  "named in the quote, not proposed": 0}
    totals = dict(curated=0, covered=0, covered_strict=0, date_overlap=0, date_exact=0, tp=0, proposed_ids=0,
                  curated_ids=0, proposals=0, documents=0, seconds=0.0, **_LINK_TOTALS)
    per_doc, misses, lines = [], [], []
    for path in sorted((Path(data_dir) / "sources").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        src = doc["source"]
        start = time.perf_counter()
        text = extract_text(sources_dir / src["text_file"])
        proposals = proposer(src, text)
        elapsed = time.perf_counter() - start
        folded = fold_whitespace(text)
        spans = [(_span(folded, p["quote"]), p) for p in proposals]
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
            a, b = parse_date(p["date"], allow_interval=True), parse_date(ex["date"], allow_interval=True)
            overlap = a.first <= b.last and b.first <= a.last
            totals["date_overlap"] += overlap
            totals["date_exact"] += p["date"].replace("~", "").replace("?", "") == ex["date"].replace("~", "").replace("?", "")
            proposed, curated = _count_links(totals, p, set(ex["feature_ids"]) | set(ex["place_ids"]))
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
            lines.append(f"{ex['id']}: date {p['date']} vs {ex['date']} {'ok' if overlap else 'DIFFERS'}; "
                         f"extra {_marked(p, proposed - curated)} missing {sorted(curated - proposed)}")
        totals["proposals"] += len(proposals)
        totals["documents"] += 1
        totals["seconds"] += elapsed
        per_doc.append((src["id"], len(text), len(proposals), covered, len(doc["excerpts"]), elapsed))
    lines += [f"MISS {eid} {why}" for eid, why in misses]
    return {"totals": totals, "per_doc": per_doc, "misses": misses, "why_missed": why_missed, "lines": lines}


def _marked(proposal: dict, ids: set[str]) -> list[str]:
    """Ids, an inferred link marked with a trailing ``*``."""
    return sorted(i + ("*" if proposal["kinds"][i] == "inferred" else "") for i in ids)


def current_labelled_proposer(atlas, index):
    """(document, language) -> the scored proposals of this tree's method for a labelled document."""
    def run(doc: dict, lang: str) -> list[dict]:
        return [scored(p) for p in propose(doc["text"], parse_date(doc["published"]), atlas, index,
                                           lang=lang, news=bool(doc.get("news")))]
    return run




def evaluate_labelled(path: Path, data_dir: Path = DEFAULT_DATA_DIR, atlas=None, index=None, proposer=None) -> dict:
    """Proposals for the short documents of a labelled set (``benchmarks/ingest_eval/*.json``)
    compared with what they should yield. An expected sentence is *found* when a proposal's
    quote contains its fragment; its date *agrees* when the two periods share a day; links
    are compared as sets of ids, summed over found sentences."""
    labelled = json.loads(Path(path).read_text(encoding="utf-8"))
    atlas = atlas or load_atlas(data_dir, check_quotes=False)
    index = index or NameIndex(atlas.features)
    proposer = proposer or current_labelled_proposer(atlas, index)
    t = dict(expected=0, found=0, date_overlap=0, tp=0, proposed_ids=0, expected_ids=0, documents=0, seconds=0.0,
             **_LINK_TOTALS)
    lines = []
    for doc in labelled["documents"]:
        start = time.perf_counter()
        proposals = proposer(doc, labelled["language"])
        t["seconds"] += time.perf_counter() - start
        t["documents"] += 1
        for ex in doc["expected"]:
            t["expected"] += 1
            t["expected_ids"] += len(ex["feature_ids"]) + len(ex["place_ids"])
            p = next((p for p in proposals if ex["quote"] in p["quote"]), None)
            if p is None:
                lines.append(f"{doc['id']}: NOT FOUND “{ex['quote']}”")
                continue
            t["found"] += 1
            a, b = parse_date(p["date"], allow_interval=True), parse_date(ex["date"], allow_interval=True)
            agree = a.first <= b.last and b.first <= a.last
            t["date_overlap"] += agree
            proposed, expected = _count_links(t, p, set(ex["feature_ids"]) | set(ex["place_ids"]))
            lines.append(f"{doc['id']}: “{ex['quote']}” date {p['date']} vs {ex['date']} {'ok' if agree else 'DIFFERS'}; "
                         f"extra {_marked(p, proposed - expected)} missing {sorted(expected - proposed)}")
    return {"language": labelled["language"], "totals": t, "lines": lines}
