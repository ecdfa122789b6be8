"""Whether one source file, as it would be written, passes ``validate``'s checks of a
source file (size, strict JSON, schema, the source and each excerpt). Used before a
review save and before ``ingest`` writes, so that neither writes a file ``validate`` refuses.
References to features and the verbatim quote are checked by the callers (they know the atlas
and the text)."""
from __future__ import annotations

from pathlib import Path

from . import jsonload
from .confine import MAX_JSON_BYTES
from .errors import Problem
from .i18n import _
from .io import RawFile
from .validate import check_excerpt, check_source, check_structure


def source_file_problems(data: bytes, label: str) -> list[Problem]:
    """Every problem ``validate`` would report in this source file on its own."""
    if len(data) > MAX_JSON_BYTES:
        return [Problem(label, "", "", _("{n} bytes; a source file is at most {limit} bytes", n=f"{len(data):,}",
                                            limit=f"{MAX_JSON_BYTES:,}"))]
    try:
        content, issues = jsonload.loads(data)
    except jsonload.JSONSyntaxError as exc:
        return [Problem(label, "", "", str(exc))]
    raw = RawFile(Path(label), label, content, issues)
    problems: list[Problem] = []
    sound, bad = check_structure("source", raw, problems)
    if not sound:
        return problems
    if ("source",) not in bad:
        check_source(content["source"], label, problems)
    for i, excerpt in enumerate(content["excerpts"]):
        if ("excerpts", i) not in bad:
            check_excerpt(excerpt, label, problems)
    return problems
