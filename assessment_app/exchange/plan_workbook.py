"""The editable plan: the workshop's plan as an Excel workbook a facilitator finishes after the
workshop, and that workbook read back, all or nothing.

The "Plan" sheet is a working plan, not a report: a title block (workshop, organisation, date,
the plan's state as a Suggested / Agreed dropdown, the workshop id that ties the file to its
workshop), then one row per plan entry in plan order. The columns a facilitator edits (Included,
Owner, Accountable, Horizon, Due date, Status, Notes) are white, with dropdowns and a date check;
the columns to read (№, Action, It worked when, Why, Priority) are shaded; the "Action id" column
ties each row to its action and says "do not edit". A "Read me" sheet says how to use it, and a
hidden "Lists" sheet holds the dropdowns' choices (participant names may hold commas, which an
inline Excel list cannot).

The sheet is not protected: protection would stop a facilitator sorting or moving rows, which is
how a plan is reordered in Excel. What protects the data is the reading (``plan_workbook_read``):
every editable cell is checked and a broken sheet is refused in one sentence naming its cell.

Every text a person typed goes in as a string cell, so a note such as "=SUM(A1)" or "+1" is shown
as typed and never becomes a formula (with Excel's quote prefix, so editing it keeps it text).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from ..analysis.plan import PlanEntry, load_plan, plan_numbers, plan_state
from ..analysis.plan_story import why, worked_when
from ..analysis.workshop import ScoredWorkshop, load_scored_workshop
from ..content.actions import HORIZON_LABELS, OWNER_LABELS, partner_of
from ..files import write_bytes_atomically
from ..i18n import formats, speaking, tr
from ..rules.plan_fields import status_label
from .plan_sheet import (
    COL,
    COLUMNS,
    FIRST_ROW,
    HEADER_ROW,
    LABEL_COL,
    LAST_COL,
    LIST_KEYS,
    PERSON_ID_COLUMN,
    PLAN_SHEET,
    TITLE_BLOCK,
    VALUE_COL,
    headers,
    horizon_choices,
    instruction,
    lists_sheet,
    owner_choices,
    participant_labels,
    readme,
    readme_sheet,
    state_choices,
    status_choices,
    title_labels,
    yes_no,
)
from .plan_workbook_read import PlanImport, PlanWorkbook, import_plan_workbook, read_plan_workbook
from .room_sheet import room_sheet

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ..content.catalog import Catalog
    from ..store.database import Store

__all__ = ["write_plan_workbook", "read_plan_workbook", "import_plan_workbook", "PlanWorkbook",
           "PlanImport", "plan_workbook", "put_text"]

_HEADER_FILL = PatternFill("solid", fgColor="1F4E5A")
_READ_FILL = PatternFill("solid", fgColor="F2F2F2")
_ID_FILL = PatternFill("solid", fgColor="E4E4E4")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_READ_ONLY = ("number", "title", "worked", "why", "priority")
_EARLIEST, _LATEST = date(2000, 1, 1), date(2100, 12, 31)  # what the due-date check accepts


def write_plan_workbook(store: Store, workshop_id: str, catalog: Catalog, out: Path,
                        language: str | None = None) -> Path:
    """Write the workshop's plan (as ``load_plan`` gives it) to ``out`` as an editable Excel
    workbook in the workshop's report language (``language`` overrides it), its actions and
    statements in the catalog's words for that language, atomically (a ``.part`` sibling
    renamed into place); returns ``out``."""
    with speaking(store.report_language(workshop_id, language)):
        words = catalog.wording()
        scored = load_scored_workshop(store, workshop_id, words.actions,
                                      shown=words.questionnaire)
        entries = load_plan(store, workshop_id, words.actions, ranked=scored.scores.actions)
        book = plan_workbook(scored, entries, plan_state(store, workshop_id))
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomically(Path(out), buffer.getvalue())
    return Path(out)


def plan_workbook(scored: ScoredWorkshop, entries: Sequence[PlanEntry], state: str) -> Workbook:
    """The workbook for ``entries`` (plan order) of the scored workshop in ``state``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = PLAN_SHEET
    labels = participant_labels(scored.participants)
    lists = _lists_sheet(book, labels)
    _title_block(sheet, scored, state, lists)
    last = _entry_rows(sheet, scored, entries, labels)
    _validations(sheet, lists, last)
    _layout(sheet, last)
    _readme(book)
    room_sheet(book, scored, put_text)  # the consensus round's decisions and dots
    return book


