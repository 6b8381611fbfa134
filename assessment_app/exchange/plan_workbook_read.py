"""Reading an edited plan workbook back (``plan_workbook`` writes it), all or nothing.

Every cell a facilitator may edit is checked before anything is written; the first problem is
refused in one sentence naming the sheet, the cell and the start of its value
("Plan!H9: the status must be one of not started, in progress, done, blocked, not 'finished'.").

Decisions, each said to the user where it applies:
- The rows give the order within each group of the plan's one order (``in_plan_order``: the
  included actions by horizon, then those left out); № is only the number at export, so a
  moved row moves the action, and renumbering alone does not.
- A deleted row's action is kept in the plan, not included, at the end, and the import summary
  names it (``PlanImport.missing``): deleting a row reads as "drop it", and the action stays in
  Tandem's list in case it is wanted again.
- A cell holding a formula is refused, not evaluated and not taken as its formula text: a
  workbook saved by openpyxl or by other tools has no computed value to trust.
- Due dates: a date cell, or text written as YYYY-MM-DD; other text (31/03/2027 reads two ways)
  is refused.
- Accountable: a name from the list. Where two participants share a name the list shows them
  apart ("Ana (IT)"), and the bare name is refused as ambiguous.
- The workshop id in the title block must be this workshop's.
- Bounds: at most 5 MB on disk, 50 MB unpacked and 1,000 plan rows; a plan has about 40.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.plan import PlanEntry, edited, in_plan_order, load_plan, saved_rows
from ..content.actions import HORIZON_LABELS, OWNER_LABELS, PLAN_STATES
from ..errors import WorkbookError
from ..rules.changes import Changed, Kind
from ..rules.plan_fields import STATUSES, plan_sentence
from ..rules.text import clean_text, excerpt, too_long
from .plan_sheet import (
    COL,
    COLUMNS,
    EDITABLE,
    ID_LABEL,
    LABEL_COL,
    NO,
    PLAN_SHEET,
    STATE_LABEL,
    VALUE_COL,
    YES,
    label_key,
    participant_labels,
)
from .workbook_file import MAX_ROWS, is_empty, sheet_rows

if TYPE_CHECKING:
    from ..content.actions import Action
    from ..store.database import Store

HEADER_SEARCH = 30  # rows in which the header row is looked for
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELDS = ("included", "owner", "horizon", "due", "notes", "accountable", "status")


@dataclass(frozen=True)
class PlanWorkbook:
    """An edited plan workbook as read: its entries in the sheet's row order, the plan state
    it says, and the plan's entries whose rows were deleted."""

    workshop_id: str
    state: str  # "suggested" or "agreed"
    entries: tuple[PlanEntry, ...]
    missing: tuple[PlanEntry, ...] = ()  # no row in the sheet: kept, not included, at the end


@dataclass(frozen=True)
class PlanImport:
    """What an import did, for the terminal (``as_json``) and the window (``sentence``)."""

    workshop_id: str
    rows: int
    included: int
    changed_fields: int  # cells whose value differs from the plan before
    changed_actions: tuple[str, ...]  # action ids with at least one changed field
    order_changed: bool
    missing: tuple[str, ...]  # action ids without a row: kept at the end, not included
    state: str
    state_changed: bool
    written: bool  # False when the workbook said what the plan already said
    missing_titles: tuple[str, ...] = field(default=(), compare=False)

    @property
    def changed(self) -> Changed:
        """The plan, or nothing when the workbook said what the plan already said."""
        return Changed(self.workshop_id, frozenset({Kind.PLAN} if self.written else ()))

    def as_json(self) -> dict[str, Any]:
        return {"workshop": self.workshop_id, "rows": self.rows, "included": self.included,
                "changed_fields": self.changed_fields,
                "changed_actions": list(self.changed_actions),
                "order_changed": self.order_changed, "missing_rows": list(self.missing),
                "state": self.state, "state_changed": self.state_changed,
                "written": self.written}

    def sentence(self) -> str:
        """One plain sentence on what changed, for a status bar."""
        if not self.written:
            return "The workbook says what the plan already says; nothing changed."
        fields, actions = self.changed_fields, len(self.changed_actions)
        parts = [f"{fields} change{'' if fields == 1 else 's'} in {actions} "
                 f"action{'' if actions == 1 else 's'}"]
        if self.order_changed:
            parts.append("a new order")
        if self.state_changed:
            parts.append(f"the plan now {PLAN_STATES[self.state].lower()}")
        text = "Plan imported: " + ", ".join(parts)
        if self.missing_titles:
            count = len(self.missing_titles)
            text += (f"; {count} action{' has' if count == 1 else 's have'} no row in the "
                     f"workbook and {'stays' if count == 1 else 'stay'} at the end, not "
                     f"included ({', '.join(self.missing_titles)})")
        return text + "."


