"""The editable plan: the demo plan exported to Excel, edited as a facilitator edits it in Excel,
and imported back, all or nothing; a broken sheet is refused naming its cell, with nothing
changed in the database."""

from __future__ import annotations

import io
import json
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from assessment_app.analysis.plan import (
    edited,
    in_plan_order,
    load_plan,
    mark_agreed,
    moved,
    plan_numbers,
    plan_state,
    reset_plan,
    save_plan,
    saved_rows,
)
from assessment_app.analysis.workshop import load_scored_workshop
from assessment_app.cli import main
from assessment_app.content.actions import HORIZONS, OWNER_LABELS, partner_of
from assessment_app.content.catalog import load_catalog
from assessment_app.errors import TandemError, WorkbookError
from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.exchange.plan_workbook import (
    import_plan_workbook,
    plan_workbook,
    read_plan_workbook,
    write_plan_workbook,
)

ODD_NOTES = ("=1+1", "+1 call the CFO", "-2 days", "@Helen first",
             "Zoë <b>R&D</b> 🚀\nسنبدأ في يناير\n李明, 김민준", "=SUM(A1)")
FIRST = 9  # the first plan row under the header (row 8)


@pytest.fixture
def demo(store, installed_catalog):
    """The demo workshop, with a second participant called Helen Ashworth (in marketing)."""
    workshop = create_demo_workshop(store, installed_catalog.default())
    store.add_participant(workshop.id, "Helen Ashworth", "marketing", "Brand lead")
    return store, workshop, installed_catalog.actions


def people(store, workshop_id) -> dict[str, str]:
    return {(p.name, p.role): p.id for p in store.participants(workshop_id)}


def snapshot(store, workshop_id):
    return store.plan_rows(workshop_id), store.plan_agreed_at(workshop_id)


def edit(path: Path, change) -> Path:
    """Open the workbook as Excel would keep it, let ``change`` edit the Plan sheet, save."""
    book = openpyxl.load_workbook(path)
    change(book["Plan"])
    book.save(path)
    return path


def set_text(cell, text: str) -> None:
    """Type text as a user types it in Excel with a leading apostrophe: a string, never a
    formula."""
    cell.value = text
    cell.data_type = "s"


def move_row(sheet, source: int, target: int) -> None:
    """Cut a row and insert it above ``target``, as Excel's cut and insert-cut-cells does."""
    last = sheet.max_row
    rows = [[(c.value, c.data_type, c.number_format) for c in sheet[r]]
            for r in range(FIRST, last + 1)]
    rows.insert(target - FIRST, rows.pop(source - FIRST))
    for r, values in enumerate(rows, start=FIRST):
        for cell, (value, kind, number_format) in zip(sheet[r], values, strict=True):
            cell.value = value
            cell.data_type = kind
            cell.number_format = number_format


def row_of(sheet, action_id: str) -> int:
    return next(r for r in range(FIRST, sheet.max_row + 1) if sheet[f"M{r}"].value == action_id)


# -- export ------------------------------------------------------------------------------------


def test_an_untouched_demo_plan_exports_as_suggested_never_agreed(demo, tmp_path,
                                                                  installed_catalog):
    store, workshop, actions = demo
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Plan", "Read me"]
    sheet = book["Plan"]
    assert (sheet["B5"].value, sheet["C5"].value) == ("Plan state", "Suggested")
    assert not any(str(c.value).casefold() == "agreed" for row in sheet.iter_rows() for c in row)
    assert "agreed" not in (sheet["A1"].value + sheet["A2"].value).casefold()
    assert sheet["C6"].value == workshop.id
    plan = load_plan(store, workshop.id, actions)
    assert [sheet[f"M{FIRST + n}"].value for n in range(len(plan))] == [e.id for e in plan]
    numbers = [sheet[f"A{FIRST + n}"].value for n in range(len(plan))]
    assert numbers == list(plan_numbers(plan).values()) + [None] * (len(plan) - 8)
    assert numbers[:8] == [1, 2, 3, 4, 5, 6, 7, 8]  # as the screens and PDFs number them
    first = plan[0]
    # the title, then the function taking part beside the owner (one accountable lead)
    assert sheet["B9"].value.split("\n") == [
        first.action.title, f"Partner: {OWNER_LABELS[partner_of(first.action, first.owner)]}"]
    assert sheet["D9"].value == OWNER_LABELS[first.action.lead]
    assert sheet["C9"].value == "Yes" and sheet["H9"].value == "not started"
    assert sheet["K9"].value and "priority" not in sheet["K9"].value  # plain sentences
    assert sheet["J9"].value  # the success test
    assert store.plan_rows(workshop.id) == []  # exporting stores nothing


