"""One answer as every door checks it before anything is stored: its levels (``levels``) and
its comment, cleaned and within its limit (``text``). The store, bundle import, the phone page
and the kiosk all ask ``answer_problem`` and refuse with its sentence."""

from __future__ import annotations

from dataclasses import dataclass

from .levels import level_problem
from .text import too_long


@dataclass(frozen=True)
class AnswerProblem:
    """Which part of an answer is wrong (``current``, ``target`` or ``comment``) and the one
    sentence that says so."""

    field: str
    sentence: str


def answer_problem(current: object, target: object, comment: str) -> AnswerProblem | None:
    """None when an answer of ``current`` and ``target`` with ``comment`` (already cleaned by
    ``text.clean_text``) may be stored; otherwise the first thing wrong with it."""
    levels = level_problem(current, target)
    if levels:
        return AnswerProblem(levels.level, levels.sentence)
    long = too_long("comment", comment)
    if long:
        return AnswerProblem("comment", long)
    return None