def workbook_rows(path: Path) -> SheetRows:
    """The Plan sheet's cells, parsed and bounded, with no database: the slow part of an
    import, which the window runs off its UI thread."""
    return SheetRows(sheet_rows(Path(path), PLAN_SHEET, len(COLUMNS), MAX_ROWS + HEADER_SEARCH))


@dataclass(frozen=True)
class SheetRows:
    rows: list[tuple[tuple[Any, str], ...]]


def read_plan_workbook(store: Store, workshop_id: str, actions: list[Action], path: Path
                       ) -> PlanWorkbook:
    """The workbook at ``path`` read against the workshop's plan as it stands; WorkbookError
    (one sentence naming the cell) for anything that does not fit. Nothing is written."""
    return _read(store, workshop_id, load_plan(store, workshop_id, actions),
                 workbook_rows(path))


def import_plan_workbook(store: Store, workshop_id: str, actions: list[Action], path: Path,
                         rows: SheetRows | None = None) -> PlanImport:
    """Apply an edited plan workbook in one transaction: the plan rows in the sheet's order
    within the plan's groups (deleted rows kept at the end, not included) and the plan state
    (an agreed plan keeps the time it was first agreed). All or nothing: a bad workbook
    changes nothing. ``rows``: the sheet already parsed by ``workbook_rows``."""
    from ..rules.stamps import now_iso

    before = load_plan(store, workshop_id, actions)
    book = _read(store, workshop_id, before, rows or workbook_rows(path))
    after = in_plan_order(list(book.entries) + [replace(e, included=False)
                                                for e in book.missing])
    agreed_at = store.plan_agreed_at(workshop_id)
    stamp = (agreed_at or now_iso()) if book.state == "agreed" else ""
    state_changed = bool(stamp) != bool(agreed_at)
    written = saved_rows(after) != saved_rows(before) or state_changed
    if written:
        with store.transaction():
            store.save_plan_rows(workshop_id, saved_rows(after))
            store.set_plan_agreed_at(workshop_id, stamp)
    return _outcome(workshop_id, book, before, after, state_changed, written)


def _outcome(workshop_id: str, book: PlanWorkbook, before: list[PlanEntry],
             after: list[PlanEntry], state_changed: bool, written: bool) -> PlanImport:
    """What an import changed, field by field, as its summary says it."""
    old = {e.id: e for e in before}
    changed = {e.id: sum(getattr(e, f) != getattr(old[e.id], f) for f in _FIELDS)
               for e in after}
    return PlanImport(
        workshop_id=workshop_id, rows=len(book.entries),
        included=sum(e.included for e in after), changed_fields=sum(changed.values()),
        changed_actions=tuple(i for i, n in changed.items() if n),
        order_changed=[e.id for e in after] != [e.id for e in before],
        missing=tuple(e.id for e in book.missing), state=book.state,
        state_changed=state_changed, written=written,
        missing_titles=tuple(e.action.title for e in book.missing))


# -- reading the sheet ------------------------------------------------------------------------


class _Sheet:
    """The rows of the Plan sheet, with messages that name their cell."""

    def __init__(self, rows: list[tuple[tuple[Any, str], ...]]) -> None:
        self.rows = rows

    def cell(self, key_or_letter: str, row: int) -> tuple[Any, str]:
        letter = COL.get(key_or_letter, key_or_letter)
        cells = self.rows[row - 1] if row <= len(self.rows) else ()
        index = _column_index(letter)
        return cells[index] if index < len(cells) else (None, "n")

    def value(self, key_or_letter: str, row: int) -> Any:
        """The cell's value; a formula is refused (its value cannot be trusted)."""
        value, kind = self.cell(key_or_letter, row)
        if kind == "f":
            raise self.fail(key_or_letter, row,
                            f"holds a formula ({excerpt(str(value))}); Tandem takes typed "
                            "values only, so type the value itself (begin text with an "
                            "apostrophe to keep an '=')")
        return value

    def text(self, key_or_letter: str, row: int, multiline: bool = False) -> str:
        return clean_text(_as_text(self.value(key_or_letter, row)), multiline)

    def fail(self, key_or_letter: str, row: int, problem: str) -> WorkbookError:
        return WorkbookError(f"{PLAN_SHEET}!{COL.get(key_or_letter, key_or_letter)}{row}: "
                             f"{problem}.")


