"""A document in, a source file of proposals out (the pipeline behind ``ingest FILE``)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..atlas import Atlas
from ..dates import parse_date
from ..layers import has_role
from ..model import VANTAGE_GROUPS
from ..validate import ID_PATTERN, fold_whitespace
from .budget import Budget
from .extract import document_type, extract_text
from .match import NameIndex
from .propose import propose, ranked, reading
from .review import ReviewError


@dataclass
class SourceMeta:
    """What the command line says about the document."""

    id: str
    title: str
    published: str
    vantage_group: str
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    vantage: str | None = None
    publisher: str | None = None
    news: bool = False  # a news item: bare days are the latest such days (also with a dateline)
    language: str | None = None  # en, hy, az, ru (detected from the text when None)

    def problems(self) -> list[str]:
        out = []
        if not ID_PATTERN.fullmatch(self.id or ""):
            out.append(f"--id {self.id!r}: lowercase letters, digits and hyphens, e.g. 'reuters-2022-09-13'")
        if not (self.title or "").strip():
            out.append("--title is empty")
        try:
            parse_date(self.published)
        except Exception as exc:  # DateError
            out.append(f"--published: {exc}")
        if self.vantage_group not in VANTAGE_GROUPS:
            out.append(f"--vantage-group must be one of {', '.join(VANTAGE_GROUPS)}")
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            out.append(f"--url must be an http(s) address, not {self.url!r}")
        return out


def text_file_name(source_id: str) -> str:
    return f"{source_id}.txt"


def build(path: Path | str, meta: SourceMeta, atlas: Atlas, index: NameIndex | None = None,
          budget: Budget | None = None) -> tuple[dict, str]:
    """(source file content, extracted text) for the document at ``path``, read within
    ``budget`` (default: :data:`geo.ingest.budget.DEFAULT_SECONDS`)."""
    problems = meta.problems()
    if problems:
        raise ReviewError("; ".join(problems))
    path = Path(path)
    budget = budget or Budget(what=str(path))
    text = extract_text(path, budget)
    published = parse_date(meta.published)
    index = index or NameIndex(atlas.features)
    how = reading(text, published, meta.language, meta.news)
    proposals = ranked(propose(text, published, atlas, index, lang=how.lang, news=meta.news, budget=budget))
    # ids follow the text's order, so that p001 is the first proposal in the document
    order = sorted(proposals, key=lambda p: p.start)
    ids = {id(p): f"{meta.id}-p{n:03d}" for n, p in enumerate(order, 1)}
    group = VANTAGE_GROUPS[meta.vantage_group]
    source = {
        "id": meta.id, "title": meta.title, "authors": list(meta.authors), "affiliation": None,
        "publisher": meta.publisher, "published": meta.published,
        "published_basis": "Given when the document was ingested.", "doi": None, "url": meta.url,
        "kind": "document",
        "vantage": meta.vantage or f"{group} vantage (as given when the document was ingested; describe it here).",
        "vantage_group": meta.vantage_group, "text_file": text_file_name(meta.id), "language": how.lang,
        "ingested": {"file": path.name, "type": document_type(path),
                     "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "characters": len(text)},
    }
    if how.dateline is not None:
        place_ids = [i for m in index.find(how.dateline.place, lang=how.lang)
                     for i in m.feature_ids if has_role(atlas.by_id[i].layer, "place")]
        source["dateline"] = how.dateline.record(place_ids)
    excerpts = [p.record(ids[id(p)], meta.id) for p in proposals]
    return {"source": source, "excerpts": excerpts}, text


def merge(existing: dict, fresh: dict, meta: SourceMeta) -> tuple[dict, int]:
    """Ingest again over a reviewed file: keep every reviewed excerpt (accepted, rejected)
    and the source's hand-written fields; add the fresh proposals that quote none of the
    reviewed text, numbered after the existing ids. Returns (content, proposals added)."""
    reviewed = [e for e in existing.get("excerpts", []) if isinstance(e, dict)
                and (e.get("status") or "accepted") != "proposed"]
    taken = [fold_whitespace(str(e.get("quote", ""))) for e in reviewed]
    used = {e.get("id") for e in reviewed}
    numbers = [int(m.group(1)) for i in used if isinstance(i, str) and (m := re.search(r"-p(\d+)$", i))]
    next_number = max(numbers, default=0) + 1
    # what the command line says wins; the rest of the source record is kept as edited
    source = dict(existing.get("source") or {})
    given = ["title", "authors", "published", "vantage_group", "text_file", "ingested"]
    given += [k for k in ("url", "vantage", "publisher") if getattr(meta, k) is not None]
    source.update({k: fresh["source"][k] for k in given})
    for key, value in fresh["source"].items():
        source.setdefault(key, value)
    added = []
    for e in fresh["excerpts"]:
        quote = fold_whitespace(e["quote"])
        if any(quote in t or t in quote for t in taken):
            continue
        e = dict(e, id=f"{source['id']}-p{next_number:03d}")
        next_number += 1
        added.append(e)
    return {"source": source, "excerpts": reviewed + added}, len(added)
