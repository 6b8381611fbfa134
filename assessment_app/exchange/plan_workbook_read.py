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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.plan import PlanEntry, edited, in_plan_order, load_plan, saved_rows
from ..errors import WorkbookError
from ..i18n import tr, tr_n
from ..i18n.formats import quoted
from ..rules.changes import Changed, Kind
from ..rules.dates import day_label
from ..rules.plan_fields import plan_sentence
from ..rules.text import clean_text, excerpt, too_long
from .plan_sheet import (
    COL,
    COLUMNS,
    EDITABLE,
    LABEL_COL,
    PLAN_SHEET,
    VALUE_COL,
    headers,
    horizon_choices,
    in_every_language,
    label_key,
    listed_people,
    owner_choices,
    participant_labels,
    state_choices,
    status_choices,
    title_labels,
    yes_no,
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
            return tr("The workbook says what the plan already says; nothing changed.")
        actions = len(self.changed_actions)
        parts = [tr_n("{n} change in {actions} actions", "{n} changes in {actions} actions",
                      self.changed_fields, actions=actions)
                 if actions != 1 else
                 tr_n("{n} change in 1 action", "{n} changes in 1 action", self.changed_fields)]
        if self.order_changed:
            parts.append(tr("a new order"))
        if self.state_changed:
            parts.append(tr("the plan now agreed") if self.state == "agreed" else
                         tr("the plan now suggested"))
        text = tr("Plan imported: {changes}", changes=", ".join(parts))
        if self.missing_titles:
            text = tr_n("{imported}; {n} action has no row in the workbook and stays at the "
                        "end, not included ({titles})",
                        "{imported}; {n} actions have no row in the workbook and stay at the "
                        "end, not included ({titles})", len(self.missing_titles),
                        imported=text, titles=", ".join(self.missing_titles))
        return text + "."


def workbook_rows(path: Path) -> SheetRows:
    """The Plan sheet's cells, parsed and bounded, with no database: the slow part of an
    import, which the window runs off its UI thread."""
    return SheetRows(sheet_rows(Path(path), PLAN_SHEET, len(COLUMNS), MAX_ROWS + HEADER_SEARCH),
                     listed_people(Path(path)))


@dataclass(frozen=True)
class SheetRows:
    rows: list[tuple[tuple[Any, str], ...]]
    listed: dict[str, str] = field(default_factory=dict)  # label -> whom it meant, by the file


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
            raise self.fail(key_or_letter, row, tr(
                "holds a formula ({formula}); Tandem takes typed values only, so type the value "
                "itself (begin text with an apostrophe to keep an '=')",
                formula=excerpt(str(value))))
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
    found = sheet.text(VALUE_COL, labels["id"])
    if found != workshop.id:
        raise sheet.fail(VALUE_COL, labels["id"], _other_workshop(store, found, workshop.name))
    state = _choice(sheet, VALUE_COL, labels["state"], tr("the plan state"), state_choices)
    people = participant_labels(store.participants(workshop_id))
    current = {e.id: e for e in plan}
    entries: list[PlanEntry] = []
    seen: dict[str, int] = {}
    for row in range(header + 1, len(sheet.rows) + 1):
        if all(is_empty(sheet.cell(key, row)[0]) for key in ("title", "id", *EDITABLE)):
            continue  # a blank row (the contents of a row were deleted)
        action_id = _action_id(sheet, row, current, seen)
        entries.append(_entry(sheet, row, current[action_id], people, rows.listed))
    listed = {e.id for e in entries}
    missing = tuple(e for e in plan if e.id not in listed)
    return PlanWorkbook(workshop.id, state, tuple(entries), missing)


def _header_row(sheet: _Sheet) -> int:
    """The header row, in any language Tandem exports the workbook in (that of its first
    column header decides which the others must be in)."""
    first_key = COLUMNS[0][0]
    written = in_every_language(headers)
    for row in range(1, min(len(sheet.rows), HEADER_SEARCH) + 1):
        first = _as_text(sheet.cell("A", row)[0]).strip()
        if first != written[0][first_key]:
            continue
        found = {key: " ".join(_as_text(sheet.cell(key, row)[0]).split()) for key, _ in COLUMNS}
        language = max(written, key=lambda names: sum(
            found[key].casefold() == names[key].casefold() for key in names))
        for key, header in language.items():
            if found[key].casefold() != header.casefold():
                raise sheet.fail(key, row, tr(
                    "the column header must be {header}, not {found} (the columns are read by "
                    "their place; put them back as exported)", header=quoted(header),
                    found=quoted(excerpt(found[key]))))
        return row
    raise WorkbookError(tr(
        "{sheet}: no header row (beginning with '{first}' in column A) in the first {rows} rows; "
        "export the plan again and copy your changes into it.", sheet=PLAN_SHEET,
        first=written[0][first_key], rows=HEADER_SEARCH))


def _title_rows(sheet: _Sheet, header: int) -> dict[str, int]:
    """The title block's rows above the header row, by what they label ("state", "id"), with
    the labels of any language Tandem exports in."""
    wanted = {label.casefold(): key for labels in in_every_language(title_labels)
              for key, label in labels.items() if key in ("state", "id")}
    rows: dict[str, int] = {}
    for row in range(1, header):
        label = " ".join(_as_text(sheet.cell(LABEL_COL, row)[0]).split()).casefold()
        if label in wanted:
            rows.setdefault(wanted[label], row)
    for key in ("state", "id"):
        if key not in rows:
            raise WorkbookError(tr(
                "{sheet}: the title block above the header has no '{label}' label in column "
                "{column}; put it back as exported.", sheet=PLAN_SHEET,
                label=title_labels()[key], column=LABEL_COL))
    return rows


def _other_workshop(store: Store, found: str, name: str) -> str:
    if not found:
        return tr("the workshop id is empty, so this file cannot be tied to {workshop}; export "
                  "this workshop's plan again", workshop=quoted(excerpt(name)))
    if store.has_workshop(found):
        other = store.workshop(found)
        if other.name == name and other.date:  # the same name: tell them apart by date and id
            return tr("this workbook is the plan of another workshop, {other} of {date} (id "
                      "{id}…), not of this one with the same name; import it into that workshop",
                      other=quoted(excerpt(other.name)), date=day_label(other.date), id=found[:8])
        if other.name == name:
            return tr("this workbook is the plan of another workshop, {other} without a date "
                      "(id {id}…), not of this one with the same name; import it into that "
                      "workshop", other=quoted(excerpt(other.name)), id=found[:8])
        return tr("this workbook is the plan of another workshop, {other}, not of {workshop}; "
                  "import it into that workshop", other=quoted(excerpt(other.name)),
                  workshop=quoted(excerpt(name)))
    return tr("this workbook is for a workshop this laptop does not have (id {id}), not for "
              "{workshop}; export this workshop's plan", id=quoted(excerpt(found)),
              workshop=quoted(excerpt(name)))


def _action_id(sheet: _Sheet, row: int, current: dict[str, PlanEntry], seen: dict[str, int]
               ) -> str:
    action_id = sheet.text("id", row)
    if not action_id:
        raise sheet.fail("id", row, tr(
            "this row has no action id, and new rows cannot add actions; copy the id back, "
            "delete the row, or write your idea in another action's notes"))
    if action_id not in current:
        raise sheet.fail("id", row, tr(
            "no action of this workshop has the id {id}; the ids must stay as exported",
            id=quoted(excerpt(action_id))))
    if action_id in seen:
        raise sheet.fail("id", row, tr(
            "the action {id} is in the sheet twice (also row {row}); delete one of the two rows",
            id=quoted(excerpt(action_id)), row=seen[action_id]))
    seen[action_id] = row
    return action_id


def _entry(sheet: _Sheet, row: int, entry: PlanEntry, people: dict[str, str],
           listed: dict[str, str]) -> PlanEntry:
    included = _choice(sheet, "included", row, quoted(headers()["included"]), yes_no)
    owner = _choice(sheet, "owner", row, tr("the owner"), owner_choices)
    horizon = _choice(sheet, "horizon", row, tr("the horizon"), horizon_choices)
    status = _choice(sheet, "status", row, tr("the status"), status_choices)
    notes = sheet.text("notes", row, multiline=True)
    problem = too_long("notes", notes, tr("the note"))
    if problem:
        raise sheet.fail("notes", row, problem[0].lower() + problem[1:].rstrip("."))
    return edited(entry, included=included, owner=owner, horizon=horizon, status=status,
                  due=_due(sheet, row), notes=notes,
                  accountable=_accountable(sheet, row, people, listed))


def _choice(sheet: _Sheet, key: str, row: int, what: str,
            options: Callable[[], dict[str, Any]]) -> Any:
    """The choice the cell names: its label in any language Tandem exports in (any case), or
    for plan fields the stored key."""
    raw = sheet.value(key, row)
    if isinstance(raw, bool) and key == "included":  # Excel's TRUE / FALSE
        return raw
    found = " ".join(_as_text(raw).split())
    by_name: dict[str, Any] = {}
    for choices in reversed(in_every_language(options)):  # the current language wins
        by_name.update({label.casefold(): value for label, value in choices.items()})
        by_name.update({str(value).casefold(): value for value in choices.values()
                        if isinstance(value, str)})
    if found.casefold() in by_name:
        return by_name[found.casefold()]
    allowed = ", ".join(options())
    if found:
        raise sheet.fail(key, row, tr("{what} must be one of {allowed}, not {found}", what=what,
                                      allowed=allowed, found=quoted(excerpt(found))))
    raise sheet.fail(key, row, tr("{what} must be one of {allowed}, not empty", what=what,
                                  allowed=allowed))


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
    raise sheet.fail("due", row, tr("the due date must be a date (a date cell, or text as "
                                    "YYYY-MM-DD), not {found}", found=quoted(excerpt(text))))


def _due_rule(sheet: _Sheet, row: int, due: str) -> str:
    """The due date, if the plan's rule takes it (``plan_sentence``), else refused at its cell."""
    problem = plan_sentence("due", due)
    if problem:
        raise sheet.fail("due", row, problem[0].lower() + problem[1:].rstrip("."))
    return due


def _accountable(sheet: _Sheet, row: int, people: dict[str, str], listed: dict[str, str]
                 ) -> str:
    """A participant's id from their label: whom the file's own list says it meant, else the
    label in the list now (any case); '' for an empty cell."""
    text = " ".join(sheet.text("accountable", row).split())
    if not text:
        return ""
    if label_key(text) in listed:
        if listed[label_key(text)] in people:
            return listed[label_key(text)]
        raise sheet.fail("accountable", row, tr(
            "{name} is no longer a participant of the workshop; pick another from the list or "
            "leave it empty", name=quoted(excerpt(text))))
    by_label = {label_key(label): pid for pid, label in people.items()}
    if label_key(text) in by_label:
        return by_label[label_key(text)]
    shared = [label for label in people.values()
              if label.casefold().startswith(text.casefold() + " (")]
    if len(shared) > 1:
        raise sheet.fail("accountable", row, tr(
            "{count} participants are called {name}; pick one from the list ({labels})",
            count=len(shared), name=quoted(excerpt(text)),
            labels=", ".join(excerpt(s) for s in shared)))
    raise sheet.fail("accountable", row, tr(
        "the accountable person must be a participant of the workshop, picked from the list or "
        "left empty, not {found}", found=quoted(excerpt(text))))


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
