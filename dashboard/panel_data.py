"""What the dashboard's day panels need beyond the engine data, worked out once per
dataset version (no streamlit here): the facts of the text-alternative table, the
lengths of the measured lines, the choices of the excerpt filters and the features each
excerpt is linked to. The browser (``geo/static/engine/panels.js``) picks the day's rows.
"""
from __future__ import annotations

from geo.atlas import Atlas
from geo.i18n import _, pgettext
from geo.i18n.messages import KIND_CONTEXT, kind_text
from geo.layers import LAYER_IDS, measured, title as layer_title
from geo.measure import length_km
from geo.model import VANTAGE_GROUPS

#: Days either side of the chosen date offered for the excerpt panel.
WINDOWS: tuple[int, ...] = (0, 30, 180, 365)
#: Most rows of the table drawn at once (a long record says how many more there are).
TABLE_ROWS = 400


def humanise(kind: str) -> str:
    """A feature's kind in words, in the interface language ("held_area": "held area", "подконтрольная территория")."""
    return pgettext(KIND_CONTEXT, kind_text(kind))


def table_facts(atlas: Atlas) -> dict[str, list]:
    """feature id -> [kind, valid from, valid to, accuracy km] (dates as the record writes them)."""
    out = {}
    for layer in LAYER_IDS:
        for f in atlas.layer(layer):
            v = f.validity
            out[f.id] = [humanise(f.kind), v.valid_from.text if v.valid_from else _("(open)"),
                         v.valid_to.text if v.valid_to else _("(open)"), f.accuracy_km]
    return out


def line_lengths(atlas: Atlas) -> dict[str, float]:
    """feature id -> geodesic length (km) of every feature of a layer measured by length."""
    return {f.id: round(length_km(f.geometry), 1) for layer in measured("length") for f in atlas.layer(layer.id)}


def source_choices(atlas: Atlas) -> list[list[str]]:
    """[source id, "title (vantage group)"] for the source filter, by title."""
    items = sorted(atlas.sources.values(), key=lambda s: s.title.lower())
    return [[s.id, f"{s.title} ({_(VANTAGE_GROUPS.get(s.vantage_group, s.vantage_group))})"] for s in items]


def vantage_choices(atlas: Atlas) -> list[list[str]]:
    present = {s.vantage_group for s in atlas.sources.values()}
    return [[key, _(title)] for key, title in VANTAGE_GROUPS.items() if key in present]


def panel_data(atlas: Atlas) -> dict:
    """The ``panels`` member of the dashboard's engine data (the same for every naming
    convention: names come from the engine data's tooltip lines)."""
    return {
        "windows": list(WINDOWS),
        "tableRows": TABLE_ROWS,
        "layerTitles": {layer: _(layer_title(layer)) for layer in LAYER_IDS},  # in the language built for
        "facts": table_facts(atlas),
        "lengths": line_lengths(atlas),
        "lengthLayers": [layer.id for layer in measured("length")],
        "sources": source_choices(atlas),
        "vantages": vantage_choices(atlas),
        "links": {e.id: list(e.linked_ids) for e in atlas.excerpts},
    }
