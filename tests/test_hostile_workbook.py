"""A hostile plan workbook: within the size limits, a file can still declare a used range
shorter than its rows, hold XML or values openpyxl cannot read, declare entities, or hold
millions of cells or texts; and the path given may be a pipe or a device. Each is refused in one
sentence (naming the sheet and cell where there is one) and nothing changes, or, for the short
used range, read whole."""

from __future__ import annotations

import io
import os
import re
import sys
import threading
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from assessment_app.cli import main
from assessment_app.errors import WorkbookError
from assessment_app.exchange.plan_workbook import import_plan_workbook, read_plan_workbook
from assessment_app.files import NotAFile, read_chosen_file

from .test_plan_workbook import FIRST, edit, snapshot
from .test_plan_workbook import agreed_demo as agreed_demo  # noqa: F401  (fixtures)
from .test_plan_workbook import demo as demo  # noqa: F401

PLAN_PART = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def patch(path: Path, part: str, change) -> Path:
    """Rewrite one member of the workbook's zip as a hostile tool would."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[part] = change(members.get(part, b"").decode()).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def as_excel_saves(path: Path) -> Path:
    """Saved once by openpyxl, as Excel saves it: texts in the shared strings."""
    return edit(path, lambda sheet: None)


def test_a_used_range_shorter_than_the_rows_loses_no_row(demo, tmp_path, installed_catalog):
    from assessment_app.exchange.plan_workbook import write_plan_workbook

    store, workshop, actions = demo
    out = as_excel_saves(write_plan_workbook(store, workshop.id, installed_catalog,
                                             tmp_path / "p.xlsx"))
    whole = read_plan_workbook(store, workshop.id, actions, out)
    patch(out, PLAN_PART, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:M12"',
                                             xml))
    short = read_plan_workbook(store, workshop.id, actions, out)
    assert short.missing == () and len(short.entries) == len(whole.entries)
    assert sum(e.included for e in short.entries) == sum(e.included for e in whole.entries)


def _cell(xml: str, ref: str, new: str) -> str:
    """The cell ``ref`` replaced by ``new`` (a whole ``<c>`` element)."""
    found = re.search(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml)
    assert found, ref
    return xml[:found.start()] + new + xml[found.end():]


UNREADABLE = [
    ("not well-formed", lambda x: x.replace('<row r="12"', '<row r="12"><c r="A12"><v>1</c>', 1),
     "Plan"),
    ("text in a number cell", lambda x: _cell(x, "L10", '<c r="L10" t="n"><v>lots</v></c>'),
     "Plan!L10"),
    ("shared string out of range", lambda x: _cell(x, "H11", '<c r="H11" t="s"><v>99999</v></c>'),
     "Plan!H11"),
    ("bad boolean", lambda x: _cell(x, "C12", '<c r="C12" t="b"><v>maybe</v></c>'), "Plan!C12"),
    ("bad date", lambda x: _cell(x, "G13", '<c r="G13" t="d"><v>soon</v></c>'), "Plan!G13"),
    ("entity declaration", lambda x: '<!DOCTYPE w [<!ENTITY e "boom">]>' + x,
     "document type declaration"),
]


@pytest.mark.parametrize(("case", "damage", "where"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_xml_or_values_openpyxl_cannot_read_are_refused_naming_the_cell(agreed_demo, case,
                                                                        damage, where):
    store, workshop, actions, out, before = agreed_demo
    patch(as_excel_saves(out), PLAN_PART, damage)
    with pytest.raises(WorkbookError) as refused:
        import_plan_workbook(store, workshop.id, actions, out)
    message = str(refused.value)
    assert where in message and "unexpected" not in message and "\n" not in message
    assert snapshot(store, workshop.id) == before


def _declared(xml: str) -> str:
    """``xml`` with a document type declaring an entity, and the entity used 200,000 times: a
    20 KB file that expands to 60 MB (openpyxl parsed it whole: 900 MB for 1.5 million)."""
    entity = '<!DOCTYPE p [<!ENTITY e "' + "x" * 290 + '">]>'
    head, mark, rest = xml.partition("?>")
    head, rest = (head + mark, rest) if mark else ("", xml)
    return head + entity + re.sub(r"(<dc:creator>)", lambda m: m[1] + "&e;" * 200_000, rest,
                                  count=1)


@pytest.mark.parametrize("part", ["docProps/core.xml", "xl/workbook.xml", "xl/styles.xml"])
def test_an_entity_declaration_in_any_part_is_refused(agreed_demo, part):
    """Before: only the sheets and the shared strings were looked at, so a declaration in the
    document's properties expanded in memory as openpyxl read them."""
    store, workshop, actions, out, before = agreed_demo
    patch(as_excel_saves(out), part, _declared)
    with pytest.raises(WorkbookError, match="document type declaration"):
        import_plan_workbook(store, workshop.id, actions, out)
    assert snapshot(store, workshop.id) == before


