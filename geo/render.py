"""How the atlas is presented: styles (from the layer registry), legend, and the HTML of
excerpts (the engine builds tooltips and popups in the browser from geo/engine.py's records).

The map engine (:mod:`geo.engine`) draws with these styles in the dashboard and every
exported page, so a map looks the same everywhere. Every string from data passes
through :mod:`geo.escape`.
"""
from __future__ import annotations

from . import dates, escape, i18n
from .atlas import Atlas
from . import layers as layer_registry
from .model import VANTAGE_GROUPS, Feature
from .names import CONVENTIONS, label
from .i18n import _

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


def legend_items() -> list[tuple[str, dict]]:
    """(label, style) of every legend entry, plus the uncertain-date style."""
    items = [(i18n.label(entry.label), dict(entry.style)) for _key, entry in layer_registry.legend_entries()]
    items.append((_("Dates uncertain (dotted outline, fainter)"), {"color": layer_registry.OKABE_ITO["grey"],
                                                              "weight": 3, "dashArray": UNCERTAIN_DASH}))
    return items


def legend_html() -> str:
    rows = []
    for text, style in legend_items():
        colour = style.get("fillColor", style["color"]) if style.get("fillOpacity", 0) > 0.1 else style["color"]
        dash = "dotted" if style.get("dashArray") == UNCERTAIN_DASH else ("dashed" if style.get("dashArray") else "solid")
        rows.append(f'<div class="ka-legend-row"><span class="ka-swatch" style="border:3px {dash} {style["color"]};'
                    f'background:{colour}"></span>{escape.text(text)}</div>')
    return f'<div class="ka-legend"><b>{escape.text(_("Legend"))}</b>' + "".join(rows) + "</div>"


def validity_text(feature: Feature) -> str:
    v = feature.validity
    # in words of the interface language ("8 May 1992", "8 мая 1992 г."), the EDTF as read
    start = date_words(v.valid_from) if v.valid_from else _("open")
    end = date_words(v.valid_to) if v.valid_to else _("open")
    note = _(" (uncertain date)") if v.uncertain else ""
    return _("{start} to {end}", start=start, end=end) + note


def quoted(quote: str) -> str:
    """The quote in quotation marks, unless it already starts and ends with them."""
    if quote[:1] in "“\"" and quote[-1:] in "”\"":
        return quote
    return f"“{quote}”"


def date_words(date) -> str:
    """A record's date in words in the interface language (English: :func:`geo.dates.words`)."""
    if i18n.current() == i18n.DEFAULT:
        return dates.words(date)
    return i18n.period_words(date.first, date.last, "~" in date.text or "%" in date.text,
                             "?" in date.text or "%" in date.text)


def excerpt_html(atlas: Atlas, excerpt, convention: str = "en") -> str:
    """One excerpt as HTML: the quote, what it speaks of, its source with vantage."""
    source = atlas.source_of(excerpt)
    authors = (f'<span data-ka-verbatim>{escape.text(", ".join(source.authors))}</span>' if source.authors
               else escape.text(_("author not named")))
    title = escape.link(source.title, source.meta.get("url"))
    features = [label(atlas.by_id[i], convention) for i in excerpt.linked_ids if i in atlas.by_id]
    return (f'<div class="ka-excerpt" data-excerpt="{escape.text(excerpt.id)}">'
            f'<blockquote data-ka-verbatim>{escape.text(quoted(excerpt.quote))}</blockquote>'
            f'<div class="ka-meta">{escape.text(_("Speaks of"))} <b>{escape.text(date_words(excerpt.date))}</b>'
            f' · {authors}, <span data-ka-verbatim>{title}</span> ({escape.text(date_words(source.published))})'
            f' · {escape.text(_("vantage:"))} {escape.text(_(VANTAGE_GROUPS.get(source.vantage_group, source.vantage_group)))}</div>'
            + (f'<div class="ka-meta">{escape.text(_("Concerns:"))} <span data-ka-verbatim>{escape.text("; ".join(features))}</span></div>'
               if features else "")
            + "</div>")


def naming_label(convention: str) -> str:
    return CONVENTIONS.get(convention, CONVENTIONS["en"])[0]
