"""What the editable plan workbook looks like (``plan_workbook`` writes it,
``plan_workbook_read`` reads it back): its sheets, the title block, the columns in their order
and the words of its "Read me" sheet, in one place so writing and reading cannot drift apart."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from openpyxl.utils import get_column_letter

from .. import i18n
from ..content.actions import HORIZON_LABELS, OWNER_LABELS
from ..content.questionnaire import ROLE_LABELS
from ..errors import WorkbookError
from ..i18n import tr, tr_p
from ..rules.plan_fields import STATUSES, status_label

if TYPE_CHECKING:
    from ..rules.records import Participant

PLAN_SHEET = "Plan"  # not translated: the same word in German, and the import finds it by name

# (what the column holds, its width in characters); read back by position, headers by ``headers``.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("number", 5), ("title", 34), ("included", 10), ("owner", 14), ("accountable", 22),
    ("horizon", 14), ("due", 12), ("status", 13), ("notes", 38), ("worked", 36), ("why", 64),
    ("priority", 9), ("id", 28))
COL = {key: get_column_letter(n) for n, (key, _) in enumerate(COLUMNS, start=1)}
EDITABLE = ("included", "owner", "accountable", "horizon", "due", "status", "notes")
LAST_COL = COL["id"]

# The title block: a label in column B, its value in column C, above the header row.
LABEL_COL, VALUE_COL = "B", "C"
TITLE_BLOCK = ("organisation", "date", "state", "id")  # rows 3-6, labelled by ``title_labels``
HEADER_ROW = 8
FIRST_ROW = HEADER_ROW + 1

T = TypeVar("T")


def in_every_language(make: Callable[[], T]) -> list[T]:
    """``make()`` as each language Tandem speaks writes it, the current one first: the import
    reads a workbook exported in any of them."""
    codes = sorted(i18n.LANGUAGES, key=lambda code: code != i18n.current())
    found = []
    for code in codes:
        with i18n.speaking(code):
            found.append(make())
    return found


def readme_sheet() -> str:
    return tr_p("workbook sheet", "Read me")


def lists_sheet() -> str:
    return tr_p("workbook sheet", "Lists")


# The hidden Lists sheet: the dropdowns' choices, a column each, then beside the participants'
# labels their ids, so the import reads whom a label meant when the file was written (a label
# such as "Ana (IT 2)" names another person once someone is removed or added).
LIST_KEYS = ("included", "owner", "horizon", "status", "state", "accountable")
PERSON_ID_COLUMN = len(LIST_KEYS) + 1


def listed_people(path: Path) -> dict[str, str]:
    """Label (``label_key``) -> participant id, as the workbook's own Lists sheet says; empty
    for a workbook written without the ids."""
    from .workbook_file import is_empty, sheet_rows

    label = LIST_KEYS.index("accountable")
    for name in dict.fromkeys(in_every_language(lists_sheet)):
        try:
            rows = sheet_rows(path, name, PERSON_ID_COLUMN)
        except WorkbookError:  # no such sheet (the Plan sheet was read: the file is sound)
            continue
        return {_key(str(row[label][0])): str(row[-1][0]).strip() for row in rows
                if not is_empty(row[label][0]) and not is_empty(row[-1][0])}
    return {}


def headers() -> dict[str, str]:
    """Each column's header in the current language."""
    return {"number": "№", "title": tr_p("workbook column", "Action"),
            "included": tr_p("workbook column", "Included"),
            "owner": tr_p("workbook column", "Owner"),
            "accountable": tr_p("workbook column", "Accountable"),
            "horizon": tr_p("workbook column", "Horizon"),
            "due": tr_p("workbook column", "Due date"),
            "status": tr_p("workbook column", "Status"),
            "notes": tr_p("workbook column", "Notes"),
            "worked": tr_p("workbook column", "It worked when"),
            "why": tr_p("workbook column", "Why"),
            "priority": tr_p("workbook column", "Priority"),
            "id": tr_p("workbook column", "Action id (do not edit)")}


def title_labels() -> dict[str, str]:
    """The title block's labels in the current language."""
    return {"organisation": tr_p("workbook title block", "Organisation"),
            "date": tr_p("workbook title block", "Workshop date"),
            "state": tr_p("workbook title block", "Plan state"),
            "id": tr_p("workbook title block", "Workshop id (do not edit)")}


