"""How the atlas is presented: styles (from the layer registry), legend, and the HTML
fragments of tooltips, popups and excerpts.

The map engine (:mod:`geo.engine`) draws with these styles in the dashboard and every
exported page, so a map looks the same everywhere. Every string from data passes
through :mod:`geo.escape`.
"""
from __future__ import annotations

import datetime as dt

from . import dates, escape
from .atlas import Atlas
from . import layers as layer_registry
from .layers import SIDES
from .model import VANTAGE_GROUPS, Feature
from .names import CONVENTIONS, label, variants

#: Geometries drawn as circle markers (never Leaflet's default pin, whose images load from elsewhere).
POINT_TYPES = tuple(sorted(layer_registry.POINT_TYPES))
UNCERTAIN_DASH = layer_registry.UNCERTAIN_DASH
HIGHLIGHT = dict(layer_registry.HIGHLIGHT_STYLE)


def key_styles(layer_id: str, key: str) -> tuple[dict, dict]:
    """The (certain, uncertain) Leaflet styles of one style key of a layer: the uncertain one
    is dotted and fainter (areas keep their fill hue, a little paler; places keep theirs)."""
    layer = layer_registry.get(layer_id)
    certain = dict(layer.styles[key].style)
    certain.setdefault("opacity", layer_registry.DEFAULT_OPACITY)
    certain.setdefault("dashArray", None)  # explicit: restyling an uncertain feature must clear its dots
    uncertain = dict(certain)
    factor = layer_registry.UNCERTAIN_STYLE["opacityFactor"]
    uncertain["dashArray"] = layer_registry.UNCERTAIN_STYLE["dashArray"]
    uncertain["opacity"] = factor
    if "fillOpacity" in uncertain and not layer.labels:
        uncertain["fillOpacity"] = round(uncertain["fillOpacity"] * factor, 3)
    return certain, uncertain


def style_for(feature: Feature, highlighted: bool = False, day: dt.date | None = None) -> dict:
    """The Leaflet style of a feature: its layer/kind style, dotted and fainter when it is
    uncertain on ``day`` (without a day: when any day of its life is), outlined in yellow
    when highlighted."""
    layer = layer_registry.get(feature.layer)
    certain, uncertain = key_styles(feature.layer, layer.style_key(feature.properties))
    style = uncertain if (feature.validity.uncertain_on(day) if day else feature.validity.uncertain) else certain
    if feature.geometry.geom_type in POINT_TYPES:
        style = {**style, "fill": True}  # a point is a filled circle marker
    if highlighted:
        style = {**style, **HIGHLIGHT}
    return style


def legend_items() -> list[tuple[str, dict]]:
    """(label, style) of every legend entry, plus the uncertain-date style."""
    items = [(entry.label, dict(entry.style)) for _, entry in layer_registry.legend_entries()]
    items.append(("Dates uncertain (dotted outline, fainter)", {"color": layer_registry.OKABE_ITO["grey"],
                                                              "weight": 3, "dashArray": UNCERTAIN_DASH}))
    return items


def legend_html() -> str:
    rows = []
    for text, style in legend_items():
        colour = style.get("fillColor", style["color"]) if style.get("fillOpacity", 0) > 0.1 else style["color"]
        dash = "dotted" if style.get("dashArray") == UNCERTAIN_DASH else ("dashed" if style.get("dashArray") else "solid")
        rows.append(f'<div class="ka-legend-row"><span class="ka-swatch" style="border:3px {dash} {style["color"]};'
                    f'background:{colour}"></span>{escape.text(text)}</div>')
    return '<div class="ka-legend"><b>Legend</b>' + "".join(rows) + "</div>"


# -- text ----------------------------------------------------------------------------
def status_on(feature: Feature, day: dt.date) -> str | None:
    """The label of the feature's ``status_history`` entry in force on ``day``."""
    current, uncertain = dates.status_on(feature.status_changes, day)
    if current is None:
        return None
    return current.label + (f" (from {current.since.text}; date uncertain)" if uncertain else "")


def validity_text(feature: Feature) -> str:
    v = feature.validity
    start = v.valid_from.text if v.valid_from else "open"
    end = v.valid_to.text if v.valid_to else "open"
    note = " (uncertain date)" if v.uncertain else ""
    return f"{start} to {end}{note}"


def tooltip_html(feature: Feature, convention: str, day: dt.date | None = None) -> str:
    """Name in the chosen convention, the other variants, layer, dates, accuracy."""
    name = label(feature, convention)
    others = [f"{escape.text(lang)}: {escape.text(v)}" for lang, v in variants(feature) if v != name]
    parts = [f"<b>{escape.text(name)}</b>"]
    if others:
        parts.append(f'<span class="ka-variants">{"; ".join(others)}</span>')
    layer_line = escape.text(layer_registry.title(feature.layer))
    if feature.layer == "control":
        layer_line += f" · {escape.text(SIDES.get(feature.properties.get('held_by'), ''))}"
    parts.append(layer_line)
    parts.append(f"Valid: {escape.text(validity_text(feature))}")
    if day is not None and (status := status_on(feature, day)):
        parts.append(f"Status: {escape.text(status)}")
    parts.append(f"Accuracy: ± {escape.text(feature.accuracy_km)} km")
    return '<div class="ka-tip">' + "<br>".join(parts) + "</div>"


def quoted(quote: str) -> str:
    """The quote in quotation marks, unless it already starts and ends with them."""
    if quote[:1] in "“\"" and quote[-1:] in "”\"":
        return quote
    return f"“{quote}”"


def excerpt_html(atlas: Atlas, excerpt, convention: str = "en") -> str:
    """One excerpt as HTML: the quote, what it speaks of, its source with vantage."""
    source = atlas.source_of(excerpt)
    authors = ", ".join(source.authors) if source.authors else "author not named"
    title = escape.link(source.title, source.meta.get("url"))
    features = [label(atlas.by_id[i], convention) for i in excerpt.linked_ids if i in atlas.by_id]
    return (f'<div class="ka-excerpt" data-excerpt="{escape.text(excerpt.id)}">'
            f'<blockquote>{escape.text(quoted(excerpt.quote))}</blockquote>'
            f'<div class="ka-meta">Speaks of <b>{escape.text(excerpt.date.text)}</b>'
            f' · {escape.text(authors)}, {title} ({escape.text(source.published.text)})'
            f' · vantage: {escape.text(VANTAGE_GROUPS.get(source.vantage_group, source.vantage_group))}</div>'
            + (f'<div class="ka-meta">Concerns: {escape.text("; ".join(features))}</div>' if features else "")
            + "</div>")


def popup_html(atlas: Atlas, feature: Feature, convention: str, day: dt.date | None = None) -> str:
    """The feature's details (as in its tooltip), its method and the excerpts linked to it."""
    excerpts = atlas.excerpts_for(feature.id)
    body = "".join(excerpt_html(atlas, e, convention) for e in excerpts) or "<i>No excerpt is linked to this feature.</i>"
    return (f'<div class="ka-popup">{tooltip_html(feature, convention, day)}'
            f'<div class="ka-meta">Method: {escape.text(feature.method)}</div>'
            f'<div class="ka-meta">{len(excerpts)} linked excerpt(s)</div>{body}</div>')


def naming_label(convention: str) -> str:
    return CONVENTIONS.get(convention, CONVENTIONS["en"])[0]
