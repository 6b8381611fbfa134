"""Opening a workbook someone chose, safely: the file's kind, its soundness and its size are
checked before Excel's XML is parsed, so a renamed CSV, a damaged or password-protected file, a
zip bomb or a sheet of a million rows is refused in one sentence instead of hanging or failing
with a traceback. Cells are read as stored (``data_only=False``): a formula is reported as a
formula (data type "f"), never silently replaced by its text or by a stale computed value.

Within the size limits a small file can still hold a great deal: a row of millions of empty
cells, millions of shared strings, an entity declaration that expands. Each sheet and the shared
strings are counted by a streaming pass before openpyxl parses them (which would build a whole
row, or every string, in memory), and a file past ``MAX_CELLS`` or ``MAX_STRINGS`` or with a
document type declaration is refused. A value openpyxl cannot read (XML that is not well-formed,
text in a number cell, a shared string that does not exist, a bad boolean or date) is refused in
a sentence naming the sheet and the cell."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from ..errors import WorkbookError
from ..files import NotAFile, read_chosen_file
from ..i18n import formats, tr
from ..rules.text import excerpt

MAX_FILE_BYTES = 5_000_000  # a plan workbook is about 30 KB
MAX_UNPACKED_BYTES = 50_000_000
MAX_ROWS = 1_000  # a plan has about 40
MAX_CELLS = 100_000  # in one sheet; a plan of 1,000 rows has 13,000
MAX_STRINGS = 100_000  # shared strings; a plan has a few hundred

Row = tuple[tuple[Any, str], ...]  # (value, Excel data type) per column


def sheet_rows(path: Path, sheet_name: str, columns: int, max_rows: int = MAX_ROWS) -> list[Row]:
    """The rows of sheet ``sheet_name`` as (value, Excel data type) for its first ``columns``
    columns; WorkbookError (one sentence) for a file that is not a sound workbook with that
    sheet, or holds more than ``max_rows`` filled rows."""
    from openpyxl import load_workbook

    name = path.name
    data = _workbook_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
            if unpacked <= MAX_UNPACKED_BYTES and "xl/workbook.xml" in names:
                _count_parts(archive, name)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise WorkbookError(tr("{name} is damaged (its zip structure cannot be read); save it "
                               "again from Excel or export the plan again.", name=name)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(tr("{name} unpacks to {size} MB, more than a plan workbook's {limit} "
                               "MB; choose the workbook Tandem exported.", name=name,
                               size=round(unpacked / 1e6),
                               limit=MAX_UNPACKED_BYTES // 1_000_000))
    if "xl/workbook.xml" not in names:
        raise WorkbookError(tr("{name} is a zip file but not an Excel workbook (.xlsx); choose "
                               "the workbook Tandem exported.", name=name))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # any parse failure of a user's file is that file's problem
        raise WorkbookError(tr("{name} is damaged and cannot be read as an Excel workbook "
                               "({error}); save it again from Excel.", name=name,
                               error=type(exc).__name__)) from None
    try:
        if sheet_name not in book.sheetnames:
            listed = ", ".join(repr(excerpt(s, 30)) for s in book.sheetnames[:5])
            raise WorkbookError(tr("{name} has no sheet named '{sheet}' (it has {listed}); rename "
                                   "the plan's sheet back to '{sheet}'.", name=name,
                                   sheet=sheet_name, listed=listed))
        sheet = book[sheet_name]
        if not hasattr(sheet, "iter_rows"):
            raise WorkbookError(tr("{name}: '{sheet}' is a chart, not a sheet of rows.",
                                   name=name, sheet=sheet_name))
        sheet.reset_dimensions()  # the declared used range may be shorter than the rows
        return _bounded_rows(sheet, name, sheet_name, columns, max_rows)
    finally:
        book.close()


def _workbook_bytes(path: Path) -> bytes:
    """The file's bytes once it is known to be a workbook-sized regular file."""
    name = path.name
    try:
        data = read_chosen_file(path, MAX_FILE_BYTES)
    except NotAFile as problem:
        if problem.kind == "folder":
            raise WorkbookError(tr("{name} is a folder, not an Excel workbook (.xlsx); choose "
                                   "the workbook Tandem exported.", name=name)) from None
        if problem.kind == "special":
            raise WorkbookError(tr("{name} is not a regular file (a pipe or a device), so it "
                                   "was not read; choose the workbook Tandem exported.",
                                   name=name)) from None
        if problem.kind == "too large":
            raise WorkbookError(tr("{name} is {size} MB, more than the {limit} MB a plan "
                                   "workbook can be; choose the workbook Tandem exported.",
                                   name=name, size=formats.number(problem.size / 1e6, 1),
                                   limit=MAX_FILE_BYTES // 1_000_000)) from None
        raise WorkbookError(tr("Cannot read {path}: {reason}.", path=path,
                               reason=problem.detail)) from None
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise WorkbookError(tr("{name} is password-protected or an old .xls workbook; remove the "
                               "password (or save it as .xlsx) in Excel and import it again.",
                               name=name))
    if data[:2] != b"PK":
        raise WorkbookError(tr("{name} is not an Excel workbook (.xlsx); choose the workbook "
                               "Tandem exported.", name=name))
    return data


class _TooMuch(Exception):
    pass


def _count_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Count the cells of every sheet and the shared strings as a stream (nothing is kept),
    stopping at the first past its limit; a document type declaration (which may declare
    entities that expand) is refused in every XML part, the workbook's, styles' and
    properties' too, which openpyxl parses whole. XML that is not well-formed is left for the
    reading itself, which names the cell."""
    for part in sorted(archive.namelist()):
        if part.startswith("xl/worksheets/") and part.endswith(".xml"):
            tag, limit = "c", MAX_CELLS
        elif part == "xl/sharedStrings.xml":
            tag, limit = "si", MAX_STRINGS
        elif part.endswith((".xml", ".rels")):
            tag, limit = "", 0  # nothing counted: only a declaration looked for
        else:
            continue
        try:
            _count(archive, part, tag, limit)
        except _TooMuch as found:
            if str(found) == "doctype":
                raise WorkbookError(tr("{name} holds a document type declaration, which no "
                                       "Excel workbook has; choose the workbook Tandem "
                                       "exported.", name=name)) from None
            if tag == "c":
                raise WorkbookError(tr("{name} holds more than {limit} cells in one sheet, far "
                                       "more than a plan; choose the workbook Tandem exported.",
                                       name=name, limit=format(limit, ","))) from None
            raise WorkbookError(tr("{name} holds more than {limit} texts, far more than a "
                                   "plan; choose the workbook Tandem exported.", name=name,
                                   limit=format(limit, ","))) from None


def _count(archive: zipfile.ZipFile, part: str, tag: str, limit: int) -> None:
    from xml.parsers import expat

    seen = 0
    suffix = ":" + tag

    def start(element: str, _attributes: Any) -> None:
        nonlocal seen
        if tag and (element == tag or element.endswith(suffix)):
            seen += 1
            if seen > limit:
                raise _TooMuch(tag)

    def doctype(*_: Any) -> None:
        raise _TooMuch("doctype")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    with archive.open(part) as stream:
        try:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError:
            return  # not well-formed: the reading names the cell


def _bounded_rows(sheet: Any, name: str, sheet_name: str, columns: int, max_rows: int
                  ) -> list[Row]:
    rows: list[Row] = []
    filled = 0
    stream = sheet.iter_rows(min_row=1, max_col=columns)
    while True:
        try:
            cells = next(stream)
        except StopIteration:
            break
        except Exception as exc:  # openpyxl could not read the next cell
            raise _unreadable(exc, name, sheet_name, len(rows)) from None
        row = tuple((getattr(c, "value", None), getattr(c, "data_type", "n")) for c in cells)
        row += ((None, "n"),) * (columns - len(row))
        rows.append(row)
        if any(not is_empty(v) for v, _ in row):
            filled += 1
        if filled > max_rows or len(rows) > 20 * MAX_ROWS:
            raise WorkbookError(tr("{name}: the '{sheet}' sheet has more than {limit} rows, "
                                   "and a plan has far fewer; delete the rows below the plan.",
                                   name=name, sheet=sheet_name, limit=format(MAX_ROWS, ",")))
    return rows


def _unreadable(exc: BaseException, name: str, sheet_name: str, rows_read: int
                ) -> WorkbookError:
    """The sentence for a cell openpyxl could not read: the cell it was reading when it
    failed (from the failing frame), else the row after the last one read."""
    cell = None
    trace = exc.__traceback__
    while trace is not None:
        element: Any = trace.tb_frame.f_locals.get("element")
        if trace.tb_frame.f_code.co_name == "parse_cell" and hasattr(element, "get"):
            cell = element.get("r")
        trace = trace.tb_next
    where = (f"{sheet_name}!{excerpt(cell, 12)}" if cell else
             tr("{sheet}, row {row}", sheet=sheet_name, row=rows_read + 1))
    return WorkbookError(tr("{name}: {where} cannot be read (a value Excel would not write "
                            "there: {error}); retype that cell in Excel, or export the plan "
                            "again.", name=name, where=where, error=type(exc).__name__))


def is_empty(value: Any) -> bool:
    """Nothing in the cell, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())
