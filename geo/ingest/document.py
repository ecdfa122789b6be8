"""A document in, a source file of proposals out (the pipeline behind ``ingest FILE``)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..atlas import Atlas
from ..dates import parse_date
from ..model import VANTAGE_GROUPS
from ..validate import ID_PATTERN
from .extract import document_type, extract_text
from .match import NameIndex
from .propose import propose, ranked
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


def build(path: Path | str, meta: SourceMeta, atlas: Atlas, index: NameIndex | None = None) -> tuple[dict, str]:
    """(source file content, extracted text) for the document at ``path``."""
    problems = meta.problems()
    if problems:
        raise ReviewError("; ".join(problems))
    path = Path(path)
    text = extract_text(path)
    published = parse_date(meta.published)
    proposals = ranked(propose(text, published, atlas, index))
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
        "vantage_group": meta.vantage_group, "text_file": text_file_name(meta.id), "language": "en",
        "ingested": {"file": path.name, "type": document_type(path),
                     "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "characters": len(text)},
    }
    excerpts = [p.record(ids[id(p)], meta.id) for p in proposals]
    return {"source": source, "excerpts": excerpts}, text