# What XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF): one of
# them in a cell makes a workbook Excel calls corrupt. Each is written as U+FFFD, the
# replacement character "�", so the cell shows that something was there.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def put_text(cell: Any, text: str) -> None:
    """Text exactly as typed, as a string cell: never a formula, even when it begins with "=",
    "+", "-" or "@" (Excel's quote prefix keeps it text when someone edits it); what XML
    forbids is replaced (``XML_FORBIDDEN``), the one place every text of the workbook passes."""
    cell.value = XML_FORBIDDEN.sub("\ufffd", text)
    cell.data_type = "s"
    if text[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True


def _title_block(sheet: Worksheet, scored: ScoredWorkshop, state: str, lists: dict) -> None:
    workshop = scored.workshop
    put_text(sheet["A1"], tr("Action plan: {workshop}", workshop=workshop.name))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = instruction()
    sheet["A2"].font = Font(italic=True, color="404040")
    state_label = {code: label for label, code in state_choices().items()}[state]
    values: dict[str, Any] = {"organisation": workshop.organization, "state": state_label,
                              "id": workshop.id, "date": workshop.date}
    labels = title_labels()
    for row, key in enumerate(TITLE_BLOCK, start=3):
        sheet[f"{LABEL_COL}{row}"] = labels[key]
        sheet[f"{LABEL_COL}{row}"].font = Font(bold=True)
        cell = sheet[f"{VALUE_COL}{row}"]
        if key == "date" and _iso_date(workshop.date):
            cell.value = date.fromisoformat(workshop.date)
            cell.number_format = formats.short_date_format()
        else:
            put_text(cell, values[key] or "")
        cell.alignment = Alignment(horizontal="left")
        sheet.merge_cells(f"{VALUE_COL}{row}:{COL['horizon']}{row}")
        if key == "state":
            cell.font = Font(bold=True)
            _list_check(sheet, lists["state"], f"{VALUE_COL}{row}", labels[key],
                        tr("Pick Suggested or Agreed."))
        if key == "id":
            cell.font = Font(color="808080")


def _entry_rows(sheet: Worksheet, scored: ScoredWorkshop, entries: Sequence[PlanEntry],
               labels: dict[str, str]) -> int:
    """One row per entry (in plan order) from ``FIRST_ROW``, numbered as every screen and PDF
    numbers the plan (the included actions 1..n; none for those left out); returns the last
    row written."""
    numbers = plan_numbers(entries)
    names = headers()
    yes, no = yes_no()
    for key, _ in COLUMNS:
        cell = sheet[f"{COL[key]}{HEADER_ROW}"]
        cell.value = names[key]
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER
    for row, entry in enumerate(entries, start=FIRST_ROW):
        values: dict[str, Any] = {
            "number": numbers.get(entry.id), "title": _title(entry),
            "included": yes if entry.included else no,
            "owner": _label(OWNER_LABELS, entry.owner),
            "accountable": labels.get(entry.accountable, ""),
            "horizon": _label(HORIZON_LABELS, entry.horizon),
            "due": date.fromisoformat(entry.due) if _iso_date(entry.due) else None,
            "status": status_label(entry.status), "notes": entry.notes,
            "worked": worked_when(entry.action, scored.questionnaire),
            "why": why(entry, scored), "priority": entry.priority, "id": entry.id}
        for key, _ in COLUMNS:
            cell = sheet[f"{COL[key]}{row}"]
            value = values[key]
            if isinstance(value, str):
                put_text(cell, value)
            else:
                cell.value = value
            cell.alignment = _WRAP_TOP
            cell.border = _BORDER
            if key in _READ_ONLY:
                cell.fill = _READ_FILL
        sheet[f"{COL['due']}{row}"].number_format = formats.short_date_format()
        sheet[f"{COL['priority']}{row}"].number_format = "0.00"
        sheet[f"{COL['id']}{row}"].fill = _ID_FILL
        sheet[f"{COL['id']}{row}"].font = Font(color="808080", size=9)
    return FIRST_ROW + max(len(entries), 1) - 1


def _lists_sheet(book: Workbook, labels: dict[str, str]) -> dict[str, str]:
    """The dropdowns' choices on a hidden sheet, and each participant's id beside their label
    (``PERSON_ID_COLUMN``); list name -> its range as a formula."""
    name = lists_sheet()
    sheet = book.create_sheet(name)
    people = sorted(labels.items(), key=lambda item: item[1].casefold())
    columns = {"included": list(yes_no()), "owner": list(owner_choices()),
               "horizon": list(horizon_choices()), "status": list(status_choices()),
               "state": list(state_choices()), "accountable": [label for _, label in people]}
    assert tuple(columns) == LIST_KEYS
    ranges = {}
    for n, (key, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(n)
        for row, value in enumerate(values, start=1):
            put_text(sheet[f"{letter}{row}"], value)
        if values:
            ranges[key] = f"'{name}'!${letter}$1:${letter}${len(values)}"
    for row, (participant_id, _) in enumerate(people, start=1):
        put_text(sheet[f"{get_column_letter(PERSON_ID_COLUMN)}{row}"], participant_id)
    sheet.sheet_state = "hidden"
    return ranges


def _list_check(sheet: Worksheet, formula: str, cells: str, title: str, error: str) -> None:
    check = DataValidation(type="list", formula1=formula, allow_blank=True,
                           showErrorMessage=True, errorTitle=title, error=error)
    check.add(cells)
    sheet.add_data_validation(check)


def _validations(sheet: Worksheet, lists: dict[str, str], last: int) -> None:
    def cells(key: str) -> str:
        return f"{COL[key]}{FIRST_ROW}:{COL[key]}{last}"

    names = headers()
    _list_check(sheet, lists["included"], cells("included"), names["included"],
                tr("Pick one of: {choices}.", choices=", ".join(yes_no())))
    _list_check(sheet, lists["owner"], cells("owner"), names["owner"],
                tr("Pick the function that owns the action: {choices}.",
                   choices=", ".join(owner_choices())))
    if "accountable" in lists:
        _list_check(sheet, lists["accountable"], cells("accountable"), names["accountable"],
                    tr("Pick a participant of the workshop from the list, or leave it empty."))
    _list_check(sheet, lists["horizon"], cells("horizon"), names["horizon"],
                tr("Pick one of: {choices}.", choices=", ".join(horizon_choices())))
    _list_check(sheet, lists["status"], cells("status"), names["status"],
                tr("Pick one of: {choices}.", choices=", ".join(status_choices())))
    due = DataValidation(type="date", operator="between", formula1=str(int(to_excel(_EARLIEST))),
                         formula2=str(int(to_excel(_LATEST))), allow_blank=True,
                         showErrorMessage=True, errorTitle=names["due"],
                         error=tr("Type a date, for example 2027-03-31, or leave it empty."))
    due.add(cells("due"))
    sheet.add_data_validation(due)


def _layout(sheet: Worksheet, last: int) -> None:
    for key, width in COLUMNS:
        sheet.column_dimensions[COL[key]].width = width
    sheet.row_dimensions[HEADER_ROW].height = 30
    sheet.freeze_panes = f"{COL['included']}{FIRST_ROW}"  # the header and the action's title
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{LAST_COL}{last}"
    sheet.conditional_formatting.add(  # rows left out of the plan read grey
        f"A{FIRST_ROW}:{COL['priority']}{last}",
        FormulaRule(formula=[f'${COL["included"]}{FIRST_ROW}="{list(yes_no())[1]}"'],
                    font=Font(color="808080")))
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # On paper: the plan up to its success test, 11 pt type printed at about 8 pt on A4
    # landscape (7.5 on Letter). Why, Priority and the id would take it to about 5 pt; the
    # workshop PDF prints the why in full.
    sheet.print_area = f"A1:{COL['worked']}{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = tr("Page {number} of {total}", number="&P", total="&N")


def _readme(book: Workbook) -> None:
    sheet = book.create_sheet(readme_sheet(), 1)
    sheet["A1"] = tr("How to finish the plan in Excel")
    sheet["A1"].font = Font(bold=True, size=14)
    for row, (heading, text) in enumerate(readme(), start=3):
        sheet[f"A{row}"] = heading
        sheet[f"A{row}"].font = Font(bold=True)
        sheet[f"A{row}"].alignment = _WRAP_TOP
        sheet[f"B{row}"] = text
        sheet[f"B{row}"].alignment = _WRAP_TOP
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90


def _title(entry: PlanEntry) -> str:
    """The action's title, and on a line of its own the function taking part beside the owner
    (the Owner column holds only what can be picked from its list)."""
    partner = partner_of(entry.action, entry.owner)
    if not partner:
        return entry.action.title
    label = OWNER_LABELS[partner]
    return tr("{action}\nPartner: {function}", action=entry.action.title, function=tr(label))


def _label(labels: dict[str, str], code: str) -> str:
    """A code's label (``content.actions``) in the current language."""
    label = labels.get(code, code)
    return tr(label)


def _iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return len(value) == 10
