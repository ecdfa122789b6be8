"""Proposed excerpts: sentences that speak of a datable moment, dated and linked.

For each sentence of a document: its date phrases (:mod:`.dates`) give the date it
speaks of (the most precise phrase that is not after publication); a sentence without one
that names atlas features or uses event words takes the date of the nearest dated sentence
of its paragraph, else the publication date (scored low). Its names (:mod:`.match`)
give ``place_ids`` and ``feature_ids``; a name shared by several dated features (the
Lachin corridor of 2020 and of 2022, the lines of contact of 1994 and 2020) links the
ones the atlas shows during that date (:meth:`geo.atlas.Atlas.features_on`, the time
rule), and events the atlas shows during a short period named by the sentence are linked
when the sentence shares words (or nearby places) with their name.
Every proposal keeps its evidence (words and offsets in the stored text) and a score;
each link says whether it is a *name* the sentence contains (exact, inflected or similar)
or an *inference* (an event the sentence speaks of by its words and dates without naming
it), with a confidence, so that a reviewer can tell the two apart.

Link rules beyond the name and the date (each with its constant below and its tests in
``tests/test_ingest_links.py``): a named feature shown within :data:`NAMED_VALIDITY_SLACK_DAYS`
of the date (not on it) links, marked so; an event tied only by a word of its kind must begin
within :data:`KIND_SLACK_DAYS` of the period, the shortest of those that begin then; a year and
a kind of event link the one such event of that year; a season links the events that begin in
it at the places named; a district word speaks of every name of the list beside it; and a
sentence that names the document's event in words of its name links it at any later date.

How sentences hang together: an undated sentence that opens by pointing back ("This
settlement ...", :mod:`.continuation`) continues the quote of the one before it, and one that
names no line, route or zone carries on those of the sentence before it (inferred); a date in
brackets, or one that names a document ("the 10 November 2020 statement", :mod:`.references`),
dates its sentence only when nothing else does; and in a news item a sentence with nothing of
its own ("The ministry denies any involvement") is proposed with the day of filing and the
events of the sentence before it (inferred).

Documents in Armenian, Azerbaijani and Russian are read with their own date phrases,
sentence ends, inflections, feature phrases and event words (:mod:`.languages`). A news
item's dateline (:mod:`.dateline`) is its place and day of filing: a day without a year
is then the latest such day not after it, and the first sentence's own date wins over it.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field, replace

from ..atlas import Atlas
from ..crs import GEOD
from ..dates import FuzzyDate, parse_date
from ..layers import has_role
from ..validate import MAX_QUOTE_WORDS
from . import anaphora
from . import dates as phrases
from . import explain, languages
from .budget import Budget
from .dateline import Dateline, find_dateline
from .match import STEM_SIMILARITY, NameIndex, NameMatch, table_of, terms, tokens
from .continuation import points_back
from .references import document_dates
from .sentences import Sentence, paragraph_spans, split_sentences

#: An excerpt dated by a period at most this long is linked to the events of that period.
EVENT_WINDOW_DAYS = 62
#: An excerpt dated by a longer period, up to this long (a season), is linked to the events
#: that begin within it and whose name names a place or district the excerpt names.
PLACE_EVENT_WINDOW_DAYS = 183
#: ... and to the events of up to this many days before or after it.
EVENT_SLACK_DAYS = 3
#: A feature the sentence names links when the atlas shows it within this many days of the
#: sentence's date, though not on it (the rule of "named near its validity"): a text speaks of
#: the Lachin corridor on 7 November 2020 or of the peacekeepers on 9 November 2020, days
#: before the statement that set them up; and the atlas's end days are exclusive, so the line
#: of contact of 1994 is no longer shown on 27 September 2020. Such a link is a name link whose
#: evidence says so ("named near its validity"). Only when no feature of that name is shown on
#: the date itself.
NAMED_VALIDITY_SLACK_DAYS = 7
#: A peacekeeping or monitoring zone named this many days or fewer before it begins, when the
#: atlas shows none of its name on the date, is the one about to be deployed (a mission is
#: decided, agreed and named weeks before it deploys: EUMA was decided on 23 January 2023 and
#: deployed on 20 February). Its evidence says so.
DEPLOYMENT_LEAD_DAYS = 60
#: A ceasefire spoken of up to this many days before a line of contact begins is the one that
#: set it (the plan accepted on 9 November 2020, in force on the 10th).
CEASEFIRE_LEAD_DAYS = 3
#: ... but an event tied to a sentence only by a word of its kind ("war", "ceasefire") must
#: begin within the sentence's period or this many days either side of it (its eve or morrow).
KIND_SLACK_DAYS = 1
_KIND_SLACK = dt.timedelta(days=KIND_SLACK_DAYS)
#: A place this close to an event's point ties a sentence of the event's dates to it.
EVENT_MIN_EXTENT_KM = 10
#: ... unless the event spans a whole region (shelling of many towns, a displacement, mines in
#: several districts): a place inside so wide an extent says nothing of the event; words must.
EVENT_MAX_PLACE_EXTENT_KM = 30
SHORT_SENTENCE_WORDS = 10
_GRAIN_SCORE = {"since": 0.2, "day": 0.5, "days": 0.45, "week": 0.4, "part": 0.4, "month": 0.4, "months": 0.35, "season": 0.3,
                "year": 0.25, "years": 0.2, "decade": 0.15}
INHERITED_SCORE, PUBLISHED_SCORE, LINK_SCORE, MAX_LINK_SCORE = 0.1, 0.05, 0.1, 0.4
DATELINE_SCORE = 0.3
#: an inferred event link's confidence: this much, plus INFERENCE_PER_WORD per shared word,
#: less INFERENCE_PER_DAY per day between the sentence's date and the event's
INFERENCE_BASE, INFERENCE_PER_WORD, INFERENCE_PER_DAY = 0.3, 0.15, 0.05


@dataclass
class Proposal:
    start: int
    end: int
    quote: str
    date: str
    date_basis: str
    feature_ids: list[str]
    place_ids: list[str]
    score: float
    evidence: dict = field(default_factory=dict)
    language: str = "en"

    def record(self, excerpt_id: str, source_id: str) -> dict:
        """The proposal as an excerpt of a source file."""
        return {"id": excerpt_id, "source_id": source_id, "quote": self.quote, "date": self.date,
                "date_basis": self.date_basis, "feature_ids": self.feature_ids, "place_ids": self.place_ids,
                "status": "proposed", "score": self.score, "language": self.language, "evidence": self.evidence}


def _inferred(ids: list[str], why, confidence: float = INFERENCE_BASE) -> dict:
    """The evidence of links inferred, not read from words of the sentence: ``why`` is an
    explanation (:mod:`geo.ingest.explain`)."""
    return {"words": "", "start": None, "end": None, "ids": ids, "link": "inference", "confidence": confidence,
            **explain.evidence(why)}


def features_during(atlas: Atlas, period: FuzzyDate, slack_days: int = 0) -> set[str]:
    """Ids of the features the atlas shows on some day of ``period`` (by its time rule),
    widened by ``slack_days`` on either side."""
    first = period.first - dt.timedelta(days=slack_days)
    last = period.last + dt.timedelta(days=slack_days)
    days = [first]
    changes = atlas.change_dates
    i = bisect.bisect_right(changes, first)
    while i < len(changes) and changes[i] <= last:
        days.append(changes[i])
        i += 1
    return {f.id for day in days for layer in atlas.features_on(day).values() for f in layer}


def _words(text: str) -> int:
    return len(text.split())


def _span(text: str, sentences: list[Sentence], i: int, focus: tuple[int, int],
          joinable: bool = True, context: bool = False) -> tuple[int, int]:
    """The quoted span: the sentence (with the next one when either is short and ``joinable``),
    at most 60 words; a long sentence is cut to the clauses around ``focus`` (the date phrase)."""
    s = sentences[i]
    start, end = s.start, s.end
    if joinable and i + 1 < len(sentences) and sentences[i + 1].paragraph == s.paragraph \
            and (context or _words(s.text) < SHORT_SENTENCE_WORDS or _words(sentences[i + 1].text) < SHORT_SENTENCE_WORDS) \
            and _words(text[start:sentences[i + 1].end]) <= MAX_QUOTE_WORDS:
        end = sentences[i + 1].end
    if _words(text[start:end]) <= MAX_QUOTE_WORDS:
        return start, end
    # cut at clause boundaries around the focus until the span fits
    cuts = [start] + [m for m in range(start, end) if text[m] in ",;:—–(" and m > start] + [end]
    lo = max(c for c in cuts if c <= focus[0])
    hi = min(c for c in cuts if c >= focus[1])
    while True:
        wider = [c for c in cuts if c < lo], [c for c in cuts if c > hi]
        grown = False
        for side in (1, 0):
            if wider[side]:
                cand = (lo, wider[side][0]) if side else (wider[side][-1], hi)
                if _words(text[cand[0]:cand[1]]) <= MAX_QUOTE_WORDS:
                    lo, hi = cand
                    grown = True
                    break
        if not grown:
            break
    lo = lo + 1 if text[lo] in ",;:—–(" else lo
    while lo < hi and text[lo].isspace():
        lo += 1
    if _words(text[lo:hi]) > MAX_QUOTE_WORDS:  # one clause longer than 60 words: take words
        words = list(tokens(text[lo:hi]))
        hi = lo + words[MAX_QUOTE_WORDS - 1].end if len(words) >= MAX_QUOTE_WORDS else hi
    return lo, hi


def _carry_on(before: Proposal, atlas: Atlas, shown: set[str], features: list[str], evidence: list[dict]) -> None:
    """A sentence that points back speaks of the lines, routes and zones of the proposal just
    before it (the ones the atlas shows at its date), of each of the three the sentence does
    not name itself: inferred links."""
    ids = []
    for role in ("line", "route", "zone"):
        if not any(has_role(atlas.by_id[i].layer, role) for i in features):
            ids += [i for i in before.feature_ids if has_role(atlas.by_id[i].layer, role) and i in shown
                    and i not in features]
    if ids:
        features.extend(ids)
        evidence.append(_inferred(ids, explain.of("points_back")))


def _dates_before(read: list, i: int, since: int) -> list:
    """The date phrases of the sentences before sentence ``i`` that end after ``since``."""
    out, j = [], i - 1
    while j >= 0 and (read[j] is None or read[j].sentence.end > since):
        if read[j] is not None:
            out += read[j].mentions
        j -= 1
    return out


#: how far before a sentence a town, district or route named again by its kind is looked for
#: (a few sentences, across a paragraph's end; a bound that keeps a long text linear)
NAMED_AGAIN_CHARS = 1500


def _by_its_ends(text: str, lang: str, atlas: Atlas, shown: set[str], features: list[str], places: list[str],
                 evidence: list[dict]) -> None:
    """A sentence that names two places at the ends of a kind of route (``route_ends`` in
    terms.json: Stepanakert and Goris; or the lands at its ends, ``route_end_words``: Karabakh
    and Armenia) and a word of roads or traffic ("traffic between Stepanakert and Goris",
    "Xankəndi ilə Gorus arasında hərəkət", "transport between Karabakh and Armenia") speaks of
    the route of that kind the atlas shows that day: inferred."""
    named = set(features) | set(places)
    words = _Words.of(lang, table_of(lang).get("route_words", []))
    if not any(t.text.casefold() in words for t in tokens(text)):
        return
    said = [t.text.casefold() for t in tokens(text)]
    for kind in set(terms()["route_ends"]) | set(terms()["route_end_words"]):
        pairs = terms()["route_ends"].get(kind, [])
        ends = table_of(lang).get("route_end_words", {}).get(kind, [])
        lands = [_Words.of(lang, group) for group in ends]
        if any(a in named and b in named for a, b in pairs) \
                or (lands and all(any(w in group for w in said) for group in lands)):
            ids = [f.id for f in atlas.features if f.kind == kind and f.id in shown and f.id not in features]
            if ids:
                features.extend(ids)
                evidence.append(_inferred(ids, explain.of("route_by_ends")))


#: "the new road" is a route the atlas begins within this many days of the sentence's date
#: ("the old road", one it ends)
ROUTE_CHANGE_DAYS = 120


def _new_or_old_route(text: str, lang: str, atlas: Atlas, period: FuzzyDate, features: list[str],
                      evidence: list[dict]) -> None:
    """"The new road", "по новой дороге", "yeni yol", "նոր ճանապարհ" (a word of
    ``route_change_words`` right before a word of ``route_words``) at the time the atlas moves a
    route: the route it begins then; "the old road": the one it ends then (inferred)."""
    table = table_of(lang)
    change = table.get("route_change_words")
    if not change:
        return
    roads = _Words.of(lang, table.get("route_words", []))
    said = [t.text.casefold() for t in tokens(text)]
    # (only a route that follows another of its kind, or is followed by one, has moved)
    kinds = Counter(f.kind for f in atlas.with_role("route"))
    for way in ("new", "old"):
        words = _Words.of(lang, change[way])
        if not any(a in words and b in roads for a, b in zip(said, said[1:])):
            continue
        for f in atlas.with_role("route"):
            edge = f.validity.valid_from if way == "new" else f.validity.valid_to
            if edge is None or f.id in features:
                continue
            gap = max(0, (edge.first - period.last).days, (period.first - edge.last).days)
            if kinds[f.kind] > 1 and gap <= ROUTE_CHANGE_DAYS:
                features.append(f.id)
                evidence.append(_inferred([f.id], explain.of(f"route_{way}", date=edge.text)))


#: a sentence dated more loosely than two years ("in the early 1990s") is tied to no departure by
#: its people and words alone
DEPARTURE_PERIOD_DAYS = 731


def _departures(text: str, lang: str, atlas: Atlas, index: NameIndex, period: FuzzyDate, features: list[str],
                evidence: list[dict]) -> None:
    """A sentence with a word of leaving and the name of a people ("Azerbaijanis left Armenia",
    "армяне покидали Азербайджан", "ermənilər tərk etdi", "հայերը հեռացան") speaks of that
    people's departure: the events of that kind ("~flight" in their name) whose ``affected``
    side it is and that the atlas shows during the sentence's date (inferred)."""
    table = table_of(lang)
    said = [t.text.casefold() for t in tokens(text)]
    leaving = _Words.of(lang, table.get("departure_words", []))
    if (period.last - period.first).days > DEPARTURE_PERIOD_DAYS or not any(w in leaving for w in said):
        return
    during = features_during(atlas, period)
    for side, names in table.get("people_words", {}).items():
        # (a word marked "=" is a whole word: Russian "армян", not "армянских", an adjective)
        people = _Words([w.lstrip("=") for w in names if lang == "en" or w.startswith("=")],
                        [w for w in names if lang != "en" and not w.startswith("=")])
        if not any(w in people for w in said):
            continue
        for f in atlas.with_role("event"):
            if f.id in during and f.id not in features and side in (f.properties.get("affected") or ()) \
                    and "~flight" in _event_topic(f, index, lang):
                features.append(f.id)
                evidence.append(_inferred([f.id], explain.of("event_during", period=period.text,
                                                              shared=[side, "~flight"])))


