"""Reviewing proposed excerpts in a source file: accept, reject, edit, commit.

The one write path is :func:`commit`: it checks the actor against the server's policy
(:mod:`geo.access`), takes the workspace lock (:mod:`geo.locking`), refuses when the file is
no longer the version the decision was based on, applies the decisions, refuses a result
``validate`` would refuse (:mod:`geo.sourcecheck`), writes nothing when nothing changed, and
otherwise writes the file atomically (:func:`geo.io.write_atomic`; its temporary folder is
ignored by the loader) and appends the decisions to the review log (:mod:`geo.reviewlog`).
"""
from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..dates import parse_date
from .. import jsonload, locking, reviewlog
from ..access import Actor, Policy
from ..confine import MAX_JSON_BYTES, ReadRefused, read_bytes
from ..errors import DateError, UsageError
from ..i18n import _
from ..io import read_source_text, write_atomic
from ..layers import has_role
from ..sourcecheck import source_file_problems
from ..validate import MAX_QUOTE_WORDS, fold_whitespace

EDITABLE = ("quote", "date", "date_basis", "feature_ids", "place_ids")


class ReviewError(UsageError):
    """A review decision or edit cannot be applied (unknown id, bad date, quote not verbatim...)."""


@dataclass
class SourceFile:
    """A source file being reviewed: its path and its parsed content."""

    path: Path
    content: dict
    #: the hash of the bytes read (what a decision is based on; see :func:`commit`)
    version: str = field(default="")

    @property
    def source(self) -> dict:
        return self.content.get("source") or {}

    @property
    def excerpts(self) -> list[dict]:
        return self.content.setdefault("excerpts", [])

    def by_id(self, excerpt_id: str) -> dict:
        for excerpt in self.excerpts:
            if excerpt.get("id") == excerpt_id:
                return excerpt
        raise ReviewError(_("{path}: {excerpt_id}: no such excerpt", path=self.path, excerpt_id=excerpt_id))

    def with_status(self, status: str) -> list[dict]:
        return [e for e in self.excerpts if (e.get("status") or "accepted") == status]

    def below(self, score: float) -> list[str]:
        """Ids of the waiting proposals scored below ``score`` (for rejecting them in bulk)."""
        return [e["id"] for e in self.proposals() if float(e.get("score") or 0) < score]

    def proposals(self) -> list[dict]:
        """The proposals still waiting, best first."""
        return sorted(self.with_status("proposed"), key=lambda e: (-(e.get("score") or 0), e.get("id", "")))


def load(path: Path | str) -> SourceFile:
    path = Path(path)
    try:  # a regular file, never a FIFO or device; strict JSON, as validate reads it
        data = read_bytes(Path(os.path.realpath(path)), MAX_JSON_BYTES)
        content, issues = jsonload.loads(data)
    except ReadRefused as exc:
        raise ReviewError(f"{path}: {exc}") from None
    except jsonload.JSONSyntaxError as exc:
        raise ReviewError(_("{path}: not a JSON source file ({exc})", path=path, exc=exc)) from None
    if issues:
        raise ReviewError(f"{path}: {jsonload.field_name(issues[0].path) or '-'}: {issues[0].message}")
    if not isinstance(content, dict) or not isinstance(content.get("source"), dict) \
            or not isinstance(content.get("excerpts", []), list):
        raise ReviewError(_("{path}: not a source file (an object with 'source' and 'excerpts')", path=path))
    return SourceFile(path, content, locking.version_of_bytes(data))


def check_edit(doc: SourceFile, excerpt_id: str, changes: dict, text: str | None,
               known: dict[str, str] | None = None) -> list[str]:
    """What is wrong with ``changes`` to one excerpt (empty when they can be applied).
    ``text`` is the source's full text (for the verbatim check), ``known`` id -> layer."""
    problems = []
    for key in changes:
        if key not in EDITABLE:
            problems.append(f"{excerpt_id}: {key}: cannot be edited (editable: {', '.join(EDITABLE)})")
    quote = changes.get("quote")
    if quote is not None:
        if not isinstance(quote, str) or not quote.strip():
            problems.append(f"{excerpt_id}: quote: empty")
        elif len(quote.split()) > MAX_QUOTE_WORDS:
            problems.append(f"{excerpt_id}: quote: {len(quote.split())} words; quotes are at most {MAX_QUOTE_WORDS} words")
        elif text is not None and fold_whitespace(quote) not in fold_whitespace(text):
            problems.append(f"{excerpt_id}: quote: not found verbatim in the source text")
    if "date" in changes:
        try:
            parse_date(str(changes["date"]).strip(), allow_interval=True)
        except DateError as exc:
            problems.append(f"{excerpt_id}: date: {exc}")
    for key, layer_ok in (("feature_ids", lambda l: not has_role(l, "place")), ("place_ids", lambda l: has_role(l, "place"))):
        if key in changes:
            ids = changes[key]
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                problems.append(f"{excerpt_id}: {key}: must be a list of ids")
            elif known is not None:
                for i in ids:
                    if i not in known or not layer_ok(known[i]):
                        problems.append(f"{excerpt_id}: {key}: unknown {'place' if key == 'place_ids' else 'feature'} {i!r}")
    return problems