def yes_no() -> dict[str, bool]:
    return {tr_p("workbook choice", "Yes"): True, tr_p("workbook choice", "No"): False}


def owner_choices() -> dict[str, str]:
    """Label -> owner code, as the Owner dropdown offers them."""
    return {tr(label): code for code, label in OWNER_LABELS.items()}


def horizon_choices() -> dict[str, str]:
    return {tr(label): code for code, label in HORIZON_LABELS.items()}


def status_choices() -> dict[str, str]:
    return {status_label(status): status for status in STATUSES}


def state_choices() -> dict[str, str]:
    return {tr_p("plan state", "Suggested"): "suggested", tr_p("plan state", "Agreed"): "agreed"}


def instruction() -> str:
    return tr("Edit the white columns, move rows to change the order, then import this file in "
              "Tandem (Plan, Import from Excel…); the shaded columns are for reading.")


def readme() -> tuple[tuple[str, str], ...]:
    """The "Read me" sheet: a heading and its text per row."""
    return (
        (tr("What this is"), tr(
            "The workshop's action plan as a working sheet. Finish it after the workshop (who "
            "is accountable, by when, how it is going) and import it back into Tandem, which "
            "then prints it in the PDFs.")),
        (tr("What you can change"), tr(
            "On the Plan sheet: the plan state (Suggested until the room has agreed the plan, "
            "then Agreed), and in each row Included, Owner, Accountable, Horizon, Due date, "
            "Status and Notes. Pick from the dropdowns; type a due date as a date (2027-03-31).")),
        (tr("The order"), tr(
            "The plan lists the included actions by horizon (the next 90 days first), then the "
            "actions left out. Within a horizon the rows' order is the plan's order: move a row "
            "(cut it, then insert the cut cells) or sort the table. To move an action to another "
            "group, change its Horizon or Included. № is the number at export, which Tandem "
            "recounts.")),
        (tr("What to leave alone"), tr(
            "The Action id column ties each row to its action, and the workshop id ties the "
            "file to its workshop: Tandem refuses a file whose ids it does not know. The Action, "
            "It worked when, Why and Priority columns come from Tandem; changes to them are not "
            "read. Keep the sheet names and the header row as they are.")),
        (tr("Deleting a row"), tr(
            "A deleted row's action stays in Tandem's list, not included, at the end; the "
            "import says which. New rows cannot add actions: write your own ideas in an "
            "action's notes.")),
        (tr("Printing"), tr(
            "The Plan sheet prints landscape, one page wide, up to the It worked when column; "
            "the workshop PDF has the reasons (Why) in full.")),
        (tr("Importing"), tr(
            "In Tandem: Plan, Import from Excel…, or 'tandem import-plan --workshop ID "
            "FILE.xlsx'. All or nothing: if one cell is wrong, Tandem says which cell and why, "
            "and changes nothing.")),
    )


def participant_labels(participants: Iterable[Participant]) -> dict[str, str]:
    """Participant id -> the name the Accountable column shows, one label per person that reads
    back as that person: the name; where two share it, the name with the function ("Ana
    (IT)"); where that is shared too, numbered ("Ana (IT 2)"). A label that is shared, or is
    someone else's real name ("Ana (IT 1)" may be a name), is never given: the number moves on
    until the label is free. Case and spaces do not tell labels apart (the import ignores them)."""
    people = list(participants)
    names = Counter(_key(p.name) for p in people)
    roles = Counter((_key(p.name), p.role) for p in people)
    taken = {_key(p.name) for p in people}  # every real name, whoever has it
    labels = {p.id: p.name for p in people if names[_key(p.name)] == 1}
    for p in people:
        if p.id in labels:
            continue
        function = ROLE_LABELS.get(p.role, p.role)
        role = tr(function)
        label = f"{p.name} ({role})"
        number = 0
        while roles[(_key(p.name), p.role)] > 1 and number == 0 or _key(label) in taken:
            number += 1
            label = f"{p.name} ({role} {number})"
        taken.add(_key(label))
        labels[p.id] = label
    return {p.id: labels[p.id] for p in people}


def label_key(label: str) -> str:
    """How the import compares a typed label with the list: without case or extra spaces."""
    return _key(label)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