def _candidates(named: list[NameMatch], word, read: list, i: int) -> list[NameMatch]:
    """The names ``word`` may name again, most likely first: the last named before it; for
    "its residents", which may be a town's or a district's, the names of the nearest sentence
    before that names one, in their order (its first place is what it speaks of: "Maraghar, a
    village in the Martakert district. Dozens of its residents ..."); for "the villages", the
    names of that sentence too (each of its villages)."""
    if word.group != anaphora.INHABITED and word.group not in anaphora.PLURAL:
        return list(reversed(named))
    for r in reversed(read[:i]):
        if r is None:
            continue
        inside = [m for m in named if r.sentence.start <= m.start < r.sentence.end]
        if inside:
            return inside
    return []


def _kinds_of(atlas: Atlas):
    """The kinds of the features a name names (for :func:`anaphora.kind_words`)."""
    return lambda m: {atlas.by_id[i].kind for i in m.feature_ids}


def _named_again(text: str, span: tuple[int, int], lang: str, matches: list[NameMatch],
                 read: list, i: int, index: NameIndex, atlas: Atlas, shown: set[str], features: list[str],
                 places: list[str], evidence: list[dict]) -> None:
    """A town, district or route named again by its kind alone ("the district", "в обход
    города", "kənddə", "the road"), when the sentence (sentence ``i`` of ``read``) names none
    of that kind itself, is the one named last before it, up to :data:`NAMED_AGAIN_CHARS` back
    (also in the paragraph before: "the two deposits" of a paragraph that goes on with the
    mines named at the end of the one before; a date's words name nothing), of those the
    atlas shows at the sentence's date (``shown``): inferred."""
    kinds_of = _kinds_of(atlas)
    # (a place named after "its residents" is where they went, "его жители ушли в Барду", not
    # whose they are: only a name before such a word is the sentence's own)
    words = [w for w in anaphora.kind_words(text, span[0], span[1], lang, matches, kinds_of)
             if not (any(m.end <= w.start and w.kinds & kinds_of(m) for m in matches)
                     if w.group == anaphora.INHABITED
                     else any(atlas.by_id[f].kind in w.kinds for f in features + places))]
    if not words:
        return
    since = max(0, span[0] - NAMED_AGAIN_CHARS)
    dates = _dates_before(read, i, since)
    # (before the sentence: a name of its own that links nothing, "Yerevan denied targeting
    # the city", is a government, not the city)
    named = [m for m in index.find(text[since:span[0]], offset=since, lang=lang)
             if not any(a < m.end and m.start < b for a, b, _ in dates) and not _event_word(m.words, lang)]
    for word in words:
        for m in _candidates(named, word, read, i):
            # (a name with a word of its own saying which it is: "Hadrut rayonunun", a district,
            # also when the atlas has no district of that name)
            # ("the district centre": the town of the district named before, "Zəngilan rayonu")
            if word.group in ("settlement", "settlements") and _said_to_be(text, m, "district_words", lang, True):
                continue
            # (the words by a name choose a town or a district for the towns named again; a
            # district centre's name still names its district: "районный центр Кельбаджар ...
            # в районе")
            chosen = _choose_area(text, m, atlas, list(m.feature_ids), lang) \
                if word.group in ("settlement", "settlements") else list(m.feature_ids)
            ids = [f for f in chosen if atlas.by_id[f].kind in word.kinds and f in shown]
            if not ids and word.group == "centre":  # the town a district is named after
                areas = frozenset(f for f in m.feature_ids if has_role(atlas.by_id[f].layer, "district"))
                ids = [f for n in (index.find(m.words, m.start, lang, phrases=False, skip=areas) if areas else [])
                       for f in n.feature_ids if atlas.by_id[f].kind in word.kinds and f in shown]
            if ids:
                for f in ids:
                    (places if has_role(atlas.by_id[f].layer, "place") else features).append(f)
                evidence.append({"words": word.words, "start": word.start, "end": word.end, "ids": ids,
                                 "link": "inference", "confidence": INFERENCE_BASE,
                                 **explain.evidence(explain.of("named_again", said=word.words, name=m.words))})
                if word.group not in anaphora.PLURAL:  # (the villages: each of them)
                    break


