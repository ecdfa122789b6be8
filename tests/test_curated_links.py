"""Curated excerpts link the version of a feature that the atlas shows at their date: where
the atlas shows some feature of a kind during the excerpt's period (a peacekeeping zone, a
corridor road, a line of contact), a feature of that kind the excerpt links is one shown then
(or within the days a text may speak of it before or after, as the proposals allow)."""
import datetime as dt
import json

import pytest

from conftest import DATA_DIR
from geo.dates import parse_date
from geo.ingest.propose import NAMED_VALIDITY_SLACK_DAYS, features_during
from geo.layers import has_role


def _excerpts():
    for path in sorted((DATA_DIR / "sources").glob("*.json")):
        for ex in json.loads(path.read_text(encoding="utf-8"))["excerpts"]:
            yield path.name, ex


def _wrong_versions(atlas, excerpt):
    period = parse_date(excerpt["date"], allow_interval=True)
    shown = features_during(atlas, period, NAMED_VALIDITY_SLACK_DAYS)
    out = []
    for fid in excerpt["feature_ids"]:
        f = atlas.by_id[fid]
        if has_role(f.layer, "place", "district", "event") or fid in shown:
            continue
        siblings = {g.id for g in atlas.layer(f.layer) if g.kind == f.kind} & shown
        if siblings:
            out.append((fid, sorted(siblings)))
    return out


def test_curated_links_name_the_version_of_a_feature_valid_at_the_excerpts_date(atlas):
    wrong = {f"{name}: {ex['id']}": _wrong_versions(atlas, ex) for name, ex in _excerpts()}
    assert not {k: v for k, v in wrong.items() if v}


def test_the_check_finds_a_link_to_the_earlier_zone_in_december_2022(atlas):
    ex = {"id": "x", "date": "2022-12-12", "feature_ids": ["pk-russian-zone"]}
    assert _wrong_versions(atlas, ex) == [("pk-russian-zone", ["pk-russian-zone-2022"])]
    # the last day the earlier zone is shown, and the days just after (a text speaks of it then)
    zone = atlas.by_id["pk-russian-zone"]
    for days, flagged in ((-1, False), (NAMED_VALIDITY_SLACK_DAYS - 1, False), (NAMED_VALIDITY_SLACK_DAYS + 1, True)):
        day = zone.validity.end + dt.timedelta(days=days)
        assert bool(_wrong_versions(atlas, {"id": "x", "date": day.isoformat(), "feature_ids": [zone.id]})) is flagged, day


@pytest.mark.parametrize("eid", ["pashayeva-2023-11", "pashayeva-2023-12", "pashayeva-2023-13"])
def test_the_corrected_excerpts_are_in_the_corrections_log(eid):
    log = json.loads((DATA_DIR / "corrections.json").read_text(encoding="utf-8"))
    entry = next(c for c in log["corrections"] if c["id"] == "2026-12-05-excerpts-peacekeeping-zone-2022")
    assert eid in entry["before"] or eid.rsplit("-", 1)[1] in entry["before"]
    excerpt = next(ex for _, ex in _excerpts() if ex["id"] == eid)
    assert "pk-russian-zone-2022" in excerpt["feature_ids"] and "pk-russian-zone" not in excerpt["feature_ids"]
