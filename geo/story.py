"""The guided story and the captions of key dates (``data/story.json``).

A stop is a day, a neutral one-line caption, and where the record has them one excerpt
from each side (``excerpts.armenian``, ``excerpts.azerbaijani``) and others (``also``).
:func:`check_story` is what the tests and validation run: every excerpt exists and
speaks of its stop (within :data:`STOP_WINDOW_DAYS`), a side's slot holds that side's
source, and no caption uses a one-sided term of the style guide (``data/style.json``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atlas import Atlas
from .dates import parse_day
from .errors import DateError, Problem
from .io import default_data_dir, read_json_inside
from .layers import has_role
from .names import label
from .style import read_terms, terms_in
from . import i18n
from .i18n import gettext
from .i18n import _

STORY_FILE = "story.json"
SIDES = ("armenian", "azerbaijani")
STOP_WINDOW_DAYS = 60
@dataclass(frozen=True)
class Stop:
    date: dt.date
    caption: str
    armenian: str | None
    azerbaijani: str | None
    also: tuple[str, ...]

    @property
    def excerpt_ids(self) -> tuple[str, ...]:
        return tuple(e for e in (self.armenian, self.azerbaijani, *self.also) if e)

    def record(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "caption": i18n.text(self.caption),
                "excerpts": {"armenian": self.armenian, "azerbaijani": self.azerbaijani, "also": list(self.also)}}


def read_story(data_dir: Path | str) -> tuple[list[Stop], list[Problem]]:
    """The stops of ``<data_dir>/story.json`` in date order, and the problems that stopped any."""
    path = Path(data_dir) / STORY_FILE
    if not (path.exists() or path.is_symlink()):
        return [], []
    raw, problems = read_json_inside(data_dir, STORY_FILE)  # confined, strict JSON, like every data file
    if problems:
        return [], problems
    stops, problems = [], []
    for i, entry in enumerate(raw.get("stops") or [] if isinstance(raw, dict) else []):
        where = f"stops[{i}]"
        try:
            day = parse_day(entry["date"])
            caption = str(entry["caption"]).strip()
            excerpts = entry.get("excerpts") or {}
            stops.append(Stop(day, caption, excerpts.get("armenian"), excerpts.get("azerbaijani"),
                              tuple(excerpts.get("also") or ())))
        except (KeyError, TypeError, AttributeError, DateError) as exc:
            problems.append(Problem(STORY_FILE, where, "", _("not a stop ({exc})", exc=exc)))
    return sorted(stops, key=lambda s: s.date), problems


def loaded_terms_in(text: str, data_dir: Path | str | None = None) -> list[tuple[str, str]]:
    """(side, term) for every one-sided English term of the style guide of ``data_dir`` (default:
    the shipped dataset's) that ``text`` uses outside quotations."""
    terms, _problems = read_terms(data_dir or default_data_dir())
    return [(t.side, t.term) for t in terms_in(text, terms)]


def check_story(atlas: Atlas, stops: list[Stop]) -> list[Problem]:
    """Every problem of the story against the atlas (see the module docstring)."""
    problems = []
    for stop in stops:
        where = stop.date.isoformat()
        for side in SIDES:
            eid = getattr(stop, side)
            if eid and eid in atlas.excerpts_by_id:
                group = atlas.sources[atlas.excerpts_by_id[eid].source_id].vantage_group
                if group != side:
                    problems.append(Problem(STORY_FILE, where, f"excerpts.{side}",
                                            _("{eid} is from a source of vantage {group}, not {side}",
                                              eid=eid, group=repr(group), side=repr(side))))
        for eid in stop.excerpt_ids:
            excerpt = atlas.excerpts_by_id.get(eid)
            if excerpt is None:
                problems.append(Problem(STORY_FILE, where, "excerpts", _("unknown excerpt id {eid}", eid=repr(eid))))
            elif not excerpt.speaks_of(stop.date, STOP_WINDOW_DAYS):
                problems.append(Problem(STORY_FILE, where, "excerpts",
                                        _("{eid} speaks of {date}, not within {n} days of the stop",
                                          eid=eid, date=excerpt.date.text, n=STOP_WINDOW_DAYS)))
        for side, term in loaded_terms_in(stop.caption, atlas.root):
            problems.append(Problem(STORY_FILE, where, "caption", _("uses {term}, a term of the {side} side",
                                                                    term=repr(term), side=side)))
    return problems


def milestones(data_dir: Path | str | None) -> list[tuple[dt.date, str]]:
    """The dates a reader may jump to, each with its caption: the stops of ``story.json``,
    the one list of key dates in words (the timeline's story, the dashboard's "jump to")."""
    stops, _problems = read_story(data_dir) if data_dir else ([], [])
    return [(stop.date, stop.caption) for stop in stops]


def key_date_captions(atlas: Atlas, stops: list[Stop], convention: str = "en") -> dict[str, str]:
    """A neutral one-line caption for every key date on which the map changes.

    The story's caption where a stop falls on the day; else the chronology's words for the
    changes of hands that start that day (``change`` of the control areas); else the names
    of the events that start that day; else the names of the other features that start then
    (a road, a mission), with the date they start from. Days that only start an excerpt
    get none. Names follow the naming ``convention``; the chronology's words and the
    captions are in the interface language.
    """
    ranked: dict[str, dict[int, list[str]]] = {}
    for feature in sorted(atlas.features, key=lambda f: f.id):
        start = feature.validity.start
        if start is None or has_role(feature.layer, "district", "place"):
            continue
        if has_role(feature.layer, "control"):
            rank, text = 0, i18n.text(feature.properties.get("change"))
        elif has_role(feature.layer, "event"):
            rank, text = 1, label(feature, convention)
        else:
            rank, text = 2, gettext("{name}: from {date}", name=label(feature, convention),
                                    date=feature.validity.valid_from.text)
        texts = ranked.setdefault(start.isoformat(), {}).setdefault(rank, [])
        if text and text not in texts:
            texts.append(text)
    out = {day: "; ".join(by_rank[min(r for r in by_rank if by_rank[r])])
           for day, by_rank in ranked.items() if any(by_rank.values())}
    out.update({stop.date.isoformat(): i18n.text(stop.caption) for stop in stops})  # captions: in the catalogue
    return dict(sorted(out.items()))
