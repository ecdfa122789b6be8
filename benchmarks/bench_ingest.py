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

``--baseline REV`` also runs the proposer of an older commit (its ``geo`` package and ``data``
extracted with ``git archive`` into a temporary directory and run in a subprocess, which
prints its proposals as JSON) and scores them with this tree's evaluator against this
tree's curated excerpts and labelled sets: old and new, in one run on one machine. Several
``--baseline`` may be given.

Besides the four development sets (``{en,ru,az,hy}.json``) the benchmark scores the held-out
sets ``heldout_{en,ru,az,hy}.json``, written before the fourth round of rule changes and not
used to tune them; ``heldout2_*`` and ``heldout4_*``, each written before a round by a writer
who had not seen the method (measured once, then looked at while tuning); ``heldout3_*`` and
``heldout5_*``, each written after a round by another such writer and measured once; and
``heldout6_*`` and ``heldout7_*``, written during the seventh round by such writers, and
``heldout8_*`` to ``heldout13_*``, written during the eighth, each measured once when it came,
then looked at while tuning (benchmarks/README.md gives the blind figures beside later ones). Link precision is also given apart for name links and inferred links.
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
#: the numbers of the held-out sets there ("" for the first), in order
HELD_OUT = sorted({p.stem[len("heldout"):].rsplit("_", 1)[0] for p in LABELLED.glob("heldout*_*.json")},
                  key=lambda n: int(n or 1))
SETS = LANGUAGES + tuple(f"heldout{n}_{lang}" for n in HELD_OUT for lang in LANGUAGES)

# run in a subprocess with an older tree first on sys.path: only its proposer runs there; the
# proposals (quote, date, ids, evidence) come back as JSON and are scored by this tree's code
_BASELINE = r"""
import inspect, json, sys, time
from pathlib import Path
tree, data_here, sources, labelled = sys.argv[1:5]
sets = sys.argv[5:]
sys.path.insert(0, tree)
from geo.atlas import load_atlas
from geo.dates import parse_date
from geo.ingest.extract import extract_text
from geo.ingest.match import NameIndex
from geo.ingest.propose import propose
atlas = load_atlas(Path(tree) / "data", check_quotes=False)
index = NameIndex(atlas.features)
accepted = inspect.signature(propose).parameters
def raw(p):
    return {"quote": p.quote, "date": p.date, "feature_ids": list(p.feature_ids), "place_ids": list(p.place_ids),
            "evidence": getattr(p, "evidence", None) or {}}
out = {"seeds": {}, "seconds": {}}
for path in sorted((Path(data_here) / "sources").glob("*.json")):
    src = json.loads(path.read_text(encoding="utf-8"))["source"]
    text = extract_text(Path(sources) / src["text_file"])
    start = time.perf_counter()
    out["seeds"][src["id"]] = [raw(p) for p in propose(text, parse_date(src["published"]), atlas, index)]
    out["seconds"][src["id"]] = time.perf_counter() - start
for name in sets:
    doc_set = json.loads((Path(labelled) / f"{name}.json").read_text(encoding="utf-8"))
    for doc in doc_set["documents"]:
        options = {"lang": doc_set["language"], "news": bool(doc.get("news"))}
        start = time.perf_counter()
        proposals = propose(doc["text"], parse_date(doc["published"]), atlas, index,
                            **{k: v for k, v in options.items() if k in accepted})
        out[f"{name}/{doc['id']}"] = [raw(p) for p in proposals]
        out["seconds"][f"{name}/{doc['id']}"] = time.perf_counter() - start
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def _pct(a, b) -> str:
    return f"{100 * a / b:.0f}%" if b else "n/a"


def current(sources: Path, details: bool, proposers: dict | None = None) -> dict:
    """The figures of every set; ``proposers``: the proposals to score instead of this tree's
    ("seeds" and "labelled", see :mod:`geo.ingest.evaluate`)."""
    proposers = proposers or {}
    sys.path.insert(0, str(ROOT))
    from geo.atlas import load_atlas
    from geo.ingest.evaluate import evaluate, evaluate_labelled
    from geo.ingest.match import NameIndex
    from geo.io import DEFAULT_DATA_DIR

    seeds = evaluate(sources, DEFAULT_DATA_DIR, proposers.get("seeds"))
    if details:
        print("\n".join(seeds["lines"]))
    report_seeds(seeds)
    atlas = load_atlas(DEFAULT_DATA_DIR, check_quotes=False)
    index = NameIndex(atlas.features)
    out = {"seeds": seeds["totals"]}
    for name in SETS:
        result = evaluate_labelled(LABELLED / f"{name}.json", DEFAULT_DATA_DIR, atlas, index,
                                   proposers.get("labelled"))
        if details:
            print("\n".join(result["lines"]))
        out[name] = result["totals"]
    return out


def baseline(rev: str, sources: Path, details: bool) -> dict:
    """The figures of the proposer of commit ``rev``, scored by this tree's evaluator."""
    from geo.ingest.evaluate import scored

    with tempfile.TemporaryDirectory(prefix="ingest-baseline-") as tree:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "geo", "data"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        env = dict(os.environ, PYTHONPATH=tree)
        run = subprocess.run([sys.executable, "-c", _BASELINE, tree, str(ROOT / "data"), str(sources), str(LABELLED),
                              *SETS], capture_output=True, text=True, env=env, cwd=tree)
        if run.returncode:
            sys.exit(f"baseline {rev} failed:\n{run.stderr[-2000:]}")
        raw = json.loads(run.stdout.strip().splitlines()[-1])
    seconds = raw.pop("seconds")
    clock = {"at": 0.0}

    def seeds(src: dict, text: str) -> list[dict]:
        clock["at"] += seconds[src["id"]]
        return [scored(p) for p in raw["seeds"][src["id"]]]

    def labelled(doc: dict, lang: str) -> list[dict]:
        key = next(k for k in raw if k.endswith("/" + doc["id"]))
        return [scored(p) for p in raw[key]]

    print(f"\n--- old ({rev}) ---")
    figures = current(sources, details, {"seeds": seeds, "labelled": labelled})
    # the proposer's own time, not the replay's
    figures["seeds"]["seconds"] = sum(seconds[k] for k in raw["seeds"])
    for name in SETS:
        figures[name]["seconds"] = sum(v for k, v in seconds.items() if k.startswith(name + "/"))
    return figures