def apply(doc: SourceFile, accept: Iterable[str] = (), reject: Iterable[str] = (),
          edits: dict[str, dict] | None = None, *, text: str | None = None,
          known: dict[str, str] | None = None) -> dict[str, int]:
    """Edit, then accept or reject excerpts of ``doc`` (in memory); every problem is
    reported at once as a :class:`ReviewError` and nothing is changed then."""
    accept, reject, edits = list(accept), list(reject), dict(edits or {})
    problems = []
    both = set(accept) & set(reject)
    if both:
        problems.append(f"both accepted and rejected: {', '.join(sorted(both))}")
    for eid in list(dict.fromkeys(accept + reject + list(edits))):
        try:
            doc.by_id(eid)
        except ReviewError as exc:
            problems.append(str(exc).split(": ", 1)[1])
    for eid, changes in edits.items():
        problems += check_edit(doc, eid, changes, text, known)
    if problems:
        raise ReviewError(f"{doc.path}: " + "; ".join(problems))
    for eid, changes in edits.items():
        excerpt = doc.by_id(eid)
        changed = {k: v for k, v in changes.items() if excerpt.get(k) != v}
        if changed:
            excerpt.update({k: (v.strip() if isinstance(v, str) else v) for k, v in changed.items()})
            excerpt["edited"] = sorted(set(excerpt.get("edited") or []) | set(changed))
    for eid in accept:
        doc.by_id(eid)["status"] = "accepted"
    for eid in reject:
        doc.by_id(eid)["status"] = "rejected"
    return {"accepted": len(accept), "rejected": len(reject), "edited": len(edits)}


def source_text(doc: SourceFile, sources_dir: Path | None) -> str | None:
    """The source's stored text, or None if it cannot be found."""
    name = doc.source.get("text_file")
    if not sources_dir or not isinstance(name, str):
        return None
    try:
        return read_source_text(sources_dir, name)
    except ReadRefused:
        return None


def dumps(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def file_label(path: Path) -> str:
    """The file as named in messages and the review log: ``sources/NAME.json`` in a dataset."""
    path = Path(path)
    return f"sources/{path.name}" if path.resolve().parent.name == "sources" else path.name


@dataclass(frozen=True)
class Committed:
    """What a commit did: whether it wrote, the file's version now, the log entries."""

    changed: bool
    version: str
    entries: tuple[dict, ...] = ()
    doc: SourceFile | None = None


def commit(path: Path | str, actor: Actor, policy: Policy, *, accept: Iterable[str] = (),
           reject: Iterable[str] = (), edits: dict[str, dict] | None = None, based_on: str | None = None,
           text: str | None = None, known: dict[str, str] | None = None,
           choose: Callable[[SourceFile], tuple[list[str], list[str]]] | None = None) -> Committed:
    """Apply decisions to the source file at ``path`` and write it: the only write path of a review.

    ``based_on`` is the version (:attr:`SourceFile.version`) the reviewer saw; a file changed
    since is refused with "changed by someone else: reload" (None: decide on the file as it is
    now, under the lock, as the command line does). ``choose`` picks more ids to reject from
    the file as read under the lock (bulk rejection)."""
    policy.check(actor)  # before anything is read or locked: a refused actor touches nothing
    path = Path(path)
    label = file_label(path)
    if not path.is_file():  # before the lock, whose file would go into a directory that may not exist
        raise ReviewError(_("{path}: no such source file", path=path))
    with locking.locked(locking.workspace_of(path)):
        doc = load(path)
        locking.check_version(label, doc.version, based_on)
        before = copy.deepcopy(doc.content)
        accept, reject = list(accept), list(reject)
        if choose is not None:
            more_accept, more_reject = choose(doc)
            accept += [i for i in more_accept if i not in accept]
            reject += [i for i in more_reject if i not in reject and i not in accept]
        apply(doc, accept, reject, edits, text=text, known=known)
        if doc.content == before:  # nothing changed: nothing written, nothing to reload
            return Committed(False, doc.version, (), doc)
        data = dumps(doc.content).encode("utf-8")
        problems = source_file_problems(data, label)
        if problems:
            raise ReviewError(f"{label}: refused, the file would not pass validate: "
                              + "; ".join(f"{p.item_id or '-'}: {p.field or '-'}: {p.message}" for p in problems[:5])
                              + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
        reviewlog.check_appendable(locking.workspace_of(path))  # the decision is never written unlogged
        write_atomic(path, data)
        entries = reviewlog.entries(before, doc.content, policy.signature(actor), label)
        reviewlog.append(locking.workspace_of(path), entries)
        doc.version = locking.version_of_bytes(data)
        return Committed(True, doc.version, tuple(entries), doc)