class _Words:
    """Words as a set, and (for the languages whose case endings follow a word) beginnings."""

    def __init__(self, words, beginnings=()):
        self.words = frozenset(w.casefold() for w in words)
        self.beginnings = tuple(w.casefold() for w in beginnings)

    @classmethod
    def of(cls, lang: str, words) -> "_Words":
        """A table's words: whole words in English, beginnings in the languages whose case
        endings follow a word."""
        return cls(words) if lang == "en" else cls((), words)

    def __contains__(self, word: str) -> bool:
        return word in self.words or (bool(self.beginnings) and word.startswith(self.beginnings))


def _near(text: str, match: NameMatch, words) -> bool:
    """Whether a word of ``words`` stands right after or up to three words before the name."""
    after = [t.text.casefold() for t in tokens(text[match.end:match.end + 30])][:1]
    before = [t.text.casefold() for t in tokens(text[max(0, match.start - 40):match.start])][-4:]
    return any(w in words for w in after + before)


def _located(text: str, match: NameMatch, lang: str = "en") -> bool:
    """Whether a capital's name speaks of the place, not its government: after a word of
    ``locative_words`` ("in Baku", "в Баку") or with a place's case ending ("Bakıda",
    "Բաքվում": the language's ``locative_endings``)."""
    own = languages.table(lang) if lang != "en" else {}
    words = {w.casefold() for w in terms()["locative_words"] + own.get("locative_words", [])}
    endings = tuple(own.get("locative_endings", []))
    if _preceded_by(text, match, words) or bool(endings and match.words.casefold().endswith(endings)):
        return True
    # the last name of a list whose first name is located ("in Stepanakert and Yerevan")
    head = _LIST_HEAD.search(text, max(0, match.start - 160), match.start)
    return bool(head) and _preceded_by(text, replace(match, start=head.start()), words)


def _preceded_by(text: str, match: NameMatch, words: set[str]) -> bool:
    """Whether a word or phrase of ``words`` ("in", "streets of") stands right before the name."""
    before = [t.text.casefold() for t in tokens(text[max(0, match.start - 40):match.start])][-3:]
    return any(" ".join(before[k:]) in words for k in range(len(before)))


#: what joins the names of a list ("Qubadli, Zangilan, and Jabrayil"; "Kelbajar and Lachin")
_LIST_GLUE = r"(?:\s*,\s*(?:(?:and|or|и|или|və|ve|և|ու)\s+)?|\s+(?:and|or|и|или|və|ve|և|ու)\s+)"
_LIST_NAME = r"[^\W\d_][\w’'-]*"
_LIST_AFTER = re.compile(rf"(?:{_LIST_GLUE}{_LIST_NAME}){{1,5}}\s+({_LIST_NAME})")
_LIST_HEAD = re.compile(rf"(?:{_LIST_NAME}{_LIST_GLUE}){{1,5}}$")
_LIST_BEFORE = re.compile(rf"({_LIST_NAME})\s+of\s+(?:{_LIST_NAME}{_LIST_GLUE}){{1,5}}$")


def _listed_with(text: str, m: NameMatch, words) -> bool:
    """Whether the name is one of a list of names that a word of ``words`` follows ("in
    Kelbajar and Lachin provinces") or that follows "WORD of" ("the provinces of Qubadli,
    Zangilan, and Jabrayil"): the word speaks of every name of the list."""
    after = _LIST_AFTER.match(text, m.end, min(len(text), m.end + 120))
    if after and after.group(1).casefold() in words:
        return True
    before = _LIST_BEFORE.search(text[max(0, m.start - 160):m.start])
    return bool(before and before.group(1).casefold() in words)


def _kind_words(key: str, lang: str) -> _Words:
    """terms.json's words of ``key`` and the beginnings of the text's language's."""
    own = languages.table(lang) if lang != "en" else {}
    return _Words(terms()[key], own.get(key, ()))


def _said_to_be(text: str, m: NameMatch, key: str, lang: str, right_after: bool = False) -> bool:
    """Whether a word of ``key`` (``district_words``, ``settlement_words``: terms.json's and the
    beginnings of the text's language) stands by the name or its list ("Hadrut rayonunun");
    ``right_after``: only the word right after the name, or after its list."""
    words = _kind_words(key, lang)
    if right_after:
        after = [t.text.casefold() for t in tokens(text[m.end:m.end + 30])][:1]
        return any(w in words for w in after) or _listed_with(text, m, words)
    return _near(text, m, words) or _listed_with(text, m, words)


def _a_centre(text: str, m: NameMatch, lang: str) -> bool:
    """Whether a phrase of ``centre_phrases`` ("district centre", "районный центр", "rayon
    mərkəzi", "շրջկենտրոն") stands right before the name (up to "of") or right after it."""
    phrases = {p.casefold() for p in table_of(lang).get("centre_phrases", [])}
    before = " ".join(t.text for t in tokens(text[max(0, m.start - 40):m.start])[-4:]).casefold()
    after = " ".join(t.text for t in tokens(text[m.end:m.end + 40])[:3]).casefold()
    before = re.sub(r"\s+of$", "", before)
    return any(before.endswith(p) or after.startswith(p) for p in phrases)


@lru_cache(maxsize=16)
def _speaks_of_districts(text: str, lang: str) -> bool:
    """Whether the document speaks of districts at all (a word of ``district_words`` anywhere in
    it): a text that never does means the town by a bare name that is also a district's."""
    words = _kind_words("district_words", lang)
    return any(t.text.casefold() in words for t in tokens(text))


def _choose_area(text: str, m: NameMatch, atlas: Atlas, ids: list[str], lang: str = "en") -> list[str]:
    """A name that is both a place and a district: the words around it decide, else terms.json
    (for "both": both in a text that speaks of districts, the town in one that never does).
    The words are terms.json's and the beginnings of the text's language ("şəhərini",
    "городе", "քաղաքում")."""
    t = terms()
    places = [i for i in ids if has_role(atlas.by_id[i].layer, "place")]
    areas = [i for i in ids if has_role(atlas.by_id[i].layer, "district")]
    if not places or not areas:
        return ids
    if _a_centre(text, m, lang):  # "the district centre of Qubadli", "Laçın rayon mərkəzi"
        return places
    district, settlement = _said_to_be(text, m, "district_words", lang), _said_to_be(text, m, "settlement_words", lang)
    if district and not settlement:
        return areas
    if settlement and not district:
        return places
    rule = {t["ambiguous"].get(atlas.by_id[i].kind, "place") for i in areas}
    if "both" in rule:
        return places + areas if _speaks_of_districts(text, lang) else places
    return areas if rule == {"province"} else places


_MONTH_WORDS = {dt.date(2000, m, 1).strftime(f).casefold() for m in range(1, 13) for f in ("%B", "%b")} | {"sept"}


def _synonyms() -> dict[str, str]:
    """word -> its synonym group; Armenian, Azerbaijani and Russian words by their stems."""
    key = "_synonyms"
    cache = terms()
    if key not in cache:
        groups = {w.casefold(): f"~{group[0]}" for group in cache["event_synonyms"] for w in group}
        for group, words in languages.event_words().items():
            for w in words:
                lang = languages.stem_language(w, "az")
                groups[languages.stem(w, lang) if lang else w.casefold()] = f"~{group}"
        cache[key] = groups
    return cache[key]


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    out = set(_MONTH_WORDS)
    for lang, t in languages.tables().items():
        forms = {f.casefold() for forms in t["months"].values() for f in forms}
        # and their stems, so that a case form the table does not list ("նոյեմբերի") is a month too
        out |= forms | {languages.stem(f, lang) for f in forms}
    return frozenset(out)


@lru_cache(maxsize=1)
def _year_words() -> frozenset[str]:
    """The words for "year" of each language's year marks ("года", "ilin", "թվականի") and their
    stems: no topic word (an event's name in Russian says "в 2020 году")."""
    out = set()
    for lang, t in languages.tables().items():
        for mark in t.get("year_marks", []):
            for word in re.findall(r"\w+", mark):
                out |= {word.casefold(), languages.stem(word, lang)}
    return frozenset(out)


