"""What the dashboard shows, as plain data: table rows, excerpt lists, figures, downloads.

No streamlit here, so every piece can be tested on its own. HTML built from data
goes through :mod:`geo.escape` (see :func:`literal`, :func:`source_html`).
"""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Callable, Hashable, Iterable

from geo import escape, render
from geo.atlas import Atlas
from geo.layers import LAYER_IDS as LAYERS, SIDES, title as layer_title
from geo.model import VANTAGE_GROUPS, Excerpt, Feature
from geo.names import label
from geo.stats import stats_for_date

TABLE_COLUMNS = ("Layer", "Name", "Kind", "Valid from", "Valid to", "Uncertain dates", "Accuracy (km)",
                 "Excerpts", "Id")


def humanise(kind: str) -> str:
    return kind.replace("_", " ")


def shown_features(atlas: Atlas, day: dt.date, layers: Iterable[str]) -> list[Feature]:
    wanted = set(layers)
    by_layer = atlas.features_on(day)
    return [f for layer in LAYERS if layer in wanted for f in by_layer[layer]]


def table_rows(atlas: Atlas, day: dt.date, layers: Iterable[str], convention: str) -> list[dict]:
    """The text alternative of the map: one row per feature shown on ``day``."""
    rows = []
    for f in shown_features(atlas, day, layers):
        v = f.validity
        rows.append(dict(zip(TABLE_COLUMNS, (
            layer_title(f.layer), label(f, convention), humanise(f.kind),
            v.valid_from.text if v.valid_from else "(open)", v.valid_to.text if v.valid_to else "(open)",
            "yes" if v.uncertain_on(day) else "no", f.accuracy_km, len(atlas.excerpt_ids_for(f.id)), f.id))))
    return rows


# -- excerpts --------------------------------------------------------------------------
def excerpts_shown(atlas: Atlas, day: dt.date, window_days: int, source_ids: Iterable[str] | None = None,
                   vantage_groups: Iterable[str] | None = None) -> list[Excerpt]:
    """Excerpts speaking of ``day`` ± window, newest first, kept to the chosen sources and vantages
    (None means no filter)."""
    sources = set(source_ids) if source_ids is not None else None
    groups = set(vantage_groups) if vantage_groups is not None else None
    out = []
    for e in atlas.excerpts_on(day, window_days):
        source = atlas.source_of(e)
        if (sources is None or source.id in sources) and (groups is None or source.vantage_group in groups):
            out.append(e)
    return out


def source_choices(atlas: Atlas) -> dict[str, str]:
    """source id -> "title (vantage group)" for the source filter, by title."""
    items = sorted(atlas.sources.values(), key=lambda s: s.title.lower())
    return {s.id: f"{s.title} ({VANTAGE_GROUPS.get(s.vantage_group, s.vantage_group)})" for s in items}


def vantage_choices(atlas: Atlas) -> dict[str, str]:
    present = {s.vantage_group for s in atlas.sources.values()}
    return {key: title for key, title in VANTAGE_GROUPS.items() if key in present}


def excerpt_block(atlas: Atlas, excerpt: Excerpt, convention: str) -> str:
    """``render.excerpt_html`` kept in one HTML block: a blank line inside a quote would
    otherwise end the block and let Markdown parse the rest."""
    return _one_block(render.excerpt_html(atlas, excerpt, convention))


def _one_block(markup: str) -> str:
    return markup.replace("\r", "&#13;").replace("\n", "&#10;")


def literal(value: object, tag: str = "div", css_class: str = "") -> str:
    """Text from data as an HTML element that shows it literally (escaped by geo.escape)."""
    attr = f' class="{escape.text(css_class)}"' if css_class else ""
    return _one_block(f"<{tag}{attr}>{escape.text(value)}</{tag}>")


def source_html(atlas: Atlas, source_id: str) -> str:
    """A source for the "About the data" list: title (linked only if the URL is http(s)),
    authors or "author not named", publication date, vantage group and vantage text."""
    s = atlas.sources[source_id]
    authors = ", ".join(s.authors) if s.authors else "author not named"
    group = VANTAGE_GROUPS.get(s.vantage_group, s.vantage_group)
    count = sum(1 for e in atlas.excerpts if e.source_id == s.id)
    return _one_block(
        f'<div class="ka-source"><b>{escape.link(s.title, s.meta.get("url"))}</b><br>'
        f'{escape.text(authors)} · published {escape.text(s.published.text)} · {count} excerpt(s)<br>'
        f'<span class="ka-meta">Vantage ({escape.text(group)}): {escape.text(s.vantage)}</span></div>')


