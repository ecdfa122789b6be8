"""What the Review page shows, as plain data (no streamlit here): source files with
proposals, a proposal's paragraph with its span marked, and the link choices."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from geo import escape
from geo.i18n import N_, _, format_decimal
from geo.atlas import Atlas
from geo.errors import AtlasError
from geo.ingest import explain, review
from geo.layers import BY_ID as LAYER_RECORDS
from geo.model import Feature
from geo.names import label
from geo.validate import fold_whitespace

CONTEXT_CHARS = 500


@dataclass(frozen=True)
class SourceChoice:
    path: Path
    source_id: str
    title: str
    waiting: int
    accepted: int
    rejected: int

    def caption(self) -> str:
        return _("{id}: {waiting} waiting, {accepted} accepted, {rejected} rejected", id=self.source_id,
                 waiting=self.waiting, accepted=self.accepted, rejected=self.rejected)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def markdown_literal(value: object) -> str:
    """Text from data for an element that renders Markdown (captions, messages): every
    Markdown character escaped, so a title cannot become a link, an image (a request to
    the network) or formatting."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def source_choices(data_dir: Path) -> list[SourceChoice]:
    """Every source file of the dataset that has or had proposals, those with proposals waiting first."""
    out = []
    for path in sorted((Path(data_dir) / "sources").glob("*.json")):
        try:
            doc = review.load(path)
        except AtlasError:
            continue
        statuses = [e.get("status") for e in doc.excerpts if isinstance(e, dict)]
        if not any(statuses):  # curated by hand: nothing to review
            continue
        out.append(SourceChoice(path, str(doc.source.get("id", path.stem)), str(doc.source.get("title", "")),
                                statuses.count("proposed"), statuses.count("accepted"), statuses.count("rejected")))
    return sorted(out, key=lambda c: (c.waiting == 0, c.source_id))


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` (exactly, else with whitespace folded)."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = quote.split()
    if not words:
        return None
    # whitespace-insensitive search: walk the text's words
    folded = fold_whitespace(text)
    at = folded.find(fold_whitespace(quote))
    if at < 0:
        return None
    # map folded offset back: count non-space characters before it
    target = len(folded[:at].replace(" ", ""))
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            if seen == target:
                start = i
                break
            seen += 1
    else:
        return None
    length = len(fold_whitespace(quote).replace(" ", ""))
    seen, end = 0, start
    for i in range(start, len(text)):
        if not text[i].isspace():
            seen += 1
            if seen == length:
                end = i + 1
                break
    return start, end


#: languages a proposal may be written in -> writing direction (all four are left to right)
LANGUAGE_DIRECTIONS = {"en": "ltr", "hy": "ltr", "az": "ltr", "ru": "ltr"}


#: What the page says of a proposal's language (detected by ingest, or given with --language).
WRITTEN_IN = {"en": N_("written in English"), "hy": N_("written in Armenian"), "az": N_("written in Azerbaijani"),
              "ru": N_("written in Russian")}


def written_in(lang: str | None) -> str:
    """"written in Armenian" (in the interface language) for a proposal's language; "" if unknown."""
    return _(WRITTEN_IN[lang]) if lang in WRITTEN_IN else ""


def language_attributes(lang: str | None) -> str:
    """` lang="hy" dir="ltr"` for a known language code (so that the browser picks the
    script's fonts, hyphenation and direction), else nothing."""
    if lang not in LANGUAGE_DIRECTIONS:
        return ""
    return f' lang="{lang}" dir="{LANGUAGE_DIRECTIONS[lang]}"'


def context_html(text: str | None, quote: str, width: int = CONTEXT_CHARS, lang: str | None = None) -> str:
    """The quote in its paragraph (at most ``width`` characters either side), the quote
    marked; every piece escaped; marked up as written in ``lang`` when given."""
    body = _context_html(text, quote, width)
    attributes = language_attributes(lang)
    return f"<div{attributes}>{body}</div>" if attributes else body


def _context_html(text: str | None, quote: str, width: int) -> str:
    if not text:
        return f"<p><mark>{escape.text(quote)}</mark></p><p><em>{escape.text(_('(the source text was not found)'))}</em></p>"
    span = locate(text, quote)
    if span is None:
        return (f"<p><mark>{escape.text(quote)}</mark></p>"
                f"<p><em>{escape.text(_('(not found verbatim in the source text)'))}</em></p>")
    a, b = span
    para_start = text.rfind("\n\n", 0, a)
    para_end = text.find("\n\n", b)
    lo = max(para_start + 2 if para_start >= 0 else 0, a - width)
    hi = min(para_end if para_end >= 0 else len(text), b + width)
    before = ("…" if lo > 0 and text[lo - 1] not in "\n" else "") + text[lo:a]
    after = text[b:hi] + ("…" if hi < len(text) and text[hi] != "\n" else "")
    return (f'<p class="ka-context">{escape.text(before)}<mark>{escape.text(text[a:b])}</mark>'
            f"{escape.text(after)}</p>")


def feature_label(feature: Feature, convention: str) -> str:
    """A link choice: the name in the convention, its layer and its dates."""
    v = feature.validity  # its EDTF bounds as written; an open end reaches today
    span = f"{v.valid_from.text if v.valid_from else '…'} – {v.valid_to.text if v.valid_to else _('today')}"
    when = "" if feature.layer in ("places", "provinces") else f", {span}"
    layer = _(LAYER_RECORDS[feature.layer].title) if feature.layer in LAYER_RECORDS else feature.layer
    return f"{label(feature, convention)} ({layer.lower()}{when}) · {feature.id}"


def link_options(atlas: Atlas, convention: str) -> tuple[dict[str, str], dict[str, str]]:
    """(feature id -> label, place id -> label), each sorted by label."""
    features = {f.id: feature_label(f, convention) for f in atlas.features if f.layer != "places"}
    places = {f.id: feature_label(f, convention) for f in atlas.layer("places")}
    by_label = lambda d: dict(sorted(d.items(), key=lambda kv: kv[1].casefold()))  # noqa: E731
    return by_label(features), by_label(places)


#: What a link is (an evidence entry's "link"), as the page says it.
LINK_KINDS = {"name": N_("name"), "inference": N_("inference")}


def evidence_how(entry: dict) -> str:
    """An evidence entry's explanation in the interface language, from its code and parameters
    (:mod:`geo.ingest.explain`); the stored English ``how`` for a file written without them."""
    how = str(entry.get("how", ""))
    return explain.render(entry.get("why"), fallback=how) if isinstance(entry.get("why"), dict) else how


def evidence_lines(excerpt: dict) -> list[str]:
    """The evidence of a proposal in words (plain text)."""
    ev = excerpt.get("evidence") or {}
    lines = []
    date = ev.get("date") or {}
    if date:
        lines.append(_("date {date}: {how}", date=date.get("edtf", ""), how=evidence_how(date))
                     + (f" (“{date['words']}”)" if date.get("words") else ""))
    for link in ev.get("links") or []:
        ids = ", ".join(link.get("ids") or []) or _("not linked")
        words = f"“{link['words']}” → " if link.get("words") else ""
        kind = link.get("link")
        kind = f"[{_(LINK_KINDS[kind]) if kind in LINK_KINDS else kind} " \
               f"{format_decimal(float(link.get('confidence') or 0), digits=2)}] " if kind else ""
        lines.append(f"{kind}{words}{ids}: {evidence_how(link)}")
    return lines