def test_rows_given_out_of_order_are_numbered_in_plan_order(demo):
    """Each row's number is its place in the plan (by horizon, the next 90 days first, each
    horizon in the order given), whatever order the rows arrive in."""
    store, workshop, actions = demo
    scored = load_scored_workshop(store, workshop.id, actions)
    plan = list(reversed(load_plan(store, workshop.id, actions, ranked=scored.scores.actions)))
    sheet = plan_workbook(scored, plan, "suggested")["Plan"]
    numbers = {sheet[f"M{FIRST + n}"].value: sheet[f"A{FIRST + n}"].value
               for n in range(len(plan))}
    expected = [e for h in HORIZONS for e in plan if e.included and e.horizon == h]
    assert [e for e in plan if e.included] != expected  # given out of plan order
    assert [numbers[e.id] for e in expected] == list(range(1, len(expected) + 1))


def test_the_sheet_is_laid_out_for_editing(demo, tmp_path, installed_catalog):
    store, workshop, actions = demo
    sheet = openpyxl.load_workbook(write_plan_workbook(store, workshop.id, installed_catalog,
                                                       tmp_path / "plan.xlsx"))["Plan"]
    headers = [c.value for c in sheet[8]]
    assert headers == ["№", "Action", "Included", "Owner", "Accountable", "Horizon", "Due date",
                       "Status", "Notes", "It worked when", "Why", "Priority",
                       "Action id (do not edit)"]
    assert sheet.freeze_panes == "C9"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.column_dimensions["I"].width >= 30 and sheet.column_dimensions["A"].width <= 6
    assert sheet["I9"].alignment.wrap_text
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert checks["C5"].type == "list"
    for column in "CDEFH":
        assert checks[f"{column}9:{column}{sheet.max_row}"].type == "list"
    assert checks[f"G9:G{sheet.max_row}"].type == "date"
    lists = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Lists"]
    assert lists.sheet_state == "hidden"
    names = {c.value for c in lists["F"]}
    assert {"Helen Ashworth (IT)", "Helen Ashworth (Marketing)", "Inès Moreau"} <= names


# -- the round trip ----------------------------------------------------------------------------


