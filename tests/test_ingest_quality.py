"""A floor under the proposal method's quality on the five seed documents (the figures
themselves, and why some aims are not met, are in benchmarks/README.md). The floors sit a
little below the measured figures so that a change of method or data that makes proposals
clearly worse fails here, not silently in the next benchmark run."""
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


@pytest.mark.parametrize("name", [f"heldout{n}_{lang}" for n in ("", "2", "3", "4", "5", "6", "7")
                                  for lang in ("en", "ru", "az", "hy")])
def test_each_held_out_set_stays_above_a_floor(atlas, name):
    """The held-out sets (benchmarks/ingest_eval/heldout*_*.json, each written by a hand that
    had not seen the method): floors a little below the figures measured, which do not all
    meet the aims (see benchmarks/README.md: Azerbaijani recall in the fifth and seventh sets,
    Armenian precision in the sixth and seventh, several sets the date aim by a sentence)."""
    from pathlib import Path

    from geo.ingest.evaluate import evaluate_labelled

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "ingest_eval" / f"{name}.json"
    result = evaluate_labelled(path, DATA_DIR, atlas)
    t = result["totals"]
    assert t["expected"] >= 6 and t["documents"] >= 3
    assert _share(t["found"], t["expected"]) >= 0.85, result["lines"]
    assert _share(t["date_overlap"], t["found"]) >= 0.75, result["lines"]
    assert _share(t["tp"], t["proposed_ids"]) >= 0.65, result["lines"]  # lowest: 68-69% (heldout6_hy, heldout7_hy)
    assert _share(t["tp"], t["expected_ids"]) >= 0.64, result["lines"]  # lowest: 68-70% (heldout7_az, heldout5_az)
