"""What the editable plan workbook looks like (``plan_workbook`` writes it,
``plan_workbook_read`` reads it back): its sheets, the title block, the columns in their order
and the words of its "Read me" sheet, in one place so writing and reading cannot drift apart."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter

from ..content.questionnaire import ROLE_LABELS

if TYPE_CHECKING:
    from ..rules.records import Participant

PLAN_SHEET = "Plan"
README_SHEET = "Read me"
LISTS_SHEET = "Lists"

# (header, width in characters, what the column holds); read back by position.
COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("№", 5, "number"),
    ("Action", 34, "title"),
    ("Included", 10, "included"),
    ("Owner", 14, "owner"),
    ("Accountable", 22, "accountable"),
    ("Horizon", 14, "horizon"),
    ("Due date", 12, "due"),
    ("Status", 13, "status"),
    ("Notes", 38, "notes"),
    ("It worked when", 36, "worked"),
    ("Why", 64, "why"),
    ("Priority", 9, "priority"),
    ("Action id (do not edit)", 28, "id"),
)
COL = {key: get_column_letter(n) for n, (_, _, key) in enumerate(COLUMNS, start=1)}
EDITABLE = ("included", "owner", "accountable", "horizon", "due", "status", "notes")
LAST_COL = COL["id"]

# The title block: a label in column B, its value in column C, above the header row.
LABEL_COL, VALUE_COL = "B", "C"
ORGANISATION, WORKSHOP_DATE = "Organisation", "Workshop date"
STATE_LABEL, ID_LABEL = "Plan state", "Workshop id (do not edit)"
TITLE_BLOCK = (ORGANISATION, WORKSHOP_DATE, STATE_LABEL, ID_LABEL)  # rows 3-6
HEADER_ROW = 8
FIRST_ROW = HEADER_ROW + 1
YES, NO = "Yes", "No"

INSTRUCTION = ("Edit the white columns, move rows to change the order, then import this file "
               "in Tandem (Plan, Import from Excel…); the shaded columns are for reading.")
README = (
    ("What this is", "The workshop's action plan as a working sheet. Finish it after the "
                     "workshop (who is accountable, by when, how it is going) and import it "
                     "back into Tandem, which then prints it in the PDFs."),
    ("What you can change", "On the Plan sheet: the plan state (Suggested until the room has "
                            "agreed the plan, then Agreed), and in each row Included, Owner, "
                            "Accountable, Horizon, Due date, Status and Notes. Pick from the "
                            "dropdowns; type a due date as a date (2027-03-31)."),
    ("The order", "The plan lists the included actions by horizon (the next 90 days first), "
                  "then the actions left out. Within a horizon the rows' order is the plan's "
                  "order: move a row (cut it, then insert the cut cells) or sort the table. To "
                  "move an action to another group, change its Horizon or Included. № is the "
                  "number at export, which Tandem recounts."),
    ("What to leave alone", "The Action id column ties each row to its action, and the "
                            "workshop id ties the file to its workshop: Tandem refuses a "
                            "file whose ids it does not know. The Action, It worked when, Why "
                            "and Priority columns come from Tandem; changes to them are not "
                            "read. Keep the sheet names and the header row as they are."),
    ("Deleting a row", "A deleted row's action stays in Tandem's list, not included, at the "
                       "end; the import says which. New rows cannot add actions: write your "
                       "own ideas in an action's notes."),
    ("Printing", "The Plan sheet prints landscape, one page wide, up to the It worked when "
                 "column; the workshop PDF has the reasons (Why) in full."),
    ("Importing", "In Tandem: Plan, Import from Excel…, or 'tandem import-plan --workshop ID "
                  "FILE.xlsx'. All or nothing: if one cell is wrong, Tandem says which cell "
                  "and why, and changes nothing."),
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
        role = ROLE_LABELS.get(p.role, p.role)
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