def test_the_round_trip_keeps_every_field(demo, tmp_path, installed_catalog):
    store, workshop, actions = demo
    who = people(store, workshop.id)
    plan = load_plan(store, workshop.id, actions)
    plan = moved(plan, 3, -3)  # within the next 90 days
    plan[0] = edited(plan[0], owner="cio", accountable=who[("Helen Ashworth", "marketing")],
                     horizon="6-12m", due="2027-03-31", status="in progress",
                     notes=ODD_NOTES[4])
    for n, note in enumerate(ODD_NOTES, start=1):
        plan[n] = edited(plan[n], notes=note, status="blocked" if n % 2 else "done")
    plan[2] = edited(plan[2], included=False, accountable=who[("Helen Ashworth", "it")])
    plan[10] = edited(plan[10], included=True, owner="cmo", due="2026-12-01")
    mark_agreed(store, workshop.id, in_plan_order(plan))
    before = snapshot(store, workshop.id)
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")

    with zipfile.ZipFile(out) as archive:  # no text became a formula
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    sheet = openpyxl.load_workbook(out)["Plan"]
    rows = {sheet[f"M{r}"].value: r for r in range(FIRST, sheet.max_row + 1)}
    notes = [sheet[f"I{rows[e.id]}"] for e in plan[1:1 + len(ODD_NOTES)]]
    assert [c.value for c in notes] == list(ODD_NOTES)
    assert all(c.data_type == "s" for c in notes)
    top = rows[plan[0].id]
    assert sheet[f"G{top}"].value == datetime(2027, 3, 31) and sheet[f"G{top}"].is_date
    assert sheet[f"E{top}"].value == "Helen Ashworth (Marketing)"
    assert sheet["C5"].value == "Agreed"

    reset_plan(store, workshop.id)  # forget everything, then take it back from the file
    assert plan_state(store, workshop.id) == "suggested"
    summary = import_plan_workbook(store, workshop.id, actions, out)
    assert store.plan_rows(workshop.id) == before[0]
    assert plan_state(store, workshop.id) == "agreed" and summary.state == "agreed"
    by_id = {e.id: e for e in load_plan(store, workshop.id, actions)}
    assert [by_id[e.id].notes for e in plan[1:7]] == list(ODD_NOTES)


def test_importing_into_a_plan_still_agreed_keeps_when_it_was_agreed(demo, tmp_path,
                                                                     installed_catalog):
    store, workshop, actions = demo
    mark_agreed(store, workshop.id, load_plan(store, workshop.id, actions))
    agreed_at = store.plan_agreed_at(workshop.id)
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    edit(out, lambda sheet: set_text(sheet["I9"], "Kick-off on Monday"))
    summary = import_plan_workbook(store, workshop.id, actions, out)
    assert store.plan_agreed_at(workshop.id) == agreed_at
    assert (summary.changed_fields, summary.state_changed) == (1, False)


def test_an_edited_workbook_imports_as_edited(demo, tmp_path, installed_catalog):
    store, workshop, actions = demo
    who = people(store, workshop.id)
    plan = load_plan(store, workshop.id, actions)
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")

    def facilitator(sheet):
        move_row(sheet, FIRST + 3, FIRST)  # the fourth action to the top
        sheet["C5"] = "Agreed"
        sheet["G9"] = date(2027, 1, 15)  # a real date cell
        sheet["H9"] = "in progress"
        sheet["E9"] = "Helen Ashworth (Marketing)"
        sheet["D10"] = "CMO"
        sheet["G10"] = "2027-02-28"  # typed as text
        sheet["C11"] = "No"
        sheet["F12"] = "3-6 months"
        sheet["I12"] = "Ask Inès.\nThen the board."
        sheet["E12"] = "inès moreau"  # any case
        sheet["C20"] = "Yes"

    edit(out, facilitator)
    summary = import_plan_workbook(store, workshop.id, actions, out)
    after = load_plan(store, workshop.id, actions)
    assert after == in_plan_order(after)  # the one plan order, the rows' order within it
    ids = [e.id for e in after]
    assert ids[:2] == [plan[3].id, plan[0].id]  # moved to the top of the next 90 days
    by_id = {e.id: e for e in after}
    top = by_id[plan[3].id]
    assert (top.due, top.status, top.accountable) == (
        "2027-01-15", "in progress", who[("Helen Ashworth", "marketing")])
    assert (by_id[plan[0].id].owner, by_id[plan[0].id].due) == ("cmo", "2027-02-28")
    assert not by_id[plan[1].id].included
    moved_on = by_id[plan[2].id]
    assert (moved_on.horizon, moved_on.notes, moved_on.accountable) == (
        "3-6m", "Ask Inès.\nThen the board.", who[("Inès Moreau", "marketing")])
    assert ids.index(plan[2].id) > ids.index(plan[4].id)  # now among the 3-6 months
    assert by_id[plan[11].id].included and not plan[11].included
    assert plan_state(store, workshop.id) == "agreed"
    assert summary.as_json()["changed_fields"] == 10
    assert summary.order_changed and summary.state_changed and summary.written
    assert summary.included == sum(e.included for e in after)