def _topic(words: str, lang: str = "en") -> set[str]:
    """Content words (skeletons of stems; a synonym group counts as one word) of a sentence or
    an event name."""
    # (words for districts and towns say where, not what happened)
    stop = {w.casefold() for w in terms()["event_stopwords"] + terms()["district_words"] + terms()["settlement_words"]}
    synonyms = _synonyms()
    months = _month_words()
    stop_prefixes = tuple(terms().get("event_stop_prefixes", []))
    stop_beginnings = tuple(w.casefold() for w in languages.table(lang).get("event_stopwords", [])) if lang != "en" else ()
    out = set()
    toks = tokens(words)
    for k, t in enumerate(toks):
        word = t.text.casefold()
        which = languages.stem_language(t.text, lang)
        stemmed = languages.stem(t.text, which) if which else word
        if (word in months or stemmed in months) and any(
                0 <= j < len(toks) and toks[j].key[:1].isdigit() for j in (k - 1, k + 1)):
            continue  # a month beside its day ("մարտի 27-ին", 27 March: not "մարտ", battle)
        if word in synonyms or stemmed in synonyms:
            out.add(synonyms.get(word) or synonyms[stemmed])
        elif len(t.key) >= 4 and word not in stop and not (stop_beginnings and word.startswith(stop_beginnings)) \
                and not t.key.isdigit() and word.rstrip(".") not in months \
                and stemmed not in months and not t.key.startswith(stop_prefixes) \
                and word not in _year_words() and stemmed not in _year_words():
            out.add(t.stem_key(lang).rstrip("s") if which else t.key.rstrip("s"))
    return out


def _eventful(words: str, lang: str = "en") -> bool:
    """Whether a sentence uses the words of events (fighting, ceasefire, talks, ...)."""
    synonyms = _synonyms()
    for t in tokens(words):
        which = languages.stem_language(t.text, lang)
        if t.text.casefold() in synonyms or (which and languages.stem(t.text, which) in synonyms):
            return True
    return False


def _event_word(word: str, lang: str) -> bool:
    """Whether ``word`` is a word of events itself, or one with up to two of its language's
    case endings ("մարտերն": մարտ + եր + ն), not a name that merely shares its stem
    ("Մարտունին")."""
    w = word.casefold()
    events, endings = _event_forms(lang)
    return any(w == e + a + b for e in events if w.startswith(e) for a in endings for b in endings)