def report_seeds(result: dict) -> None:
    t = result["totals"]
    print(f"{'document':<24} {'chars':>7} {'proposals':>9} {'covered':>9} {'seconds':>8}")
    for sid, chars, n, cov, cur, sec in result["per_doc"]:
        print(f"{sid:<24} {chars:>7} {n:>9} {cov:>4}/{cur:<4} {sec:>8.2f}")
    print("curated links not proposed: " + "; ".join(f"{n} {why}" for why, n in result["why_missed"].items()))
    reachable = t["tp"] + result["why_missed"]["named in the quote, not proposed"]
    print(f"link recall on the curated links that the quote names and the atlas shows at its date: "
          f"{t['tp']}/{reachable} = {_pct(t['tp'], reachable)}")


def _links(t: dict) -> list[str]:
    return [f"{t['tp']}/{t['proposed_ids']} = {_pct(t['tp'], t['proposed_ids'])}",
            f"{t['tp_name']}/{t['proposed_name']} = {_pct(t['tp_name'], t['proposed_name'])}",
            f"{t['tp_inferred']}/{t['proposed_inferred']} = {_pct(t['tp_inferred'], t['proposed_inferred'])}"]


def rows(figures: dict) -> list[tuple[str, ...]]:
    """(set, found, dates agree, link precision, of name links, of inferred links, link recall,
    seconds) per set."""
    out = []
    s = figures["seeds"]
    out.append(("seeds (75 curated excerpts)", f"{s['covered']}/{s['curated']} = {_pct(s['covered'], s['curated'])}",
                f"{s['date_overlap']}/{s['covered']} = {_pct(s['date_overlap'], s['covered'])}", *_links(s),
                f"{s['tp']}/{s['curated_ids']} = {_pct(s['tp'], s['curated_ids'])}", f"{s['seconds']:.2f}"))
    for name in SETS:
        t = figures[name]
        out.append((f"{name} ({t['documents']} documents)", f"{t['found']}/{t['expected']} = {_pct(t['found'], t['expected'])}",
                    f"{t['date_overlap']}/{t['found']} = {_pct(t['date_overlap'], t['found'])}", *_links(t),
                    f"{t['tp']}/{t['expected_ids']} = {_pct(t['tp'], t['expected_ids'])}", f"{t['seconds']:.2f}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, help="directory of the seed texts (default: as validate)")
    parser.add_argument("--details", action="store_true", help="one line per curated excerpt and expected sentence")
    parser.add_argument("--baseline", metavar="REV", action="append", default=[],
                        help="also evaluate the proposer of this commit (old vs new); may be repeated")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from geo.io import DEFAULT_DATA_DIR, default_sources_dir

    sources = args.sources or default_sources_dir(DEFAULT_DATA_DIR)
    if sources is None:
        sys.exit("no source texts found; pass --sources DIR")
    runs = {f"old ({rev})": baseline(rev, Path(sources), args.details) for rev in args.baseline}
    if runs:
        print("\n--- new ---")
    runs["new"] = current(Path(sources), args.details)
    load = os.getloadavg()
    print(f"\nmachine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("| set | build | found (seeds: covered) | dates agree | link precision | of name links | "
          "of inferred links | link recall | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    table = {name: rows(figures) for name, figures in runs.items()}
    for i in range(len(SETS) + 1):
        for name, r in table.items():
            print(f"| {r[i][0]} | {name} | " + " | ".join(r[i][1:]) + " |")


if __name__ == "__main__":
    main()
