"""The aggregate extract: what a workshop may share beyond the firm (a benchmark pool).

Per statement and function (and for all respondents), only counts: how many answered at each
level today and as a target, and how many said "don't know"; with the questionnaire's id and
version and the workshop's year. No id, name, time, comment or row per person, so nothing in it
can be joined back to anyone. A cell that rests on fewer people than the privacy threshold is
withheld (``null`` with ``"withheld"``), and so is an "all respondents" cell from which a
withheld function's counts could be worked out by subtraction (``rules.privacy``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..content.questionnaire import ROLES
from ..files import write_text_atomically
from ..rules.privacy import hidden_by_subtraction, threshold, withheld_note
from ..rules.records import Answer
from ..store.database import Store

FORMAT = "tandem-aggregate"
VERSION = 1
ALL = "all"
LEVELS = ("1", "2", "3", "4", "5")


def aggregate_extract(store: Store, workshop_id: str,
                      setting: int | None = None) -> dict[str, Any]:
    """The workshop's answers as counts only, withheld under the threshold (``setting``, else
    the workshop's; never below 3)."""
    workshop = store.workshop(workshop_id)
    minimum = threshold(workshop.privacy_threshold if setting is None else setting)
    questionnaire = store.questionnaire(workshop.questionnaire_hash)
    role_of = {p.id: p.role for p in store.participants(workshop_id)}
    by_item: dict[str, dict[str, list[Answer]]] = {}
    for a in store.answers_for_workshop(workshop_id):
        if a.participant_id in role_of:
            by_item.setdefault(a.item_id, {}).setdefault(role_of[a.participant_id], []).append(a)
    return {
        "format": FORMAT, "version": VERSION,
        "questionnaire": {"id": workshop.questionnaire_id,
                          "version": workshop.questionnaire_version},
        "year": int(workshop.date[:4]),
        "threshold": minimum,
        "statements": [{"item": item_id,
                        "functions": _cells(by_item.get(item_id, {}), minimum)}
                       for item_id in questionnaire.item_ids],
    }


def _cells(answers: dict[str, list[Answer]], minimum: int) -> dict[str, Any]:
    """One statement's cells: each function's counts, then all respondents', each withheld
    when it rests on 1 to ``minimum - 1`` people, or (all) when it would give one away."""
    cells = {role: _cell(answers.get(role, []), minimum) for role in ROLES}
    everyone = [a for role in ROLES for a in answers.get(role, [])]
    shown = [len(answers.get(role, [])) for role in ROLES if "withheld" not in cells[role]]
    cells[ALL] = (_withheld(minimum) if hidden_by_subtraction(len(everyone), shown, minimum)
                  else _cell(everyone, minimum))
    return cells


def _cell(answers: list[Answer], minimum: int) -> dict[str, Any]:
    if 0 < len(answers) < minimum:
        return _withheld(minimum)
    return {"respondents": len(answers), "current": _counts(a.current for a in answers),
            "target": _counts(a.target for a in answers),
            "dont_know": sum(a.current is None for a in answers)}


def _counts(levels: Iterable[int | None]) -> dict[str, int]:
    found = [str(level) for level in levels if level is not None]
    return {level: found.count(level) for level in LEVELS}


def _withheld(minimum: int) -> dict[str, Any]:
    return {"respondents": None, "current": None, "target": None, "dont_know": None,
            "withheld": withheld_note(minimum)}


def write_aggregate(data: dict[str, Any], out: Path) -> None:
    write_text_atomically(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