@lru_cache(maxsize=8)
def _event_forms(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of events ``lang`` reads (English's and its own) and its case endings."""
    events = {e.casefold() for group in terms()["event_synonyms"] for e in group}
    if lang == "en":
        return frozenset(events), ("",)
    events |= {e.casefold() for group in languages.table(lang)["event_words"].values() for e in group}
    return frozenset(events), ("", *languages.table(lang)["suffixes"])


def _present(words: str, lang: str) -> bool:
    """Whether a sentence speaks of the time of writing ("the present escalation")."""
    present = {w.casefold() for w in terms().get("present_words", [])}
    stems = {languages.stem(w, lang) for w in languages.table(lang).get("present_words", [])} if lang != "en" else set()
    for t in tokens(words):
        which = languages.stem_language(t.text, lang)
        if t.text.casefold() in present or (which and languages.stem(t.text, which) in stems):
            return True
    return False


def _document_events(atlas: Atlas, read: list, published: FuzzyDate) -> dict[str, str]:
    """The events a document is about, with why: those of its publication's days (a news
    peg, when the publication date is at most EVENT_WINDOW_DAYS long) and those on whose
    days at least two of its sentences are dated."""
    out: dict[str, str] = {}
    # a months-long event (mines over two years) is the topic of no single document by its dates
    events = [f for f in atlas.with_role("event") if f.validity.valid_from is not None and not _lasting(f)]
    if (published.last - published.first).days <= EVENT_WINDOW_DAYS:
        lo = published.first - dt.timedelta(days=EVENT_WINDOW_DAYS // 2)
        pegs = [f for f in events if lo <= f.validity.valid_from.first <= published.last]
        # the latest first: news speaks of what happened last
        for f in sorted(pegs, key=lambda f: f.validity.valid_from.first, reverse=True):
            out[f.id] = explain.of("peg", date=published.text)
    counts: dict[str, int] = {}
    for r in read:
        if r is None or r.dated is None:
            continue
        when = r.dated[2].date
        if (when.last - when.first).days > EVENT_WINDOW_DAYS:
            continue
        for f in events:
            start = f.validity.valid_from.first
            if when.first - dt.timedelta(days=EVENT_SLACK_DAYS) <= start <= when.last + dt.timedelta(days=EVENT_SLACK_DAYS):
                counts[f.id] = counts.get(f.id, 0) + 1
    for fid, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if n >= 2:
            out.setdefault(fid, explain.of("dated_sentences", count=n))
    return out


def _links(text: str, matches: list[NameMatch], atlas: Atlas, period: FuzzyDate, shown: set[str],
           index: NameIndex, span: tuple[int, int], mentions: list = (),
           lang: str = "en", about: dict[str, str] | None = None,
           loosely_dated: bool = False, shown_near: set[str] | None = None) -> tuple[list[str], list[str], list[dict]]:
    """The feature and place ids a quoted span links, and the evidence of each link.
    ``shown``: ids the atlas shows at the span's date; ``shown_near``: those it shows within
    :data:`NAMED_VALIDITY_SLACK_DAYS` of it (a named feature valid only nearby links too)."""
    t = terms()
    metonyms = set(t["metonym_kinds"])
    features, places, evidence = [], [], []
    matches = _unshown_phrases_opened(matches, index, lang, shown | (shown_near or set()))
    for m in matches + _places_in_routes(text, matches, index, atlas, lang):
        # (a control area is named by who held it, "under the control of Armenian forces": a
        # description of every area of that side, not the name of one the sentence speaks of)
        ids = _choose_area(text, m, atlas, [i for i in m.feature_ids if not has_role(atlas.by_id[i].layer, "control")],
                           lang)
        ids = [i for i in ids if atlas.by_id[i].kind not in metonyms or _located(text, m, lang)]
        # dated features named in the text: the ones the atlas shows during the excerpt's date
        # (an event may be spoken of after it happened: its name is enough)
        dated = [i for i in ids if not has_role(atlas.by_id[i].layer, "place", "district", "event")]
        near, ahead = [], []
        if dated:
            if not any(i in shown for i in dated) and shown_near:
                near = [i for i in dated if i in shown_near]
            if not any(i in shown for i in dated) and not near:
                ahead = _deployed_soon(atlas, dated, period)
            ids = [i for i in ids if i not in dated or i in shown or i in near or i in ahead]
        if not ids:
            evidence.append({"words": m.words, "start": m.start, "end": m.end, "ids": [],
                             **explain.evidence(explain.of("not_shown"))})
            continue
        for i in ids:
            (places if has_role(atlas.by_id[i].layer, "place") else features).append(i)
        how = explain.of("name") if m.similarity >= 100 else explain.of("inflected_name") \
            if m.similarity == STEM_SIMILARITY else explain.of("similar_name", similarity=int(f"{m.similarity:.0f}"))
        if near:
            how = explain.of("near_validity", how=how, days=NAMED_VALIDITY_SLACK_DAYS)
        elif ahead:
            begins = atlas.by_id[ahead[0]].validity.valid_from
            how = explain.of("before_deployment", how=how, date=begins.text,
                             days=(begins.first - period.last).days)
        evidence.append({"words": m.words, "start": m.start, "end": m.end, "ids": ids,
                         **explain.evidence(how), "variant": m.entries[0].variant, "link": "name",
                         "confidence": round(m.similarity / 100, 2)})
    words = _topic(text[span[0]:span[1]], lang) | set(features) | set(places)
    # the excerpt's date and each date the sentence names ("since 12 December" counts from that
    # day), widened by a few days: a sentence may speak of the eve or the morrow of an event
    periods = [period] + [parse_date(m.edtf.split("/")[0]) if m.grain == "since" else m.date for m in mentions]
    literal = _literal(text[span[0]:span[1]], lang)
    ties: dict[str, tuple] = {}  # event id -> (period, shared words, tied by words of its own)
    for when in periods:
        if (when.last - when.first).days > EVENT_WINDOW_DAYS:
            continue
        during = features_during(atlas, when, EVENT_SLACK_DAYS)
        for f in atlas.with_role("event"):
            if f.id in during and f.id not in features and f.id not in ties:
                if _lasting(f):  # a months-long event: neither a word of a whole class ("~fighting") nor
                    # a place inside its wide extent is enough: a word of its own topic is needed
                    # (of its name's first clause, what happened: "Shelling of Agdam, Tartar ...;
                    # civilians are killed" is not tied by "civilians killed")
                    common = {w for w in words & _event_head(f, index, lang) if not w.startswith("~")}
                    # (a place its name lists ties it only with a word of its kind: "Stepanakert
                    # was shelled", not "Armenian forces took Agdam")
                    if common and common <= _event_place_words(f, index, lang) \
                            and not {w for w in words & _event_topic(f, index, lang) if w.startswith("~")}:
                        common = set()
                else:
                    common = words & _event_topic(f, index, lang) or {p for p in places if _within(atlas.by_id[p], f)}
                if common:
                    # tied by a word or place of its own (the same word, not only a word of the same kind)
                    # (a word of what followed, "civilians are killed", is no word of its own)
                    head = _event_head(f, index, lang)
                    own = any(not w.startswith("~") and (w in head or w in atlas.by_id) for w in common) \
                        or (bool(literal & _event_literal(f, index, lang)) and not _elsewhere(places, f, atlas))
                    ties[f.id] = (when, common, own)
    # a longer period (a season, "summer 1993"): the events that begin within it and whose name
    # names a place or district the sentence names ("captured the provinces of Qubadli, ...")
    for when in periods:
        if not EVENT_WINDOW_DAYS < (when.last - when.first).days <= PLACE_EVENT_WINDOW_DAYS:
            continue
        named = set(features) | set(places)
        for f in atlas.with_role("event"):
            if f.id in features or f.id in ties or _lasting(f) or f.validity.valid_from is None:
                continue
            common = named & _event_topic(f, index, lang)
            if common and when.first <= f.validity.valid_from.first <= when.last:
                ties[f.id] = (when, common, True)
    # an event tied only by a word of its kind ("war", "shelling", not the event's own word or
    # place) must begin within the sentence's period or on its eve or morrow (a fight on 7
    # November is not the statement of 10 November, nor the shelling under way since September;
    # a ceasefire plan accepted on 9 November is the statement of the 10th); among such
    # events the sentence speaks of the shortest (the day's offensive, not the six weeks'
    # shelling that began the same day)
    # (the shortest of all the events that begin then, also those tied by words of their own)
    begin_then = {fid for fid, t in ties.items()
                  if t[0].first - _KIND_SLACK <= atlas.by_id[fid].validity.valid_from.first <= t[0].last + _KIND_SLACK}
    shortest = min((_duration(atlas.by_id[fid]) for fid in begin_then), default=0)
    kind_only = {fid for fid in begin_then if not ties[fid][2] and _duration(atlas.by_id[fid]) == shortest}
    ties = {fid: t for fid, t in ties.items() if t[2] or fid in kind_only}
    for fid, (when, common, own) in ties.items():
        f = atlas.by_id[fid]
        features.append(fid)
        begins = f.validity.valid_from.first if f.validity.valid_from else when.first
        gap = max(0, (begins - when.last).days, (when.first - begins).days)
        confidence = max(0.05, min(0.95, INFERENCE_BASE + INFERENCE_PER_WORD * len(common)
                                   - INFERENCE_PER_DAY * min(gap, 10)))
        evidence.append(_inferred([fid], explain.of("event_during", period=when.text, shared=sorted(common)),
                                  round(confidence, 2)))
    # a year the sentence names and a kind of event it names ("the 1994 ceasefire agreement",
    # "the 2020 Russian-imposed ceasefire"): the one event of that kind the atlas has in that year
    for m in mentions:
        if m.grain != "year":
            continue
        year = m.date.first.year
        kinds = {w for w in words if w.startswith("~")}
        for kind in sorted(kinds):
            of_year = [f for f in atlas.with_role("event") if f.validity.valid_from is not None
                       and f.validity.valid_from.first.year == year and not _lasting(f)
                       and kind in _event_topic(f, index, lang)]
            if len(of_year) == 1 and of_year[0].id not in features:
                features.append(of_year[0].id)
                evidence.append({"words": m.words, "start": None, "end": None, "ids": [of_year[0].id],
                                 "link": "inference", "confidence": INFERENCE_BASE + INFERENCE_PER_WORD,
                                 **explain.evidence(explain.of("only_event_of_year", year=year, kind=kind[1:]))})
    _ceasefire_line(text[span[0]:span[1]], lang, atlas, periods, features, evidence)
    # the events the document is about, for a sentence that speaks of one by its event words
    # ("the present escalation"): the event falls within the sentence's period, or the
    # sentence speaks of the present or has no date of its own
    # (one such event at most, and none when the sentence is already tied to an event)
    now = loosely_dated or _present(text[span[0]:span[1]], lang)
    for fid, why in (about or {}).items():
        if any(has_role(atlas.by_id[i].layer, "event") for i in features):
            break
        f = atlas.by_id[fid]
        shared = words & _event_topic(f, index, lang)
        kinds = {w for w in shared if w.startswith("~")}
        # a word of the event's own name, not a place ("the four-day war"): the sentence speaks
        # of the document's event by its name, at whatever date it speaks (after it, not before)
        own = {w for w in shared if not w.startswith("~") and w not in atlas.by_id}
        begins = f.validity.valid_from.first
        inside = period.first - dt.timedelta(days=EVENT_SLACK_DAYS) <= begins <= period.last
        named = bool(own) and begins <= period.last
        # (a word of its kind, or two words of its own name: "the situation on the Lachin road"
        # in a document about the road's closure)
        if (kinds or len(own) >= 2) and (inside or named or (now and why.startswith("peg"))):
            features.append(fid)
            confidence = INFERENCE_BASE + (0.1 if inside or named else 0) + (0.1 if now else 0)
            evidence.append(_inferred([fid], _speaks_of(kinds, own, why, named and not inside,
                                                        now and not inside and not named), round(confidence, 2)))
    return list(dict.fromkeys(features)), list(dict.fromkeys(places)), evidence


def _ceasefire_line(words: str, lang: str, atlas: Atlas, periods: list[FuzzyDate], features: list[str],
                    evidence: list[dict]) -> None:
    """A sentence that speaks of a ceasefire (``ceasefire_words``: "ceasefire", "перемирие",
    "atəşkəs", "հրադադար") at the time a line of contact began ("the 1994 ceasefire agreement",
    "Aliyev accepted the Russian ceasefire plan on 9 November") speaks of the ceasefire that set
    that line: one of its periods (its date or a date it names, at most a year long) holds the
    line's first day or ends up to :data:`CEASEFIRE_LEAD_DAYS` before it. Inferred."""
    said = _Words.of(lang, table_of(lang).get("ceasefire_words", []))
    if not any(t.text.casefold() in said for t in tokens(words)):
        return
    for f in atlas.with_role("line"):
        if f.id in features or f.validity.valid_from is None:
            continue
        begins = f.validity.valid_from.first
        for when in periods:
            if (when.last - when.first).days <= 366 \
                    and when.first <= begins <= when.last + dt.timedelta(days=CEASEFIRE_LEAD_DAYS):
                features.append(f.id)
                evidence.append(_inferred([f.id], explain.of("ceasefire_line", date=f.validity.valid_from.text)))
                break


def _deployed_soon(atlas: Atlas, ids: list[str], period: FuzzyDate) -> list[str]:
    """Of the zones ``ids``, the one deployed first within :data:`DEPLOYMENT_LEAD_DAYS` after
    ``period``: a mission is agreed and named before it deploys ("an agreement to facilitate a
    civilian EU mission" on 6 October 2022 is the mission deployed on the 20th)."""
    soon = [(atlas.by_id[i].validity.valid_from.first, i) for i in ids
            if has_role(atlas.by_id[i].layer, "zone") and atlas.by_id[i].validity.valid_from is not None
            and period.last < atlas.by_id[i].validity.valid_from.first
            <= period.last + dt.timedelta(days=DEPLOYMENT_LEAD_DAYS)]
    return [min(soon)[1]] if soon else []


def _unshown_phrases_opened(matches: list[NameMatch], index: NameIndex, lang: str, shown: set[str]) -> list[NameMatch]:
    """``matches``, with a phrase of a kind that names no feature shown that day replaced by the
    names inside it: "a road to Nakhchivan" in 1999, before the Nakhchivan link, names Nakhchivan."""
    out = []
    for m in matches:
        if all(e.origin == "term" for e in m.entries) and not any(i in shown for i in m.feature_ids):
            inner = index.find(m.words, m.start, lang, phrases=False)
            if inner:
                out += inner
                continue
        out.append(m)
    return out


def _places_in_routes(text: str, matches: list[NameMatch], index: NameIndex, atlas: Atlas,
                      lang: str) -> list[NameMatch]:
    """The places a route's name names as its ends or its way: "Lachin-Khankendi road" names
    Lachin and Khankendi, "a new road bypassing Lachin city" names Lachin; not the place a
    route is named after ("the Lachin corridor", "Лачинский коридор": the first word)."""
    out = []
    for m in matches:
        if not m.feature_ids or not all(has_role(atlas.by_id[i].layer, "route") for i in m.feature_ids):
            continue
        # (names as written or inflected; a similar spelling inside a phrase is a word of it)
        inner = [n for n in index.find(m.words, m.start, lang, phrases=False, skip=frozenset(m.feature_ids))
                 if n.similarity >= STEM_SIMILARITY
                 and all(has_role(atlas.by_id[i].layer, "place", "district") for i in n.feature_ids)]
        for k, n in enumerate(inner):
            # joined to another name by a dash ("Lachin-Khankendi", "Степанакерт — Горис")
            joined = any(_DASH.fullmatch(text[a.end:b.start]) for a, b in zip(inner, inner[1:])
                         if n in (a, b))
            if joined or n.start > m.start:
                # (a road runs between towns: "Lachin" there is the town, not its district)
                towns = tuple(e for e in n.entries if has_role(e.layer, "place"))
                out.append(replace(n, entries=towns) if towns else n)
    return out


def _speaks_of(kinds: set[str], own: set[str], why: str, by_name: bool, now: bool) -> explain.Explained:
    """Why a sentence is tied to the document's event: the kinds of event it speaks of (and
    the words of the event's name, or the time of writing), and why the document is about it."""
    kinds = sorted(k[1:] for k in kinds)
    if by_name:
        return explain.of("document_event_named", kinds=kinds, words=sorted(own), why=why)
    return explain.of("document_event_now" if now else "document_event", kinds=kinds, why=why)


def _duration(event) -> int:
    """An event's length in days (0 when open-ended or undated: such an event is no one day's)."""
    start, end = event.validity.start, event.validity.end
    return (end - start).days if start is not None and end is not None else 0


def _literal(words: str, lang: str = "en") -> set[str]:
    """The content words of a text as written (skeletons of stems), also those that
    :func:`_topic` counts only by their synonym group ("statement", "shelling")."""
    synonyms = _synonyms()
    out = set()
    for t in tokens(words):
        which = languages.stem_language(t.text, lang)
        stemmed = languages.stem(t.text, which) if which else t.text.casefold()
        if t.text.casefold() in synonyms or stemmed in synonyms:
            out.add(t.stem_key(lang).rstrip("s") if which else t.key.rstrip("s"))
    return out


def _event_literal(feature, index: NameIndex, lang: str = "en") -> set[str]:
    """:func:`_literal` of an event's names in the sentence's language (:func:`_event_names`)."""
    key = ("literal", feature.id, lang)
    if key not in index.cache:
        words = set()
        for name, lg in _event_names(feature, lang):
            words |= _literal(name, lg)
        index.cache[key] = words
    return index.cache[key]


def _lasting(event) -> bool:
    """Whether an event lasts longer than :data:`EVENT_WINDOW_DAYS` (a war's shelling, a displacement)."""
    start, end = event.validity.start, event.validity.end
    return start is not None and end is not None and (end - start).days > EVENT_WINDOW_DAYS


def _elsewhere(places: list[str], event, atlas: Atlas) -> bool:
    """Whether the sentence names places and all of them lie outside the event's extent (its
    accuracy_km around its point): "a missile struck Ganja" is not the shelling of Stepanakert,
    though both are strikes."""
    return bool(places) and not any(_in_reach(atlas.by_id[i], event) for i in places)


def _within(place, event) -> bool:
    """Whether a place lies within the event's extent (its accuracy_km around its point), for an
    event no wider than :data:`EVENT_MAX_PLACE_EXTENT_KM`."""
    return event.accuracy_km <= EVENT_MAX_PLACE_EXTENT_KM and _in_reach(place, event)


def _in_reach(place, event) -> bool:
    """Whether a place lies within the event's accuracy_km (at least EVENT_MIN_EXTENT_KM) of
    its point."""
    a, b = place.geometry.centroid, event.geometry.centroid
    return GEOD.inv(a.x, a.y, b.x, b.y)[2] <= 1000 * max(event.accuracy_km, EVENT_MIN_EXTENT_KM)


def _event_names(feature, lang: str) -> list[tuple[str, str]]:
    """(name, language) of an event in the language of the sentence compared with it: its
    name in that language (a word of another language's name meets words of this one only by
    chance: the skeleton of an Armenian word of the name is that of "goods"), else all of them."""
    every = _all_event_names(feature)  # English first
    return [(n, lg) for n, lg in every if lg == lang] or every


#: a parenthesis holding only a date in an event's name ("(10 November 2020 - end of 2022)"):
#: its words say when, not what happened ("sonu", the end, is no word of the mines' topic);
#: one with a name before its date is kept ("(Tovuz-Tavush, July 2020)")
_DATE_PARENTHESIS = re.compile(r"\s*\([^(),]*\d[^(),]*\)")


@lru_cache(maxsize=8)
def _capture_pattern(lang: str) -> re.Pattern | None:
    pattern = table_of(lang).get("capture_pattern")
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _captures(name: str, lang: str) -> bool:
    """Whether an event's name says that forces took a place (``capture_pattern``: "Armenian
    forces take Kalbajar", not "the ceasefire agreement takes effect"): an event of fighting."""
    pattern = _capture_pattern(lang)
    return bool(pattern and pattern.search(name))


def _all_event_names(feature) -> list[tuple[str, str]]:
    """(name, language) of every name of an event, without the dates in parentheses."""
    out = [(feature.name, "en")] + ([(feature.names["en"], "en")] if isinstance(feature.names.get("en"), str) else [])
    out += [(feature.names[lg], lg) for lg in ("ru", "az", "hy") if isinstance(feature.names.get(lg), str)]
    return [(_DATE_PARENTHESIS.sub("", n), lg) for n, lg in out]


def _names_in(index: NameIndex, text: str, exclude: str) -> set[str]:
    """Ids of the features ``text`` names, other than ``exclude``: where the longest match is
    ``exclude``'s own name ("Armenian forces take Qubadli"), the names within it ("Qubadli")."""
    out = set()
    for m in index.find(text):
        ids = set(m.feature_ids) - {exclude}
        if ids:
            out |= ids
        elif " " in m.words:
            out |= _names_in(index, m.words.split(" ", 1)[1], exclude)
    return out


def _event_topic(feature, index: NameIndex, lang: str = "en") -> set[str]:
    """Content words of an event's name in the sentence's language (:func:`_event_names`), the
    kinds of event its name in any language says, and the ids of the places and areas its
    English name names."""
    key = ("topic", feature.id, lang)
    if key not in index.cache:
        topic = _names_in(index, feature.name, feature.id)
        for name, lg in _event_names(feature, lang):
            topic |= _topic(name, lg)
        # the kinds of event ("~blockade") its name says in any language: a kind is the same in all
        # (forces taking a town: fighting, "Armenian forces take Kalbajar")
        for name, lg in _event_names(feature, "*"):
            topic |= {w for w in _topic(name, lg) if w.startswith("~")}
            if _captures(name, lg):
                topic.add("~fighting")
        index.cache[key] = topic
    return index.cache[key]


#: the end of a name's first clause: a semicolon (in Armenian also the full stop "." or "․" that
#: stands for one between clauses)
_CLAUSE_END = {"hy": re.compile(r"[;.․]\s")}
_SEMICOLON = re.compile(r";\s")
#: What joins the two ends of a route's name: "Lachin-Khankendi", "Степанакерт — Горис".
_DASH = re.compile(r"\s?[-‐‑‒–—]\s?")


def _event_head(feature, index: NameIndex, lang: str = "en") -> set[str]:
    """:func:`_event_topic` of the first clause of an event's name (before a semicolon, or the
    Armenian full stop that stands for one): what happened, not what followed from it."""
    key = ("head", feature.id, lang)
    if key not in index.cache:
        index.cache[key] = {w for name, lg in _event_names(feature, lang)
                            for w in _topic(_CLAUSE_END.get(lg, _SEMICOLON).split(name)[0], lg)}
    return index.cache[key]


def _event_place_words(feature, index: NameIndex, lang: str = "en") -> set[str]:
    """The words of an event's names that name places and areas ("Agdam" in the shelling of
    Agdam, Tartar and Fuzuli)."""
    key = ("place words", feature.id, lang)
    if key not in index.cache:
        index.cache[key] = {w for name, lg in _event_names(feature, lang)
                            for m in index.find(name, lang=lg)
                            if any(has_role(index.layers[i], "place", "district") for i in m.feature_ids)
                            for w in _topic(m.words, lg)}
    return index.cache[key]


def _is_furniture(paragraph: str) -> bool:
    """Headings, bylines, datelines and captions: short lines that are not sentences."""
    words = len(paragraph.split())
    return (words < 15 and not paragraph.rstrip().endswith((".", "!", "?", "”", "\"", ".)", "։", ":", "»", "…"))) \
        or (words < 15 and paragraph.lstrip().startswith("By "))


def _citation(sentence: str) -> bool:
    return bool(re.match(r"^\s*(?:\[\d+\]|\d+\.\s)", sentence)) or "http" in sentence or "doi.org" in sentence


def _approximate(date: FuzzyDate) -> str:
    return date.text if date.text[-1] in "~?%" or "/" in date.text else date.text + "~"


def _body(text: str) -> str:
    """The text up to a references heading (the rest is citations, not prose); the same
    length as ``text`` so that offsets stay those of the stored text."""
    headings = {h.casefold() for h in terms()["reference_headings"]}
    for m in re.finditer(r"(?:^|\n\s*\n)([^\n]{1,40})(?=\n)", text):
        if m.group(1).strip().rstrip(":").casefold() in headings and m.start() > len(text) // 3:
            return text[:m.start(1)]
    return text


@dataclass
class _Sentence:
    """A sentence with what the first pass found in it (offsets in the whole text)."""

    index: int
    sentence: Sentence
    mentions: list  # of (start, end, DateMention), absolute offsets
    dated: tuple | None  # the (start, end, DateMention) the sentence is dated by, if any
    references: frozenset = frozenset()  # starts of the mentions that name a document (no date of it)
    # dated by looking back from the sentence before ("Two days earlier ..."): the story returns
    # to its own day after it, so no later sentence goes on at this date nor counts from it
    flashback: bool = False


#: how a phrase without a year got one from its context
_YEAR_GUESSED = frozenset({"year_from_text", "year_after_previous", "year_from_publication", "year_last_month"})


def _code(mention) -> str:
    return getattr(mention.resolved, "code", "")


def _read_sentences(text: str, sentences: list[Sentence], published: FuzzyDate, lang: str = "en",
                    news: bool = False, dateline: Dateline | None = None,
                    budget: Budget | None = None) -> list[_Sentence | None]:
    """First pass: date mentions of every prose sentence, with the paragraph's year as context
    (in news, a bare day is the latest such day instead). A dateline's date is not what its
    sentence speaks of: it dates that sentence only when the sentence names no date itself."""
    out: list[_Sentence | None] = []
    paragraph, year, previous, period = -1, None, None, None
    section_year = None  # the year of the heading above ("Autumn 2020: key dates"), if it names one
    furniture: dict[int, bool] = {}
    paragraphs = paragraph_spans(text)
    for i, s in enumerate(sentences):
        if budget is not None:
            budget.check(f"reading the dates of sentence {i + 1} of {len(sentences)}")
        if s.paragraph != paragraph:
            paragraph, year = s.paragraph, section_year
        if s.paragraph not in furniture:
            furniture[s.paragraph] = _is_furniture(text[slice(*paragraphs[s.paragraph])])
            if furniture[s.paragraph]:  # a heading's year is the year of the section below it
                years = phrases.years_in(phrases.find_dates(s.text, phrases.Context(published), lang))
                section_year = years[-1] if years else None
        if _citation(s.text) or furniture[s.paragraph]:
            out.append(None)
            continue
        # in news the paragraph's year is not carried over: a bare day is the latest such day
        found = phrases.find_dates(s.text, phrases.Context(published, None if news else year, news, previous,
                                                           period=period), lang)
        # (a day after a phrase counted from the sentence before is in that phrase's year: "A
        # month later, on 12 May, ...")
        counted = next((m for m in found if _code(m) == "counted_from_previous"
                        and m.date.first.year == m.date.last.year), None)
        if counted is not None and not news and counted.date.first.year != year \
                and any(m.start > counted.start and _code(m) in _YEAR_GUESSED for m in found):
            found = phrases.find_dates(s.text, phrases.Context(published, counted.date.first.year, news, previous,
                                                               period=period), lang)
        # (a date that names a document names no year the paragraph speaks of)
        named = document_dates(s.text, [(m.start, m.end) for m in found], lang)  # start -> names a document?
        explicit = phrases.years_in([m for m in found if not named.get(m.start)])
        if explicit:
            year = explicit[-1]
        mentions = [(s.start + m.start, s.start + m.end, m) for m in found]
        if dateline is not None and s.start < dateline.end:
            mentions = [m for m in mentions if m[0] >= dateline.end]
            found = [m for _, _, m in mentions]
            if not found:
                own = phrases.DateMention(0, len(dateline.date_words), dateline.date_words, dateline.edtf, "day",
                                          "the dateline's date: the day the item was filed")
                mentions, found = [(dateline.start, dateline.end, own)], [own]
        # a date that names a document dates the sentence only when it stands at the head (or the
        # document is made there) and nothing else does; one elsewhere never
        references = frozenset(a for a, b, m in mentions if named.get(a - s.start))
        documents = frozenset(a for a, b, m in mentions if a - s.start in named)
        if any(a not in documents for a, _, _ in mentions):
            references |= documents
        # a date in brackets speaks of what the brackets speak of ("(... imposed in 1923 ...)"): it
        # dates the sentence only when nothing outside them does
        brackets = _brackets(s.text) if mentions else []
        opens = [x for x, _ in brackets]
        asides = frozenset(a for a, b, m in mentions
                           if (k := bisect.bisect_left(opens, a - s.start) - 1) >= 0 and a - s.start < brackets[k][1])
        # (nor when the sentence names another date, even a document's: "... of the 2020
        # statement (signed on 10 November)" speaks of neither)
        if any(a not in asides for a, _, _ in mentions):
            references |= asides
        chosen = phrases.best([m for a, _, m in mentions if a not in references], published, past_only=True)
        dated = next(((a, b, m) for a, b, m in mentions if m is chosen), None)
        back = chosen is not None and previous is not None and chosen.date.last < previous.first \
            and getattr(chosen.resolved, "code", "") == "counted_from_previous"
        if chosen is not None and chosen.grain in ("day", "days") and not back:
            previous = chosen.date  # what "the next day" of a later sentence counts from
        if chosen is not None and not back:  # what "in those same weeks" is (a day to a year)
            period = chosen.date if (chosen.date.last - chosen.date.first).days <= 366 else None
        out.append(_Sentence(i, s, mentions, dated, references, back))
    return out


_BRACKETS = re.compile(r"\([^()]{0,400}\)")


def _brackets(sentence: str) -> list[tuple[int, int]]:
    """The spans of ``sentence`` in round brackets."""
    return [m.span() for m in _BRACKETS.finditer(sentence)] if "(" in sentence else []


def _after_dateline(sentences: list[Sentence], dateline: Dateline | None) -> list[Sentence]:
    """The sentences with the dateline's words taken out (a quote starts after them)."""
    if dateline is None:
        return sentences
    out = []
    for s in sentences:
        if s.end <= dateline.end:
            continue
        if s.start < dateline.end:
            s = Sentence(dateline.end, s.end, s.text[dateline.end - s.start:], s.paragraph)
        out.append(s)
    return out


def _long(mention) -> bool:
    """A period longer than a few weeks ("since 2020"): in news, a sentence without a date of
    its own speaks of the day of writing rather than of such a neighbour's period."""
    when = mention.date
    return (when.last - when.first).days > EVENT_WINDOW_DAYS


#: a period this long or longer ("the 1990s", "1992-1994") is background: only the sentence
#: right beside it goes on at that date, not one further off ("the territories seized in the
#: 1990s. ... It was the first time that Yerevan had evoked Article 4")
VAGUE_DAYS = 730


def _vague(mention) -> bool:
    """(a period running to the time of writing, "since 2020", is no background: it is now)"""
    when = mention.date
    return (when.last - when.first).days >= VAGUE_DAYS and mention.grain != "since"


def _outside_dates(matches: list[NameMatch], dates: list[tuple[int, int]], index: NameIndex,
                   text: str, lang: str) -> list[NameMatch]:
    """``matches`` without the words of a date; a name that runs into a date is read again
    without it ("təmas xətti 2020-ci il 10 noyabr": the line of contact, then the date)."""
    out = []
    for m in matches:
        inside = [(a, b) for a, b in dates if a < m.end and m.start < b]
        if not inside:
            out.append(m)
            continue
        first = min(a for a, _ in inside)
        if first > m.start:
            out += [n for n in index.find(text[m.start:first], offset=m.start, lang=lang)
                    if not any(a < n.end and n.start < b for a, b in dates)]
    return out


def _present_tense(words: str, lang: str) -> bool:
    """Whether a sentence's verb is in the present tense (``present_tense`` of the language's
    table: "are", "գտնվում են"): in news, it speaks of the time of writing, not of the
    moment of the sentence before it."""
    pattern = table_of(lang).get("present_tense")
    return bool(pattern) and re.search(pattern, words) is not None


def _neighbour_date(read: list[_Sentence | None], i: int, news: bool = False) -> tuple | None:
    """The date of the nearest dated sentence of the same paragraph: before, else after (not
    in ``news``: a news item tells the latest first, so a later sentence's date is background,
    "11 октября здесь уже погибли", and the lead without a date is of the day of filing), as
    (start, end, mention, how many sentences away: negative before)."""
    paragraph = read[i].sentence.paragraph
    for step in ((-1,) if news else (-1, 1)):
        j = i + step
        while 0 <= j < len(read) and (read[j] is None or read[j].sentence.paragraph == paragraph):
            if read[j] is not None and read[j].dated is not None and not read[j].flashback:
                return read[j].dated + (j - i,)
            j += step
    return None


@dataclass(frozen=True)
class Reading:
    """How a document is read: its language, its dateline, and the news rule."""

    lang: str
    published: FuzzyDate  # the dateline's day when it falls within the given publication date
    news: bool
    dateline: Dateline | None


def reading(text: str, published: FuzzyDate, lang: str | None = None, news: bool = False) -> Reading:
    lang = lang or languages.detect(text)
    dateline = find_dateline(text, published, lang)
    if dateline is not None:
        day = parse_date(dateline.edtf)
        if published.first <= day.first and day.last <= published.last:
            published = day
    return Reading(lang, published, news or dateline is not None, dateline)


def propose(text: str, published: FuzzyDate, atlas: Atlas, index: NameIndex | None = None,
            lang: str | None = None, news: bool = False, budget: Budget | None = None) -> list[Proposal]:
    """Proposed excerpts of ``text``, best first. ``lang``: the text's language (detected by
    its letters when None); ``news``: read bare days as news does (also when the text opens
    with a dateline); ``budget``: the time it may take (checked sentence by sentence)."""
    index = index or NameIndex(atlas.features)
    how = reading(text, published, lang, news)
    lang, published = how.lang, how.published
    sentences = _after_dateline(split_sentences(_body(text)), how.dateline)
    read = _read_sentences(text, sentences, published, lang, how.news, how.dateline, budget)
    about = _document_events(atlas, read, published)
    out: list[Proposal] = []
    covered_to = -1
    for i, r in enumerate(read):
        if budget is not None:
            budget.check(f"proposing from sentence {i + 1} of {len(read)}")
        if r is None or r.sentence.start < covered_to:
            continue
        s = r.sentence
        focus = r.dated[:2] if r.dated else (s.start, s.start)
        # two dated sentences make two claims: never one quote
        following = read[i + 1] if i + 1 < len(read) else None
        # (and in news every sentence stands alone: a wire item's sentences are short and each
        # speaks of its own moment)
        # (nor a dated sentence with one that has a date of its own, even the same one: "In the
        # same days ..." makes a claim of its own)
        # (nor a sentence without a date that names features or events itself with one that has
        # a date of its own: that date is the other sentence's)
        # (nor a flashback with what follows it: the story has returned to its own day)
        joinable = not how.news and not r.flashback and not (
            following is not None and following.dated
            and (r.dated or bool(index.find(s.text, lang=lang)) or _eventful(s.text, lang)))
        context = not r.flashback and following is not None and following.dated is None \
            and following.sentence.paragraph == s.paragraph \
            and points_back(following.sentence.text, lang, weak=True)
        start, end = _span(text, sentences, i, focus, joinable, context)
        mentions, references = list(r.mentions), r.references
        if end > s.end and i + 1 < len(read) and read[i + 1] is not None:
            mentions += read[i + 1].mentions
            references |= read[i + 1].references
        mentions = [m for m in mentions if start <= m[0] and m[1] <= end]
        # (a date's words name no place: "марта", "martın", "մարտի" are March, not Martuni;
        # nor is a word of events an inflected name: "մարտերն" are battles, not Martuni)
        matches = [m for m in _outside_dates(index.find(text[start:end], offset=start, lang=lang),
                                             [(a, b) for a, b, _ in mentions], index, text, lang)
                   if not (m.similarity < 100 and _event_word(m.words, lang))]
        chosen = phrases.best([m for a, _, m in mentions if a not in references], published, past_only=True)
        # (an undated sentence is proposed when it names something, speaks of events, or names
        # a town, district or route again by its kind: "The road measures 32 kilometres")
        speaks = lambda: bool(matches) or _eventful(text[start:end], lang) \
            or bool(anaphora.kind_words(text, start, end, lang, matches, _kinds_of(atlas)))  # noqa: E731
        if chosen is not None:
            a, b, _ = next(m for m in mentions if m[2] is chosen)
            date, basis, base = chosen.edtf, chosen.basis(), _GRAIN_SCORE[chosen.grain]
            if how.dateline is not None and a == how.dateline.start:
                base = DATELINE_SCORE
            date_ev = {"words": chosen.words, "start": a, "end": b, "edtf": chosen.edtf,
                       **explain.evidence(chosen.resolved or explain.of("explicit"))}
        elif how.news and out and out[-1].end >= _previous_end(read, i) and not _eventful(text[start:end], lang) \
                and _only_governments(text, matches, atlas, lang):
            # in a news item, a sentence with nothing of its own ("The ministry denies any
            # involvement", "Yerevan denied it") goes on with the sentence before it
            again: tuple[list, list, list] = ([], [], [])
            _named_again(text, (start, end), lang, matches, read, i,
                         index, atlas, features_during(atlas, published), *again)
            _continue_story(out, start, end, text, lang, published, atlas, again)
            covered_to = end
            continue
        elif speaks() and (near := _neighbour_date(read, i, how.news)) is not None \
                and not (how.news and (_long(near[2]) or _present_tense(s.text, lang))) \
                and not (abs(near[3]) > 1 and _vague(near[2])):
            a, b, prev, step = near
            date, base = prev.edtf, INHERITED_SCORE
            where = "an earlier" if step < 0 else "a later"
            basis = f"No date in the sentence; the date of {where} sentence of its paragraph, read from “{prev.words}”."
            date_ev = {"words": prev.words, "start": a, "end": b, "edtf": prev.edtf,
                       **explain.evidence(explain.of("earlier_sentence" if step < 0 else "later_sentence"))}
        elif speaks():
            date, base = _approximate(published), PUBLISHED_SCORE
            basis = f"No date in the sentence or its paragraph; the publication date {published.text}."
            date_ev = {"words": "", "start": None, "end": None, "edtf": date,
                       **explain.evidence(explain.of("publication_date"))}
        else:
            continue
        period = parse_date(date, allow_interval=True)
        # a sentence dated only by its publication speaks of the time of writing: the features
        # the atlas shows on the last day the publication date can mean
        on = parse_date(published.last.isoformat()) if base == PUBLISHED_SCORE else period
        shown = features_during(atlas, on)
        features, places, link_ev = _links(text, matches, atlas, period, shown,
                                           index, (start, end), [m for _, _, m in mentions], lang, about,
                                           # (loosely dated: by publication, or by a neighbour at the time of writing)
                                           base <= INHERITED_SCORE and period.last >= published.first,
                                           features_during(atlas, on, NAMED_VALIDITY_SLACK_DAYS) if matches else None)
        _named_again(text, (start, end), lang, matches, read, i,
                     index, atlas, shown, features, places, link_ev)
        _by_its_ends(text[start:end], lang, atlas, shown, features, places, link_ev)
        _new_or_old_route(text[start:end], lang, atlas, period, features, link_ev)
        _departures(text[start:end], lang, atlas, index, period, features, link_ev)
        if out and out[-1].end >= _previous_end(read, i) and points_back(s.text, lang):
            _carry_on(out[-1], atlas, shown, features, link_ev)
        named = sum(1 for e in link_ev if e["start"] is not None and e["ids"])
        score = round(min(1.0, base + min(MAX_LINK_SCORE, LINK_SCORE * named)
                          + (0.05 if len(features) + len(places) > named else 0)), 2)
        covered_to = end
        out.append(Proposal(start, end, text[start:end], date, basis, features, places, score,
                            {"date": date_ev, "links": link_ev}, lang))
    return out


def _only_governments(text: str, matches: list[NameMatch], atlas: Atlas, lang: str = "en") -> bool:
    """Whether every name of ``matches`` is a capital standing for its government ("Yerevan
    denied"; not "in Yerevan"): names that link nothing (true when there are none)."""
    t = terms()
    metonyms = set(t["metonym_kinds"])
    return all(all(atlas.by_id[i].kind in metonyms for i in m.feature_ids) and not _located(text, m, lang)
               for m in matches)


def _previous_end(read: list, i: int) -> int:
    """Where the prose sentence before sentence ``i`` ends (-1 when there is none)."""
    j = i - 1
    while j >= 0 and read[j] is None:
        j -= 1
    return read[j].sentence.end if j >= 0 else -1


def _continue_story(out: list[Proposal], start: int, end: int, text: str, lang: str,
                    published: FuzzyDate, atlas: Atlas, again: tuple[list, list, list] = ([], [], [])) -> None:
    """Propose a news sentence without a date, name or event word of its own ("The ministry
    denies any involvement"): dated from the day of the proposal just before it to the day of
    filing (the day itself when they are one), linked to that proposal's events, marked as
    inferred, to the town or district it names again by its kind (``again``: features, places
    and their evidence, from :func:`_named_again`), and, when it points back ("Its observers
    ..."), to the lines, routes and zones of the proposal before it."""
    before = out[-1]
    ids = [i for i in before.feature_ids if has_role(atlas.by_id[i].layer, "event")]
    evidence = [_inferred(ids, explain.of("news_goes_on"))] \
        if ids else []
    ids, places = ids + [i for i in again[0] if i not in ids], list(again[1])
    evidence += again[2]
    if points_back(text[start:end], lang, weak=True):  # "Её наблюдатели ...": the mission's observers
        _carry_on(before, atlas, features_during(atlas, published), ids, evidence)
    # between the moment of the sentence before and the day of filing (a reaction follows the
    # event and precedes the filing; which day the item does not say)
    filed = published.text if published.precision == "day" else _approximate(published)
    earlier = parse_date(before.date, allow_interval=True)
    date = filed
    if published.precision == "day" and "/" not in before.date and earlier.precision == "day" \
            and earlier.first < published.first:
        date = f"{before.date.rstrip('~?')}/{published.text}"
    basis = (f"No date in the sentence; in a news item it goes on with the sentence before it ({before.date}) "
             f"and was filed on {published.text}.")
    date_ev = {"words": "", "start": None, "end": None, "edtf": date,
               **explain.evidence(explain.of("news_between"))}
    out.append(Proposal(start, end, text[start:end], date, basis, ids, places, PUBLISHED_SCORE,
                        {"date": date_ev, "links": evidence}, lang))


def ranked(proposals: list[Proposal]) -> list[Proposal]:
    """Best first; text order among equals."""
    return sorted(proposals, key=lambda p: (-p.score, p.start))