def _read(store: Store, workshop_id: str, plan: list[PlanEntry], rows: SheetRows
          ) -> PlanWorkbook:
    workshop = store.workshop(workshop_id)
    sheet = _Sheet(rows.rows)
    header = _header_row(sheet)
    labels = _title_rows(sheet, header)
    found = sheet.text(VALUE_COL, labels[ID_LABEL])
    if found != workshop.id:
        raise sheet.fail(VALUE_COL, labels[ID_LABEL], _other_workshop(store, found, workshop.name))
    state = _choice(sheet, VALUE_COL, labels[STATE_LABEL], "the plan state",
                    {label: key for key, label in PLAN_STATES.items()})
    people = participant_labels(store.participants(workshop_id))
    current = {e.id: e for e in plan}
    entries: list[PlanEntry] = []
    seen: dict[str, int] = {}
    for row in range(header + 1, len(sheet.rows) + 1):
        if all(is_empty(sheet.cell(key, row)[0]) for key in ("title", "id", *EDITABLE)):
            continue  # a blank row (the contents of a row were deleted)
        action_id = _action_id(sheet, row, current, seen)
        entries.append(_entry(sheet, row, current[action_id], people))
    listed = {e.id for e in entries}
    missing = tuple(e for e in plan if e.id not in listed)
    return PlanWorkbook(workshop.id, state, tuple(entries), missing)


def _header_row(sheet: _Sheet) -> int:
    first_header = COLUMNS[0][0]
    for row in range(1, min(len(sheet.rows), HEADER_SEARCH) + 1):
        if _as_text(sheet.cell("A", row)[0]).strip() == first_header:
            for header, _, key in COLUMNS:
                found = " ".join(_as_text(sheet.cell(key, row)[0]).split())
                if found.casefold() != header.casefold():
                    raise sheet.fail(key, row, f"the column header must be {header!r}, not "
                                               f"{excerpt(found)!r} (the columns are read by "
                                               "their place; put them back as exported)")
            return row
    raise WorkbookError(f"{PLAN_SHEET}: no header row (beginning with '{first_header}' in "
                        f"column A) in the first {HEADER_SEARCH} rows; export the plan again "
                        "and copy your changes into it.")


def _title_rows(sheet: _Sheet, header: int) -> dict[str, int]:
    """Label -> its row in the title block above the header row."""
    rows: dict[str, int] = {}
    for row in range(1, header):
        label = " ".join(_as_text(sheet.cell(LABEL_COL, row)[0]).split())
        for wanted in (STATE_LABEL, ID_LABEL):
            if label.casefold() == wanted.casefold():
                rows.setdefault(wanted, row)
    for wanted in (STATE_LABEL, ID_LABEL):
        if wanted not in rows:
            raise WorkbookError(f"{PLAN_SHEET}: the title block above the header has no "
                                f"'{wanted}' label in column {LABEL_COL}; put it back as "
                                "exported.")
    return rows


def _other_workshop(store: Store, found: str, name: str) -> str:
    if not found:
        return (f"the workshop id is empty, so this file cannot be tied to {excerpt(name)!r}; "
                "export this workshop's plan again")
    if store.has_workshop(found):
        other = store.workshop(found)
        if other.name == name:  # the same name: tell them apart by date and id
            return (f"this workbook is the plan of another workshop, {excerpt(other.name)!r} "
                    f"of {other.date or 'no date'} (id {found[:8]}…), not of this one with the "
                    "same name; import it into that workshop")
        return (f"this workbook is the plan of another workshop, {excerpt(other.name)!r}, not "
                f"of {excerpt(name)!r}; import it into that workshop")
    return (f"this workbook is for a workshop this laptop does not have (id "
            f"{excerpt(found)!r}), not for {excerpt(name)!r}; export this workshop's plan")


