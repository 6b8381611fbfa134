"""CSV of all answers: one row per participant and item, for spreadsheets.

Written as UTF-8 with a byte-order mark because that is what makes Excel (the spreadsheet most
facilitators' clients use) show accented, Cyrillic and CJK names correctly on double-click;
LibreOffice and Numbers ignore the mark. Text that a spreadsheet would run as a formula gets a
leading apostrophe, the spreadsheets' own convention for "this is text".

An anonymised CSV follows the rules of every anonymised export (``anonymise``): the workshop column
holds a fresh random id instead of its name, the participant column a pseudonym numbered in a
random order, no titles, every time the workshop's date, and the rows in a random order.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..content.questionnaire import DIMENSION_LABELS
from ..files import write_text_atomically
from ..rules.privacy import threshold
from ..rules.records import Answer, Workshop
from ..rules.text import cut_to_limit
from ..store.database import Store
from .anonymise import (
    ALL_RESPONDENTS,
    Pseudonyms,
    day_stamp,
    needs_merging,
    pseudonymise,
    shuffled,
)

COLUMNS = ["workshop", "participant", "role", "title", "dimension", "theme", "item", "current",
           "target", "dont_know", "comment", "answered_at"]


def spreadsheet_safe(text: str) -> str:
    if text and (text[0] in "=+@\t\r" or (text[0] == "-" and len(text) > 1
                                          and not text[1].isspace())):
        return "'" + text
    return text


def csv_rows(store: Store, workshop_id: str, anonymise: bool = False,
             keep_comments: bool | None = None, merge_small: bool = False) -> list[list[str]]:
    """The rows under ``COLUMNS``. Comments are kept unless ``keep_comments`` is False; an
    anonymised CSV leaves them out unless it is True, and then replaces the names in them. An
    anonymised CSV with a function under the privacy threshold is refused, or with
    ``merge_small`` gives everyone the role "all respondents"
    (``anonymise.needs_merging``)."""
    keep = (not anonymise) if keep_comments is None else keep_comments
    workshop = store.workshop(workshop_id)
    questionnaire = store.questionnaire(workshop.questionnaire_hash)
    participants = store.participants(workshop_id)
    given = store.answers_for_workshop(workshop_id)
    merged = anonymise and needs_merging(participants, given, merge_small,
                                         minimum=threshold(workshop.privacy_threshold))
    alias = pseudonymise(workshop, participants, merged=merged) if anonymise else None
    answers = {(a.participant_id, a.item_id): a for a in given}
    rows = []
    for p in participants:
        who = ([alias.workshop_id, alias.names[p.id], ALL_RESPONDENTS if merged else p.role, ""]
               if alias else [workshop.name, p.name, p.role, p.title])
        for item in questionnaire.items:
            a = answers.get((p.id, item.id))
            theme = questionnaire.theme(item.theme)
            rows.append([*who, DIMENSION_LABELS.get(item.dimension, item.dimension),
                         theme.title if theme else item.theme, item.id, *_levels(a),
                         *_comment_and_time(a, keep, alias, workshop)])
    return shuffled(rows, alias.rng) if alias else rows


def _levels(a: Answer | None) -> list[str]:
    """The current, target and dont_know cells; empty for a statement not answered."""
    if a is None:
        return ["", "", ""]
    return ["" if a.current is None else str(a.current),
            "" if a.target is None else str(a.target), "yes" if a.dont_know else "no"]


def _comment_and_time(a: Answer | None, keep: bool, alias: Pseudonyms | None,
                      workshop: Workshop) -> list[str]:
    """The comment and answered_at cells: anonymised, names scrubbed and the time a day."""
    comment = "" if a is None or not keep else a.comment
    answered_at = "" if a is None else a.answered_at
    if alias is not None:
        comment = cut_to_limit("comment", alias.scrub(comment))[0]
        answered_at = answered_at and day_stamp(workshop)
    return [comment, answered_at]


def export_csv(store: Store, workshop_id: str, out: Path, anonymise: bool = False,
               keep_comments: bool | None = None, merge_small: bool = False) -> int:
    """Write the CSV atomically; returns the number of data rows."""
    rows = csv_rows(store, workshop_id, anonymise, keep_comments, merge_small)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    write_text_atomically(out, buffer.getvalue(), encoding="utf-8-sig")
    return len(rows)
