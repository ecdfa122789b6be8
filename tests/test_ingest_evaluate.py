"""The evaluation's scorer: a proposer's proposals (this tree's or an older build's, given as
plain dicts) are scored the same way, and link precision is kept apart for name links and
inferred links."""
import json

from conftest import DATA_DIR
from geo.ingest.evaluate import evaluate_labelled, scored


def _raw(ids, links):
    return {"quote": "Azerbaijani forces shelled Jermuk overnight.", "date": "2022-09-13",
            "feature_ids": [i for i in ids if not i.startswith("place-")],
            "place_ids": [i for i in ids if i.startswith("place-")], "evidence": {"links": links}}


def test_a_link_is_inferred_only_when_its_evidence_says_so():
    p = scored(_raw(["ev-2022-09-13-strikes", "place-jermuk"], [
        {"words": "Jermuk", "ids": ["place-jermuk"], "how": "name", "link": "name"},
        {"words": "", "ids": ["ev-2022-09-13-strikes"], "how": "inferred: ...", "link": "inference"}]))
    assert p["kinds"] == {"ev-2022-09-13-strikes": "inferred", "place-jermuk": "name"}
    # an older build's evidence without "link": "inferred: ..." still reads as an inference;
    # an id without any evidence counts as a name link
    old = scored(_raw(["ev-2022-09-13-strikes", "place-jermuk"],
                      [{"words": "", "ids": ["ev-2022-09-13-strikes"], "how": "inferred: an event"}]))
    assert old["kinds"] == {"ev-2022-09-13-strikes": "inferred", "place-jermuk": "name"}
    # named and also inferred: a name link
    both = scored(_raw(["place-jermuk"], [{"ids": ["place-jermuk"], "how": "inferred: x", "link": "inference"},
                                          {"ids": ["place-jermuk"], "how": "name", "link": "name"}]))
    assert both["kinds"] == {"place-jermuk": "name"}


def test_a_given_proposer_is_scored_with_name_and_inferred_links_apart(tmp_path, atlas):
    labelled = {"language": "en", "documents": [{
        "id": "x", "published": "2022-09-13", "text": "Azerbaijani forces shelled Jermuk overnight.",
        "expected": [{"quote": "shelled Jermuk", "date": "2022-09-13",
                      "feature_ids": ["ev-2022-09-13-strikes"], "place_ids": ["place-jermuk"]}]}]}
    path = tmp_path / "set.json"
    path.write_text(json.dumps(labelled), encoding="utf-8")
    proposals = [scored(_raw(["ev-2022-09-13-strikes", "ev-2020-09-27-offensive", "place-jermuk"], [
        {"ids": ["place-jermuk"], "how": "name", "link": "name"},
        {"ids": ["ev-2022-09-13-strikes"], "how": "inferred", "link": "inference"},
        {"ids": ["ev-2020-09-27-offensive"], "how": "inferred", "link": "inference"}]))]
    result = evaluate_labelled(path, DATA_DIR, atlas, proposer=lambda doc, lang: proposals)
    t = result["totals"]
    assert (t["found"], t["tp"], t["proposed_ids"], t["expected_ids"]) == (1, 2, 3, 2)
    assert (t["tp_name"], t["proposed_name"], t["tp_inferred"], t["proposed_inferred"]) == (1, 1, 1, 2)
    assert "ev-2020-09-27-offensive*" in result["lines"][0]  # an inferred link is marked in the details