def test_a_deleted_row_keeps_its_action_at_the_end_not_included(demo, tmp_path, installed_catalog):
    store, workshop, actions = demo
    plan = load_plan(store, workshop.id, actions)
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    edit(out, lambda sheet: sheet.delete_rows(FIRST + 1))
    summary = import_plan_workbook(store, workshop.id, actions, out)
    after = load_plan(store, workshop.id, actions)
    assert after[-1].id == plan[1].id and not after[-1].included
    assert summary.missing == (plan[1].id,)
    assert plan[1].action.title in summary.sentence()


def test_an_unchanged_workbook_writes_nothing(demo, tmp_path, installed_catalog):
    store, workshop, actions = demo
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    summary = import_plan_workbook(store, workshop.id, actions, out)
    assert not summary.written and summary.changed_fields == 0
    assert store.plan_rows(workshop.id) == []  # still the live suggestion
    assert read_plan_workbook(store, workshop.id, actions, out).state == "suggested"


def test_export_and_import_are_quick(demo, tmp_path, installed_catalog):
    store, workshop, actions = demo
    start = time.perf_counter()
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    import_plan_workbook(store, workshop.id, actions, out)
    assert time.perf_counter() - start < 2  # about 0.1 s here; the window calls both directly


# -- broken workbooks --------------------------------------------------------------------------


def _other_workshop(store, installed_catalog):
    return store.create_workshop("Another workshop", installed_catalog.default()).id


def _rows(sheet, n):
    for r in range(sheet.max_row + 1, sheet.max_row + 1 + n):
        sheet[f"I{r}"] = "x"


BROKEN_CELLS = [
    ("renamed header", lambda s: s.__setitem__("D8", "Owners"),
     "Plan!D8: the column header must be “Owner”, not “Owners”"),
    ("no header", lambda s: s.__setitem__("A8", None), "Plan: no header row"),
    ("no state label", lambda s: s.__setitem__("B5", "State"), "no 'Plan state' label"),
    ("bad state", lambda s: s.__setitem__("C5", "Done"),
     "Plan!C5: the plan state must be one of Suggested, Agreed, not “Done”."),
    ("unknown action", lambda s: s.__setitem__("M9", "made-up"),
     "Plan!M9: no action of this workshop has the id “made-up”"),
    ("action twice", lambda s: s.__setitem__("M11", s["M9"].value),
     "Plan!M11: the action “quick-tool-check” is in the sheet twice (also row 9)"),
    ("no action id", lambda s: s.__setitem__("M10", None), "Plan!M10: this row has no action id"),
    ("bad included", lambda s: s.__setitem__("C9", "Maybe"),
     "Plan!C9: “Included” must be one of Yes, No, not “Maybe”."),
    ("bad owner", lambda s: s.__setitem__("D9", "CEO"),
     "Plan!D9: the owner must be one of CMO, CIO, CMO and CIO, not “CEO”."),
    ("empty owner", lambda s: s.__setitem__("D9", None),
     "Plan!D9: the owner must be one of CMO, CIO, CMO and CIO, not empty."),
    ("bad horizon", lambda s: s.__setitem__("F9", "next year"),
     "Plan!F9: the horizon must be one of Next 90 days, 3-6 months, 6-12 months, not “next "
     "year”."),
    ("bad status", lambda s: s.__setitem__("H9", "finished"),
     "Plan!H9: the status must be one of not started, in progress, done, blocked, not "
     "“finished”."),
    ("unknown accountable", lambda s: s.__setitem__("E9", "Nobody Here"),
     "Plan!E9: the accountable person must be a participant of the workshop"),
    ("ambiguous accountable", lambda s: s.__setitem__("E9", "Helen Ashworth"),
     "Plan!E9: 2 participants are called “Helen Ashworth”; pick one from the list"),
    ("date as other text", lambda s: s.__setitem__("G9", "31/03/2027"),
     "Plan!G9: the due date must be a date (a date cell, or text as YYYY-MM-DD), not "
     "“31/03/2027”."),
    ("impossible date", lambda s: s.__setitem__("G9", "2027-02-30"),
     "Plan!G9: the due date must be a date"),
    ("notes too long", lambda s: s.__setitem__("I9", "x" * 2001),
     "Plan!I9: the note is 2,001 characters long, over the limit of 2,000: shorten it by 1 "
     "character."),
    ("formula in notes", lambda s: s.__setitem__("I9", "=1+1"),
     "Plan!I9: holds a formula (=1+1)"),
    ("formula as due date", lambda s: s.__setitem__("G12", "=TODAY()+30"),
     "Plan!G12: holds a formula"),
    ("unknown workshop", lambda s: s.__setitem__("C6", "f00-not-here"),
     "Plan!C6: this workbook is for a workshop this laptop does not have"),
    ("no workshop id", lambda s: s.__setitem__("C6", None), "Plan!C6: the workshop id is empty"),
    ("too many rows", lambda s: _rows(s, 1100), "more than 1,000 rows"),
]