def test_millions_of_cells_or_texts_are_refused_before_parsing(agreed_demo):
    store, workshop, actions, out, before = agreed_demo
    as_excel_saves(out)
    patch(out, PLAN_PART, lambda x: x.replace('<row r="9"', '<row r="9">' + "<c/>" * 120_000
                                               + '</row><row r="9"', 1))
    with pytest.raises(WorkbookError, match="more than 100,000 cells in one sheet"):
        import_plan_workbook(store, workshop.id, actions, out)
    assert snapshot(store, workshop.id) == before


def test_millions_of_shared_texts_are_refused_before_parsing(agreed_demo):
    store, workshop, actions, out, before = agreed_demo
    texts = "<si><t>x</t></si>" * 120_000
    patch(out, "xl/sharedStrings.xml", lambda _: f'<sst xmlns="{MAIN}">{texts}</sst>')
    patch(out, "[Content_Types].xml", lambda x: x.replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')))
    with pytest.raises(WorkbookError, match="more than 100,000 texts"):
        import_plan_workbook(store, workshop.id, actions, out)
    assert snapshot(store, workshop.id) == before


def test_a_due_date_outside_the_rule_is_refused_naming_its_cell(agreed_demo):
    store, workshop, actions, out, before = agreed_demo
    edit(out, lambda s: s.__setitem__(f"G{FIRST + 1}", datetime(1900, 5, 2)))
    with pytest.raises(WorkbookError, match=rf"^Plan!G{FIRST + 1}: the due date must be"):
        import_plan_workbook(store, workshop.id, actions, out)
    assert snapshot(store, workshop.id) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_given_to_import_plan_is_refused_not_waited_on(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    workshop_id = capsys.readouterr().out.strip()
    pipe = tmp_path / "plan.xlsx"
    os.mkfifo(pipe)
    codes: list[int] = []
    worker = threading.Thread(target=lambda: codes.append(main(
        ["--db", str(db), "import-plan", "--workshop", workshop_id, str(pipe)])), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # the old reading waits for a writer: give it one that says nothing
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(10)
    assert codes == [1]
    assert "not a regular file" in capsys.readouterr().err


def test_a_device_is_never_read(tmp_path):
    device = Path(os.devnull if sys.platform == "win32" else "/dev/zero")
    with pytest.raises(NotAFile) as refused:
        read_chosen_file(device, 1000)
    assert refused.value.kind == "special"


def test_a_note_xml_cannot_hold_still_exports_a_workbook_excel_opens(demo, tmp_path,
                                                                     installed_catalog):
    """U+FFFF (and U+FFFE) are typeable but not XML 1.0: the export must stay valid XML,
    the character shown as U+FFFD."""
    from xml.etree import ElementTree

    from assessment_app.analysis.plan import edited, load_plan, save_plan
    from assessment_app.exchange.plan_workbook import write_plan_workbook

    store, workshop, actions = demo
    plan = load_plan(store, workshop.id, actions)
    save_plan(store, workshop.id, [edited(plan[0], notes="Ask \uffff and \ufffe now")]
              + plan[1:])
    out = write_plan_workbook(store, workshop.id, installed_catalog, tmp_path / "p.xlsx")
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(archive.read(name))  # a strict XML 1.0 parser
    read = read_plan_workbook(store, workshop.id, actions, out)
    assert read.entries[0].notes == "Ask \ufffd and \ufffd now"