# -- a clicked feature -------------------------------------------------------------------
def clicked_feature_id(atlas: Atlas, returned: dict | None) -> str | None:
    """The atlas feature the map reports as last clicked (ids not in the atlas are ignored)."""
    drawing = (returned or {}).get("last_active_drawing") or {}
    props = drawing.get("properties") if isinstance(drawing, dict) else None
    fid = props.get("id") if isinstance(props, dict) else None
    return fid if isinstance(fid, str) and fid in atlas.by_id else None


def feature_facts(feature: Feature, day: dt.date) -> list[str]:
    """Plain-text lines describing a feature (for the panel beside the map)."""
    facts = [layer_title(feature.layer)]
    if feature.layer == "control" and feature.properties.get("held_by") in SIDES:
        facts[0] += " · " + SIDES[feature.properties["held_by"]]
    facts.append(f"Valid: {render.validity_text(feature)}")
    facts.append(f"Accuracy: ± {feature.accuracy_km} km")
    if not feature.is_valid_on(day):
        facts.append(f"Not shown on {day.isoformat()}: outside its validity.")
    return facts


def feature_html(feature: Feature, convention: str, day: dt.date) -> str:
    """A clicked feature's name (in the convention) and facts, escaped."""
    lines = "<br>".join(escape.text(line) for line in feature_facts(feature, day))
    return _one_block(f'<div class="ka-feature-name">{escape.text(label(feature, convention))}</div>'
                      f'<div class="ka-meta">{lines}</div>')


def answer_html(result: dict) -> str:
    """The answer card (:func:`geo.answers.answer`) of a clicked feature as one HTML block:
    who held it that day, the zones and routes, the district's dated control history."""
    from geo.answers import format_answer

    rows = [line for line in format_answer(result).splitlines()[1:] if not line.lstrip().startswith(
        ("Excerpts that concern", "Also named so"))]
    lines = "".join(f'<div style="margin-left:{1.2 if line.startswith("    ") else 0}em">{escape.text(line.strip())}</div>'
                    for line in rows)
    return _one_block(f'<div class="ka-answer" style="font-size:13px;margin:4px 0 8px">{lines}</div>')


# -- figures -------------------------------------------------------------------------------
class Figures:
    """``stats_for_date`` per segment, computed once each (areas and lengths are slow)."""

    def __init__(self, atlas: Atlas):
        self.atlas = atlas
        self._by_segment = lru_cache(maxsize=256)(self._compute)

    def _compute(self, seg: int) -> dict:
        dates = self.atlas.change_dates
        day = dates[seg - 1] if seg > 0 else dt.date.min
        return stats_for_date(self.atlas, day)

    def on(self, day: dt.date, convention: str) -> dict:
        """``{"area_km2": {side: km²}, "lines": [{name, kind, length_km, id}]}`` for ``day``,
        names in the chosen convention."""
        figures = self._by_segment(self.atlas.segment(day))
        lines = [{"Name": label(self.atlas.by_id[line["id"]], convention), "Kind": humanise(line["kind"]),
                  "Length (km)": line["length_km"], "Id": line["id"]} for line in figures["lines"]]
        return {"date": day.isoformat(), "area_km2": dict(figures["area_km2"]), "frame": figures.get("frame"),
                "lines": lines}


# -- downloads -----------------------------------------------------------------------------
class Downloads:
    """Download files for every visitor of the process: each built once per key (the file
    and what is shown), the last ``max_entries`` kept, and at most ``max_builds`` built at
    a time, so that one client asking again and again cannot keep the server busy."""

    def __init__(self, max_builds: int = 2, max_entries: int = 32):
        self.max_entries = max_entries
        self._files: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}
        self._slots = threading.BoundedSemaphore(max_builds)

    def _cached(self, key: Hashable) -> bytes | None:
        with self._lock:
            if key in self._files:
                self._files.move_to_end(key)
                return self._files[key]
        return None

    def get(self, key: Hashable, build: Callable[[], bytes | str]) -> bytes:
        """The file for ``key``, built by ``build()`` unless another request built it."""
        found = self._cached(key)
        if found is not None:
            return found
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:  # the same file asked for meanwhile waits for this one build
            found = self._cached(key)
            if found is not None:
                return found
            with self._slots:
                data = build()
            data = data.encode("utf-8") if isinstance(data, str) else data
            with self._lock:
                self._files[key] = data
                while len(self._files) > self.max_entries:
                    self._files.popitem(last=False)
                self._building.pop(key, None)
        return data