@pytest.fixture
def agreed_demo(demo, tmp_path, installed_catalog):
    """The demo with an edited, agreed plan and its exported workbook: nothing may change."""
    store, workshop, actions = demo
    plan = load_plan(store, workshop.id, actions)
    plan[0] = edited(plan[0], notes="Keep me", due="2027-01-31", status="in progress")
    mark_agreed(store, workshop.id, moved(plan, 2, -1))
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    return store, workshop, actions, out, snapshot(store, workshop.id)


@pytest.mark.parametrize(("case", "change", "message"), BROKEN_CELLS,
                         ids=[c[0] for c in BROKEN_CELLS])
def test_a_broken_sheet_is_refused_naming_its_cell_and_nothing_changes(
        agreed_demo, case, change, message):
    store, workshop, actions, out, before = agreed_demo
    edit(out, change)
    with pytest.raises(WorkbookError) as refused:
        import_plan_workbook(store, workshop.id, actions, out)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 320
    assert snapshot(store, workshop.id) == before


def test_a_workbook_of_another_workshop_is_refused(agreed_demo, installed_catalog):
    store, workshop, actions, out, before = agreed_demo
    other = _other_workshop(store, installed_catalog)
    with pytest.raises(WorkbookError, match="Plan!C6: this workbook is the plan of another "
                                            "workshop, “Marketing"):
        import_plan_workbook(store, other, actions, out)
    assert snapshot(store, workshop.id) == before


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


def _no_plan_sheet(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    book["Plan"].title = "My plan"
    book.save(path)


BROKEN_FILES = [
    ("not a workbook", lambda p: p.write_text("action,owner\nx,CMO\n"),
     "plan.xlsx is not an Excel workbook (.xlsx)"),
    ("damaged zip", lambda p: p.write_bytes(p.read_bytes()[:3000]), "plan.xlsx is damaged"),
    ("password-protected", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 64),
     "plan.xlsx is password-protected or an old .xls workbook"),
    ("another zip", lambda p: p.write_bytes(_zip(hello__txt=b"hi")),
     "plan.xlsx is a zip file but not an Excel workbook"),
    ("zip bomb", lambda p: p.write_bytes(_zip(xl__workbook__xml=b"<a/>" + b" " * 60_000_000)),
     "unpacks to 60 MB"),
    ("huge file", lambda p: p.write_bytes(b"PK" + b"\0" * 5_100_000), "plan.xlsx is 5.1 MB"),
    ("no Plan sheet", _no_plan_sheet, "plan.xlsx has no sheet named 'Plan' (it has 'My plan'"),
    ("missing file", lambda p: p.unlink(), "Cannot read"),
]


