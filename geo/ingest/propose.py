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
Every proposal keeps its evidence (words and offsets in the stored text) and a score.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from ..atlas import Atlas
from ..crs import GEOD
from ..dates import FuzzyDate, parse_date
from ..validate import MAX_QUOTE_WORDS
from . import dates as phrases
from .match import NameIndex, NameMatch, terms, tokens
from .sentences import Sentence, split_sentences

#: An excerpt dated by a period at most this long is linked to the events of that period.
EVENT_WINDOW_DAYS = 62
#: ... and to the events of up to this many days before or after it.
EVENT_SLACK_DAYS = 3
#: A place this close to an event's point ties a sentence of the event's dates to it.
EVENT_MIN_EXTENT_KM = 10
#: ... unless the event spans a whole region (shelling of many towns, a displacement, mines in
#: several districts): a place inside so wide an extent says nothing of the event; words must.
EVENT_MAX_PLACE_EXTENT_KM = 30
SHORT_SENTENCE_WORDS = 10
_GRAIN_SCORE = {"since": 0.2, "day": 0.5, "days": 0.45, "week": 0.4, "month": 0.4, "months": 0.35, "season": 0.3,
                "year": 0.25, "years": 0.2, "decade": 0.15}
INHERITED_SCORE, PUBLISHED_SCORE, LINK_SCORE, MAX_LINK_SCORE = 0.1, 0.05, 0.1, 0.4


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

    def record(self, excerpt_id: str, source_id: str) -> dict:
        """The proposal as an excerpt of a source file."""
        return {"id": excerpt_id, "source_id": source_id, "quote": self.quote, "date": self.date,
                "date_basis": self.date_basis, "feature_ids": self.feature_ids, "place_ids": self.place_ids,
                "status": "proposed", "score": self.score, "evidence": self.evidence}


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


def _paragraph(text: str, s: Sentence) -> str:
    a = text.rfind("\n\n", 0, s.start)
    b = text.find("\n\n", s.end)
    return text[a + 2 if a >= 0 else 0: b if b >= 0 else len(text)]


def _words(text: str) -> int:
    return len(text.split())


def _span(text: str, sentences: list[Sentence], i: int, focus: tuple[int, int],
          joinable: bool = True) -> tuple[int, int]:
    """The quoted span: the sentence (with the next one when either is short and ``joinable``),
    at most 60 words; a long sentence is cut to the clauses around ``focus`` (the date phrase)."""
    s = sentences[i]
    start, end = s.start, s.end
    if joinable and i + 1 < len(sentences) and sentences[i + 1].paragraph == s.paragraph \
            and (_words(s.text) < SHORT_SENTENCE_WORDS or _words(sentences[i + 1].text) < SHORT_SENTENCE_WORDS) \
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


def _near(text: str, match: NameMatch, words: set[str]) -> bool:
    """Whether a word of ``words`` stands right after or up to three words before the name."""
    after = [t.text.casefold() for t in tokens(text[match.end:match.end + 30])][:1]
    before = [t.text.casefold() for t in tokens(text[max(0, match.start - 40):match.start])][-4:]
    return bool(set(after) & words or set(before) & words)


def _preceded_by(text: str, match: NameMatch, words: set[str]) -> bool:
    before = [t.text.casefold() for t in tokens(text[max(0, match.start - 30):match.start])][-1:]
    return bool(set(before) & words)


def _choose_area(text: str, m: NameMatch, atlas: Atlas, ids: list[str]) -> list[str]:
    """A name that is both a place and a district: the words around it decide, else terms.json."""
    t = terms()
    places = [i for i in ids if atlas.by_id[i].layer == "places"]
    areas = [i for i in ids if atlas.by_id[i].layer == "provinces"]
    if not places or not areas:
        return ids
    district = _near(text, m, {w.casefold() for w in t["district_words"]})
    settlement = _near(text, m, {w.casefold() for w in t["settlement_words"]})
    if district and not settlement:
        return areas
    if settlement and not district:
        return places
    rule = {t["ambiguous"].get(atlas.by_id[i].kind, "place") for i in areas}
    if "both" in rule:
        return places + areas
    return areas if rule == {"province"} else places


_MONTH_WORDS = {dt.date(2000, m, 1).strftime(f).casefold() for m in range(1, 13) for f in ("%B", "%b")} | {"sept"}


def _synonyms() -> dict[str, str]:
    key = "_synonyms"
    cache = terms()
    if key not in cache:
        cache[key] = {w.casefold(): f"~{group[0]}" for group in cache["event_synonyms"] for w in group}
    return cache[key]


