"""A floor under the proposal method's quality on the five seed documents (the figures
themselves, and why some aims are not met, are in benchmarks/README.md). The floors sit a
little below the measured figures so that a change of method or data that makes proposals
clearly worse fails here, not silently in the next benchmark run."""
from pathlib import Path

import pytest

from conftest import DATA_DIR, SEEDS_DIR
from geo.ingest.evaluate import evaluate


@pytest.fixture(scope="module")
def result():
    return evaluate(SEEDS_DIR, DATA_DIR)


def _share(a, b):
    return a / b if b else 0.0


def test_proposals_cover_the_curated_excerpts(result):
    t = result["totals"]
    assert t["curated"] >= 75
    assert _share(t["covered"], t["curated"]) >= 0.90, result["misses"]


def test_proposed_dates_agree_with_the_curated_ones(result):
    t = result["totals"]
    assert _share(t["date_overlap"], t["covered"]) >= 0.88, [x for x in result["lines"] if "DIFFERS" in x]  # 95%


def test_links_are_mostly_right_and_find_the_features_the_quotes_name(result):
    t = result["totals"]
    assert _share(t["tp"], t["proposed_ids"]) >= 0.74  # measured 78%
    assert _share(t["tp"], t["curated_ids"]) >= 0.78  # measured 80% (131/163: the aim, by one link)
    reachable = t["tp"] + result["why_missed"]["named in the quote, not proposed"]
    assert _share(t["tp"], reachable) >= 0.90  # measured 95%


@pytest.mark.parametrize("lang", ["en", "ru", "az", "hy"])
def test_each_languages_labelled_set_meets_the_aims(atlas, lang):
    """The short documents written for the evaluation (benchmarks/ingest_eval/): found >= 85%,
    dates agree >= 85%, link precision >= 70% and recall >= 80%."""
    from pathlib import Path

    from geo.ingest.evaluate import evaluate_labelled

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "ingest_eval" / f"{lang}.json"
    result = evaluate_labelled(path, DATA_DIR, atlas)
    t = result["totals"]
    assert t["expected"] >= 10
    assert _share(t["found"], t["expected"]) >= 0.85, result["lines"]
    assert _share(t["date_overlap"], t["found"]) >= 0.85, result["lines"]
    assert _share(t["tp"], t["proposed_ids"]) >= 0.70, result["lines"]
    assert _share(t["tp"], t["expected_ids"]) >= 0.80, result["lines"]


LABELLED = Path(__file__).resolve().parent.parent / "benchmarks" / "ingest_eval"
#: every held-out set there ("heldout_en", "heldout2_en", ..., "heldout13_hy")
HELD_OUT = sorted(p.stem for p in LABELLED.glob("heldout*_*.json"))


def _held_out(atlas, name):
    from geo.ingest.evaluate import evaluate_labelled

    return evaluate_labelled(LABELLED / f"{name}.json", DATA_DIR, atlas)


def test_the_held_out_sets_are_all_there():
    assert len(HELD_OUT) >= 52 and {n.rsplit("_", 1)[1] for n in HELD_OUT} == {"en", "ru", "az", "hy"}


@pytest.mark.parametrize("name", HELD_OUT)
def test_each_held_out_set_stays_above_a_floor(atlas, name):
    """The held-out sets (benchmarks/ingest_eval/heldout*_*.json, each written by a hand that
    had not seen the method): floors a little below the figures measured, which do not all
    meet the aims set by set (see benchmarks/README.md; each set has 10-16 sentences, so one
    sentence or link moves a figure by 3-10 points)."""
    result = _held_out(atlas, name)
    t = result["totals"]
    assert t["expected"] >= 6 and t["documents"] >= 3
    assert _share(t["found"], t["expected"]) >= 0.85, result["lines"]
    assert _share(t["date_overlap"], t["found"]) >= 0.70, result["lines"]  # lowest: 73% (heldout10_ru)
    assert _share(t["tp"], t["proposed_ids"]) >= 0.62, result["lines"]  # lowest: 65-66% (heldout13_az, _en)
    assert _share(t["tp"], t["expected_ids"]) >= 0.62, result["lines"]  # lowest: 64% (heldout7_az)


@pytest.mark.parametrize("lang", ["en", "ru", "az", "hy"])
def test_the_held_out_sets_together_meet_the_aims_in_each_language(atlas, lang):
    """All thirteen held-out sets of a language together (164-167 sentences, 352-373 links):
    found >= 85%, dates agree >= 85%, link precision >= 70% and recall >= 80% (measured: found
    98-100%, dates 92-98%, precision 80-82%, recall 85-88%)."""
    t = {k: 0 for k in ("expected", "found", "date_overlap", "tp", "proposed_ids", "expected_ids")}
    for name in [n for n in HELD_OUT if n.endswith(f"_{lang}")]:
        totals = _held_out(atlas, name)["totals"]
        for k in t:
            t[k] += totals[k]
    assert t["expected"] >= 150
    assert _share(t["found"], t["expected"]) >= 0.85, t
    assert _share(t["date_overlap"], t["found"]) >= 0.85, t
    assert _share(t["tp"], t["proposed_ids"]) >= 0.70, t
    assert _share(t["tp"], t["expected_ids"]) >= 0.80, t