@pytest.mark.parametrize(("case", "damage", "message"), BROKEN_FILES,
                         ids=[c[0] for c in BROKEN_FILES])
def test_a_broken_file_is_refused_in_one_sentence_and_nothing_changes(
        agreed_demo, case, damage, message):
    store, workshop, actions, out, before = agreed_demo
    damage(out)
    with pytest.raises(TandemError) as refused:
        import_plan_workbook(store, workshop.id, actions, out)
    assert message in str(refused.value)
    assert snapshot(store, workshop.id) == before


def test_a_failure_while_writing_changes_nothing(agreed_demo, monkeypatch):
    """All or nothing: the rows are saved but the state cannot be; the rows roll back too."""
    store, workshop, actions, out, before = agreed_demo
    edit(out, lambda s: (s.__setitem__("C5", "Suggested"), s.__setitem__("H10", "done")))

    def broken(*_):
        raise TandemError("The disk is full.")

    monkeypatch.setattr(store, "set_plan_agreed_at", broken)
    with pytest.raises(TandemError, match="disk is full"):
        import_plan_workbook(store, workshop.id, actions, out)
    assert snapshot(store, workshop.id) == before


# -- the command line --------------------------------------------------------------------------


def test_export_plan_and_import_plan_on_the_command_line(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    workshop_id = capsys.readouterr().out.strip()
    out = tmp_path / "plan.xlsx"
    assert main(["--db", str(db), "export-plan", "--workshop", workshop_id, "--out",
                 str(out)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported == {"out": str(out), "workshop": workshop_id, "state": "suggested"}
    assert not out.with_name("plan.xlsx.part").exists()

    edit(out, lambda s: (s.__setitem__("H9", "done"), s.__setitem__("C5", "Agreed")))
    assert main(["--db", str(db), "import-plan", "--workshop", workshop_id, str(out)]) == 0
    summary = json.loads(capsys.readouterr().out)
    rows = len(load_catalog().actions)  # every action of the library has a row
    assert (summary["rows"], summary["changed_fields"], summary["state"]) == (rows, 1, "agreed")

    edit(out, lambda s: s.__setitem__("H9", "finished"))
    assert main(["--db", str(db), "import-plan", "--workshop", workshop_id, str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("tandem: Plan!H9: the status must be one of not started, in "
                            "progress, done, blocked, not “finished”.\n")
    from assessment_app.store.database import Store

    store = Store.open(db)
    assert store.plan_rows(workshop_id)[0].status == "done"  # the bad import changed nothing
    store.close()


def test_save_plan_then_export_shows_the_saved_plan(demo, tmp_path, installed_catalog):
    store, workshop, actions = demo
    plan = load_plan(store, workshop.id, actions)
    save_plan(store, workshop.id, [edited(plan[0], notes="Saved here")] + plan[1:])
    sheet = openpyxl.load_workbook(write_plan_workbook(store, workshop.id, installed_catalog,
                                                       tmp_path / "p.xlsx"))["Plan"]
    assert sheet["I9"].value == "Saved here" and sheet["C5"].value == "Suggested"
    assert saved_rows(load_plan(store, workshop.id, actions))[0].notes == "Saved here"


def test_a_number_read_as_a_date_long_ago_is_refused(tmp_path, store, installed_catalog):
    """Excel turns the number 123 in a date cell into 1900-05-02: a typo, not a due date."""
    from assessment_app.analysis.plan import edited, load_plan
    from assessment_app.errors import TandemError
    from assessment_app.exchange.demo import create_demo_workshop

    w = create_demo_workshop(store, installed_catalog.default())
    [entry, *_] = load_plan(store, w.id, installed_catalog.actions)
    with pytest.raises(TandemError, match="between 2000 and 2100, not '1900-05-02'"):
        edited(entry, due="1900-05-02")
    assert edited(entry, due="2027-03-31").due == "2027-03-31"


def test_a_plan_from_a_workshop_of_the_same_name_says_which(tmp_path, store, installed_catalog):
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.exchange.plan_workbook import import_plan_workbook, write_plan_workbook

    first = create_demo_workshop(store, installed_catalog.default())
    second = create_demo_workshop(store, installed_catalog.default())
    assert first.name == second.name
    out = write_plan_workbook(store, first.id, installed_catalog, tmp_path / "p.xlsx")
    with pytest.raises(Exception, match=f"{first.id[:8]}.*same name"):
        import_plan_workbook(store, second.id, installed_catalog.actions, out)


def test_accountable_labels_name_one_person_each_and_round_trip(store, installed_catalog,
                                                                tmp_path):
    """Issue 26: "Ana" (IT), "Ana" (IT) and "Ana (IT 1)" (marketing). Before, the first IT Ana
    was labelled "Ana (IT 1)", the marketing person's own name, and an untouched export and
    import moved her action to the marketing person."""
    from assessment_app.exchange.plan_sheet import participant_labels

    workshop = create_demo_workshop(store, installed_catalog.default())
    actions = installed_catalog.actions
    anas = [store.add_participant(workshop.id, name, role, "").id
            for name, role in (("Ana", "it"), ("Ana", "it"), ("Ana (IT 1)", "marketing"),
                               ("ana", "marketing"), ("Ana  (it 2)", "it"))]
    labels = participant_labels(store.participants(workshop.id))
    keys = [" ".join(label.split()).casefold() for label in labels.values()]
    assert len(set(keys)) == len(keys)  # one label, one person
    names = {" ".join(p.name.split()).casefold(): p.id for p in store.participants(workshop.id)}
    assert all(names.get(key, pid) == pid for pid, key in zip(labels, keys, strict=True))
    plan = load_plan(store, workshop.id, actions)
    for n, pid in enumerate(anas):
        plan[n] = edited(plan[n], accountable=pid)
    save_plan(store, workshop.id, plan)
    before = {r.action_id: r.accountable for r in store.plan_rows(workshop.id)}
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    import_plan_workbook(store, workshop.id, actions, out)
    assert {r.action_id: r.accountable for r in store.plan_rows(workshop.id)} == before


def _three_anas(store, installed_catalog):
    workshop = create_demo_workshop(store, installed_catalog.default())
    anas = [store.add_participant(workshop.id, "Ana", "it", "").id for _ in range(3)]
    return workshop, anas, load_plan(store, workshop.id, installed_catalog.actions)


def test_a_label_means_whom_it_meant_when_the_workbook_was_written(store, installed_catalog,
                                                                   tmp_path):
    """Before: three IT Anas are "Ana (IT 1)" to "Ana (IT 3)"; once the first was removed after
    the export, an untouched import gave the second Ana's action to the third without a word."""
    workshop, anas, plan = _three_anas(store, installed_catalog)
    plan[1] = edited(plan[1], accountable=anas[1])
    save_plan(store, workshop.id, plan)
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    store.remove_participant(anas[0])
    before = {r.action_id: r.accountable for r in store.plan_rows(workshop.id)}
    import_plan_workbook(store, workshop.id, installed_catalog.actions, out)
    assert {r.action_id: r.accountable for r in store.plan_rows(workshop.id)} == before


def test_a_label_of_someone_removed_since_is_refused_naming_its_cell(store, installed_catalog,
                                                                     tmp_path):
    workshop, anas, plan = _three_anas(store, installed_catalog)
    plan[0] = edited(plan[0], accountable=anas[0])
    save_plan(store, workshop.id, plan)
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "plan.xlsx")
    store.remove_participant(anas[0])
    before = snapshot(store, workshop.id)
    with pytest.raises(WorkbookError, match=rf"^Plan!E{FIRST}: .Ana \(IT 1\). is no longer"):
        import_plan_workbook(store, workshop.id, installed_catalog.actions, out)
    assert snapshot(store, workshop.id) == before