def _topic(words: str) -> set[str]:
    """Content words (skeletons; a synonym group counts as one word) of a sentence or an event name."""
    stop = {w.casefold() for w in terms()["event_stopwords"]}
    synonyms = _synonyms()
    out = set()
    for t in tokens(words):
        word = t.text.casefold()
        if word in synonyms:
            out.add(synonyms[word])
        elif len(t.key) >= 4 and word not in stop and not t.key.isdigit() and word.rstrip(".") not in _MONTH_WORDS:
            out.add(t.key.rstrip("s"))
    return out


def _eventful(words: str) -> bool:
    """Whether a sentence uses the words of events (fighting, ceasefire, talks, ...)."""
    synonyms = _synonyms()
    return any(t.text.casefold() in synonyms for t in tokens(words))


def _links(text: str, matches: list[NameMatch], atlas: Atlas, period: FuzzyDate, shown: set[str],
           index: NameIndex, span: tuple[int, int], mentions: list = ()) -> tuple[list[str], list[str], list[dict]]:
    t = terms()
    locative = {w.casefold() for w in t["locative_words"]}
    metonyms = set(t["metonym_kinds"])
    features, places, evidence = [], [], []
    for m in matches:
        ids = _choose_area(text, m, atlas, list(m.feature_ids))
        ids = [i for i in ids if atlas.by_id[i].kind not in metonyms or _preceded_by(text, m, locative)]
        # dated features named in the text: the ones the atlas shows during the excerpt's date
        # (an event may be spoken of after it happened: its name is enough)
        dated = [i for i in ids if atlas.by_id[i].layer not in ("places", "provinces", "events")]
        if dated:
            ids = [i for i in ids if i not in dated or i in shown]
        if not ids:
            evidence.append({"words": m.words, "start": m.start, "end": m.end, "ids": [],
                             "how": "name of a feature the atlas does not show at this date"})
            continue
        for i in ids:
            (places if atlas.by_id[i].layer == "places" else features).append(i)
        how = "name" if m.similarity >= 100 else f"similar name ({m.similarity:.0f}%)"
        evidence.append({"words": m.words, "start": m.start, "end": m.end, "ids": ids,
                         "how": how, "variant": m.entries[0].variant})
    words = _topic(text[span[0]:span[1]]) | set(features) | set(places)
    # the excerpt's date and each date the sentence names ("since 12 December" counts from that
    # day), widened by a few days: a sentence may speak of the eve or the morrow of an event
    periods = [period] + [parse_date(m.edtf.split("/")[0]) if m.grain == "since" else m.date for m in mentions]
    for when in periods:
        if (when.last - when.first).days > EVENT_WINDOW_DAYS:
            continue
        during = features_during(atlas, when, EVENT_SLACK_DAYS)
        for f in atlas.layer("events"):
            if f.id in during and f.id not in features:
                common = words & _event_topic(f, index) or {p for p in places if _within(atlas.by_id[p], f)}
                if _lasting(f):  # a months-long event: a word of a whole class ("~fighting") is not enough
                    common = {w for w in common if not w.startswith("~")}
                if common:
                    features.append(f.id)
                    evidence.append({"words": "", "start": None, "end": None, "ids": [f.id],
                                     "how": f"event the atlas shows during {when.text}, sharing words or "
                                            f"places with it: {', '.join(sorted(common))}"})
    return list(dict.fromkeys(features)), list(dict.fromkeys(places)), evidence


def _lasting(event) -> bool:
    """Whether an event lasts longer than :data:`EVENT_WINDOW_DAYS` (a war's shelling, a displacement)."""
    start, end = event.validity.start, event.validity.end
    return start is not None and end is not None and (end - start).days > EVENT_WINDOW_DAYS


def _within(place, event) -> bool:
    """Whether a place lies within the event's extent (its accuracy_km around its point), for an
    event no wider than :data:`EVENT_MAX_PLACE_EXTENT_KM`."""
    if event.accuracy_km > EVENT_MAX_PLACE_EXTENT_KM:
        return False
    a, b = place.geometry.centroid, event.geometry.centroid
    metres = GEOD.inv(a.x, a.y, b.x, b.y)[2]
    return metres <= 1000 * max(event.accuracy_km, EVENT_MIN_EXTENT_KM)


def _event_topic(feature, index: NameIndex) -> set[str]:
    """Content words of an event's name and the ids of the places and areas it names."""
    key = ("topic", feature.id)
    if key not in index.cache:
        named = {i for m in index.find(feature.name) for i in m.feature_ids if i != feature.id}
        index.cache[key] = _topic(feature.name) | named
    return index.cache[key]


def _is_furniture(paragraph: str) -> bool:
    """Headings, bylines, datelines and captions: short lines that are not sentences."""
    words = len(paragraph.split())
    return (words < 15 and not paragraph.rstrip().endswith((".", "!", "?", "”", "\"", ".)"))) \
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


