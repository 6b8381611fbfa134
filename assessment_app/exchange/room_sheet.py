"""The plan workbook's "Room" sheet: what the room recorded in the consensus round, to read
beside the plan: each decision (statement, agreed level and target, status, note, when) and the
dots on each action. It is for reading: ``plan_workbook_read`` reads only the plan's sheet."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Alignment, Font

from ..analysis.workshop import ScoredWorkshop
from ..i18n import tr, tr_p
from ..rules.consensus import decision_words

if TYPE_CHECKING:
    from openpyxl import Workbook

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def room_sheet(book: Workbook, scored: ScoredWorkshop,
               put_text: Callable[[Any, str], None]) -> None:
    """Add the sheet when the consensus round has recorded decisions or dots; every typed text
    goes in through ``put_text`` (never a formula)."""
    view = scored.consensus
    if view is None or not (view.decisions or view.votes):
        return
    sheet = book.create_sheet(tr_p("workbook sheet", "Room"))
    put_text(sheet["A1"], tr("What the room agreed"))
    sheet["A1"].font = Font(bold=True, size=14)
    row = 3
    decision_headers = (
        tr_p("room column", "Statement id"), tr_p("room column", "Statement"),
        tr_p("room column", "Agreed level today"), tr_p("room column", "Agreed target"),
        tr_p("room column", "Status"), tr_p("room column", "Note"),
        tr_p("room column", "Decided at"))
    for col, header in enumerate(decision_headers, start=1):
        put_text(sheet.cell(row, col), header)
        sheet.cell(row, col).font = _BOLD
    for decision in view.decisions:
        row += 1
        item = scored.questionnaire.item(decision.item_id)
        text = item.text_for("marketing") if item else ""
        values: tuple[str | int, ...] = (decision.item_id, text, decision.current,
                                         decision.target, decision_words(decision.status),
                                         decision.note, decision.decided_at)
        for col, value in enumerate(values, start=1):
            target = sheet.cell(row, col)
            if isinstance(value, int):
                target.value = value
            else:
                put_text(target, str(value))
            target.alignment = _WRAP
    row += 2
    titles = {a.action.id: a.action.title for a in scored.scores.actions}
    vote_headers = (tr_p("room column", "Action id"), tr_p("room column", "Action"),
                    tr_p("room column", "Dots"))
    for col, header in enumerate(vote_headers, start=1):
        put_text(sheet.cell(row, col), header)
        sheet.cell(row, col).font = _BOLD
    for action_id, dots in sorted(view.votes.items(), key=lambda pair: (-pair[1], pair[0])):
        row += 1
        put_text(sheet.cell(row, 1), action_id)
        put_text(sheet.cell(row, 2), titles.get(action_id, ""))
        sheet.cell(row, 3).value = dots
    for letter, width in zip("ABCDEFG", (14, 50, 12, 12, 12, 40, 26), strict=True):
        sheet.column_dimensions[letter].width = width
