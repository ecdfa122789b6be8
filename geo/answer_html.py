"""The answer card (:func:`geo.answers.answer`) as HTML, rendered from the answer's rows
(:func:`geo.answers.answer_rows`, computed from its dict): the same lines as the terminal
text, never parsed back out of it. Every text from data passes through :mod:`geo.escape`."""
from __future__ import annotations

from typing import Any, Iterable

from . import escape
from .answers import answer_rows

#: The rows a card beside the map leaves out: the title (the card has its own heading), the
#: excerpt ids and the other features of the same name (the page lists those itself).
CARD_LEAVES_OUT = ("title", "excerpts", "also")


def answer_html(result: dict[str, Any], leave_out: Iterable[str] = CARD_LEAVES_OUT) -> str:
    """``<div class="ka-answer">`` with one ``<div class="ka-answer-row ka-answer-KIND">`` per
    row: its label in bold, its text; history rows indented. Who held it carries the side
    (``data-side``) when one side held it."""
    skip = set(leave_out)
    side = result.get("held_by")  # one of the two sides, or None (see geo.answers.answer)
    out = []
    for row in answer_rows(result):
        if row.kind in skip:
            continue
        attrs = f' data-side="{escape.text(side)}"' if row.kind == "held" and side else ""
        style = ' style="margin-left:1.2em"' if row.level else ""
        label = f"<b>{escape.text(row.label)}</b>{':' if row.kind != 'history' else ''} " if row.label else ""
        out.append(f'<div class="ka-answer-row ka-answer-{row.kind}"{attrs}{style}>{label}{escape.text(row.text)}</div>')
    return '<div class="ka-answer">' + "".join(out) + "</div>"