def _action_id(sheet: _Sheet, row: int, current: dict[str, PlanEntry], seen: dict[str, int]
               ) -> str:
    action_id = sheet.text("id", row)
    if not action_id:
        raise sheet.fail("id", row, "this row has no action id, and new rows cannot add "
                                    "actions; copy the id back, delete the row, or write your "
                                    "idea in another action's notes")
    if action_id not in current:
        raise sheet.fail("id", row, f"no action of this workshop has the id "
                                    f"{excerpt(action_id)!r}; the ids must stay as exported")
    if action_id in seen:
        raise sheet.fail("id", row, f"the action {excerpt(action_id)!r} is in the sheet twice "
                                    f"(also row {seen[action_id]}); delete one of the two rows")
    seen[action_id] = row
    return action_id


def _entry(sheet: _Sheet, row: int, entry: PlanEntry, people: dict[str, str]) -> PlanEntry:
    included = _choice(sheet, "included", row, "'Included'", {YES: True, NO: False})
    owner = _choice(sheet, "owner", row, "the owner",
                    {label: key for key, label in OWNER_LABELS.items()})
    horizon = _choice(sheet, "horizon", row, "the horizon",
                      {label: key for key, label in HORIZON_LABELS.items()})
    status = _choice(sheet, "status", row, "the status", {s: s for s in STATUSES})
    notes = sheet.text("notes", row, multiline=True)
    problem = too_long("notes", notes, "the note")
    if problem:
        raise sheet.fail("notes", row, problem[0].lower() + problem[1:].rstrip("."))
    return edited(entry, included=included, owner=owner, horizon=horizon, status=status,
                  due=_due(sheet, row), notes=notes,
                  accountable=_accountable(sheet, row, people))


def _choice(sheet: _Sheet, key: str, row: int, what: str, choices: dict[str, Any]) -> Any:
    """The choice the cell names (its label, any case; for plan fields also the stored key)."""
    raw = sheet.value(key, row)
    found = " ".join(_as_text(raw).split())
    if isinstance(raw, bool) and key == "included":  # Excel's TRUE / FALSE
        found = YES if raw else NO
    by_name = {label.casefold(): value for label, value in choices.items()}
    by_name.update({str(value).casefold(): value for value in choices.values()
                    if isinstance(value, str)})
    if found.casefold() in by_name:
        return by_name[found.casefold()]
    allowed = ", ".join(choices)
    shown = f"not {excerpt(found)!r}" if found else "not empty"
    raise sheet.fail(key, row, f"{what} must be one of {allowed}, {shown}")


def _due(sheet: _Sheet, row: int) -> str:
    raw = sheet.value("due", row)
    if isinstance(raw, datetime):
        return _due_rule(sheet, row, raw.date().isoformat())
    if isinstance(raw, date):
        return _due_rule(sheet, row, raw.isoformat())
    text = _as_text(raw).strip()
    if not text:
        return ""
    if isinstance(raw, str) and _ISO_DATE.fullmatch(text):
        try:
            return _due_rule(sheet, row, date.fromisoformat(text).isoformat())
        except ValueError:
            pass
    raise sheet.fail("due", row, f"the due date must be a date (a date cell, or text as "
                                 f"YYYY-MM-DD), not {excerpt(text)!r}")


def _due_rule(sheet: _Sheet, row: int, due: str) -> str:
    """The due date, if the plan's rule takes it (``plan_sentence``), else refused at its cell."""
    problem = plan_sentence("due", due)
    if problem:
        raise sheet.fail("due", row, problem[0].lower() + problem[1:].rstrip("."))
    return due


def _accountable(sheet: _Sheet, row: int, people: dict[str, str]) -> str:
    """A participant's id from their label in the list (any case); '' for an empty cell."""
    text = " ".join(sheet.text("accountable", row).split())
    if not text:
        return ""
    by_label = {label_key(label): pid for pid, label in people.items()}
    if label_key(text) in by_label:
        return by_label[label_key(text)]
    shared = [label for label in people.values()
              if label.casefold().startswith(text.casefold() + " (")]
    if len(shared) > 1:
        raise sheet.fail("accountable", row, f"{len(shared)} participants are called "
                                             f"{excerpt(text)!r}; pick one from the list "
                                             f"({', '.join(excerpt(s) for s in shared)})")
    raise sheet.fail("accountable", row, f"the accountable person must be a participant of "
                                         f"the workshop, picked from the list or left empty, "
                                         f"not {excerpt(text)!r}")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_index(letter: str) -> int:
    index = 0
    for ch in letter:
        index = index * 26 + ord(ch.upper()) - 64
    return index - 1