def _read_sentences(text: str, sentences: list[Sentence], published: FuzzyDate) -> list[_Sentence | None]:
    """First pass: date mentions of every prose sentence, with the paragraph's year as context."""
    out: list[_Sentence | None] = []
    paragraph, year = -1, None
    for i, s in enumerate(sentences):
        if s.paragraph != paragraph:
            paragraph, year = s.paragraph, None
        if _citation(s.text) or _is_furniture(_paragraph(text, s)):
            out.append(None)
            continue
        found = phrases.find_dates(s.text, phrases.Context(published, year))
        explicit = phrases.years_in(found)
        if explicit:
            year = explicit[-1]
        mentions = [(s.start + m.start, s.start + m.end, m) for m in found]
        chosen = phrases.best(found, published, past_only=True)
        dated = next(((a, b, m) for a, b, m in mentions if m is chosen), None)
        out.append(_Sentence(i, s, mentions, dated))
    return out


def _neighbour_date(read: list[_Sentence | None], i: int) -> tuple | None:
    """The date of the nearest dated sentence of the same paragraph: before, else after."""
    paragraph = read[i].sentence.paragraph
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(read) and (read[j] is None or read[j].sentence.paragraph == paragraph):
            if read[j] is not None and read[j].dated is not None:
                return read[j].dated + (step,)
            j += step
    return None


def propose(text: str, published: FuzzyDate, atlas: Atlas, index: NameIndex | None = None) -> list[Proposal]:
    """Proposed excerpts of ``text``, best first."""
    index = index or NameIndex(atlas.features)
    sentences = split_sentences(_body(text))
    read = _read_sentences(text, sentences, published)
    out: list[Proposal] = []
    covered_to = -1
    for i, r in enumerate(read):
        if r is None or r.sentence.start < covered_to:
            continue
        s = r.sentence
        focus = r.dated[:2] if r.dated else (s.start, s.start)
        # two sentences dated differently speak of two moments: never one quote
        following = read[i + 1] if i + 1 < len(read) else None
        joinable = not (r.dated and following is not None and following.dated
                        and following.dated[2].edtf != r.dated[2].edtf)
        start, end = _span(text, sentences, i, focus, joinable)
        mentions = list(r.mentions)
        if end > s.end and i + 1 < len(read) and read[i + 1] is not None:
            mentions += read[i + 1].mentions
        mentions = [m for m in mentions if start <= m[0] and m[1] <= end]
        matches = index.find(text[start:end], offset=start)
        chosen = phrases.best([m for _, _, m in mentions], published, past_only=True)
        if chosen is not None:
            a, b, _ = next(m for m in mentions if m[2] is chosen)
            date, basis, base = chosen.edtf, chosen.basis(), _GRAIN_SCORE[chosen.grain]
            date_ev = {"words": chosen.words, "start": a, "end": b, "edtf": chosen.edtf,
                       "how": chosen.resolved or "explicit"}
        elif (matches or _eventful(text[start:end])) and (near := _neighbour_date(read, i)) is not None:
            a, b, prev, step = near
            date, base = prev.edtf, INHERITED_SCORE
            where = "an earlier" if step < 0 else "a later"
            basis = f"No date in the sentence; the date of {where} sentence of its paragraph, read from “{prev.words}”."
            date_ev = {"words": prev.words, "start": a, "end": b, "edtf": prev.edtf,
                       "how": f"from {where} sentence of the paragraph"}
        elif matches or _eventful(text[start:end]):
            date, base = _approximate(published), PUBLISHED_SCORE
            basis = f"No date in the sentence or its paragraph; the publication date {published.text}."
            date_ev = {"words": "", "start": None, "end": None, "edtf": date, "how": "publication date"}
        else:
            continue
        period = parse_date(date, allow_interval=True)
        # a sentence dated only by its publication speaks of the time of writing: the features
        # the atlas shows on the last day the publication date can mean
        shown = features_during(atlas, parse_date(published.last.isoformat()) if base == PUBLISHED_SCORE else period)
        features, places, link_ev = _links(text, matches, atlas, period, shown,
                                           index, (start, end), [m for _, _, m in mentions])
        named = sum(1 for e in link_ev if e["start"] is not None and e["ids"])
        score = round(min(1.0, base + min(MAX_LINK_SCORE, LINK_SCORE * named)
                          + (0.05 if len(features) + len(places) > named else 0)), 2)
        covered_to = end
        out.append(Proposal(start, end, text[start:end], date, basis, features, places, score,
                            {"date": date_ev, "links": link_ev}))
    return out


def ranked(proposals: list[Proposal]) -> list[Proposal]:
    """Best first; text order among equals."""
    return sorted(proposals, key=lambda p: (-p.score, p.start))
