"""Link rules of the proposals: a feature named near its validity, events by a year and the
kind of event a sentence names, and events tied by words of their own before events tied by a
kind of event alone. Each in the four languages; the validity rule on the days either side
of the boundary."""
import datetime as dt

import pytest

from geo.dates import parse_date
from geo.ingest.propose import NAMED_VALIDITY_SLACK_DAYS, propose


def _zone(atlas):
    """The first Russian peacekeeping zone (its start is the boundary tested)."""
    zones = [f for f in atlas.layer("peacekeeping") if f.kind == "russian_peacekeeping_zone"]
    return min(zones, key=lambda f: f.validity.start)


# the sentence, in each language, for a day of November (the zone's first month)
NOVEMBER = {
    "en": lambda d: f"Russian peacekeepers reached Stepanakert on {d.day} November {d.year}.",
    "ru": lambda d: f"{d.day} ноября {d.year} года российские миротворцы вошли в Степанакерт.",
    "az": lambda d: f"{d.year}-ci il noyabrın {d.day}-də Rusiya sülhməramlıları Xankəndiyə daxil oldu.",
    "hy": lambda d: f"{d.year} թվականի նոյեմբերի {d.day}-ին ռուս խաղաղապահները մտան Ստեփանակերտ։",
}


def _links_on(atlas, lang, day):
    found = propose(NOVEMBER[lang](day), parse_date((day + dt.timedelta(days=30)).isoformat()), atlas, lang=lang)
    assert len(found) == 1, [p.quote for p in found]
    p = found[0]
    assert p.date == day.isoformat()
    return p


@pytest.mark.parametrize("lang", sorted(NOVEMBER))
def test_a_feature_named_within_days_of_its_validity_links_and_says_so(atlas, lang):
    zone = _zone(atlas)
    start = zone.validity.start
    assert start.month == 11 and start.day > NAMED_VALIDITY_SLACK_DAYS + 1  # the sentences speak of November
    inside = _links_on(atlas, lang, start - dt.timedelta(days=NAMED_VALIDITY_SLACK_DAYS))
    assert zone.id in inside.feature_ids
    how = [e["how"] for e in inside.evidence["links"] if zone.id in e["ids"]]
    assert how and "named near its validity" in how[0]
    outside = _links_on(atlas, lang, start - dt.timedelta(days=NAMED_VALIDITY_SLACK_DAYS + 1))
    assert zone.id not in outside.feature_ids
    on = _links_on(atlas, lang, start)  # on its first day: a plain name link
    assert zone.id in on.feature_ids
    assert not any("near its validity" in e["how"] for e in on.evidence["links"] if zone.id in e["ids"])


def test_after_the_end_of_a_feature_the_same_rule_holds(atlas):
    line = next(f for f in atlas.layer("line_of_contact") if f.kind == "ceasefire_line_1994")
    last = line.validity.end - dt.timedelta(days=1)  # the end is exclusive: the last day shown
    for days, linked in ((0, True), (1, True), (NAMED_VALIDITY_SLACK_DAYS, True), (NAMED_VALIDITY_SLACK_DAYS + 1, False)):
        day = last + dt.timedelta(days=days)
        found = propose(f"On {day:%d %B %Y} shells fell along the line of contact.", parse_date("2021-01-01"), atlas)
        assert (line.id in found[0].feature_ids) is linked, (day, found[0].evidence)


def test_a_feature_shown_on_the_date_is_preferred_to_one_shown_nearby(atlas):
    """The corridor of 2020 starts the day the zone does: on that day only it is linked,
    not the corridor that followed it (shown again only years later)."""
    zone = _zone(atlas)
    p = _links_on(atlas, "en", zone.validity.start)
    assert zone.id in p.feature_ids
    later = [f.id for f in atlas.layer("peacekeeping") if f.kind == "russian_peacekeeping_zone" and f.id != zone.id]
    assert not set(later) & set(p.feature_ids)
