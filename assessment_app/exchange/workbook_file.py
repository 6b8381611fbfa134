"""Opening a workbook someone chose, safely: the file's kind, its soundness and its size are
checked before Excel's XML is parsed, so a renamed CSV, a damaged or password-protected file, a
zip bomb or a sheet of a million rows is refused in one sentence instead of hanging or failing
with a traceback. Cells are read as stored (``data_only=False``): a formula is reported as a
formula (data type "f"), never silently replaced by its text or by a stale computed value."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from ..errors import WorkbookError
from ..rules.text import excerpt

MAX_FILE_BYTES = 5_000_000  # a plan workbook is about 30 KB
MAX_UNPACKED_BYTES = 50_000_000
MAX_ROWS = 1_000  # a plan has about 40

Row = tuple[tuple[Any, str], ...]  # (value, Excel data type) per column


def sheet_rows(path: Path, sheet_name: str, columns: int, max_rows: int = MAX_ROWS) -> list[Row]:
    """The rows of sheet ``sheet_name`` as (value, Excel data type) for its first ``columns``
    columns; WorkbookError (one sentence) for a file that is not a sound workbook with that
    sheet, or holds more than ``max_rows`` filled rows."""
    from openpyxl import load_workbook

    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WorkbookError(f"{name} is {size / 1e6:.1f} MB, more than the "
                                f"{MAX_FILE_BYTES // 1_000_000} MB a plan workbook can be; "
                                "choose the workbook Tandem exported.")
        data = path.read_bytes()
    except OSError as exc:
        raise WorkbookError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise WorkbookError(f"{name} is password-protected or an old .xls workbook; remove the "
                            "password (or save it as .xlsx) in Excel and import it again.")
    if data[:2] != b"PK":
        raise WorkbookError(f"{name} is not an Excel workbook (.xlsx); choose the workbook "
                            "Tandem exported.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookError(f"{name} is damaged (its zip structure cannot be read); save it "
                            "again from Excel or export the plan again.") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(f"{name} unpacks to {unpacked / 1e6:.0f} MB, more than a plan "
                            f"workbook's {MAX_UNPACKED_BYTES // 1_000_000} MB; choose the "
                            "workbook Tandem exported.")
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"{name} is a zip file but not an Excel workbook (.xlsx); choose "
                            "the workbook Tandem exported.")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # any parse failure of a user's file is that file's problem
        raise WorkbookError(f"{name} is damaged and cannot be read as an Excel workbook "
                            f"({type(exc).__name__}); save it again from Excel.") from None
    try:
        if sheet_name not in book.sheetnames:
            listed = ", ".join(repr(excerpt(s, 30)) for s in book.sheetnames[:5])
            raise WorkbookError(f"{name} has no sheet named '{sheet_name}' (it has {listed}); "
                                f"rename the plan's sheet back to '{sheet_name}'.")
        sheet = book[sheet_name]
        if not hasattr(sheet, "iter_rows"):
            raise WorkbookError(f"{name}: '{sheet_name}' is a chart, not a sheet of rows.")
        return _bounded_rows(sheet, name, sheet_name, columns, max_rows)
    finally:
        book.close()


def _bounded_rows(sheet: Any, name: str, sheet_name: str, columns: int, max_rows: int
                  ) -> list[Row]:
    rows: list[Row] = []
    filled = 0
    for cells in sheet.iter_rows(min_row=1, max_col=columns):
        row = tuple((getattr(c, "value", None), getattr(c, "data_type", "n")) for c in cells)
        row += ((None, "n"),) * (columns - len(row))
        rows.append(row)
        if any(not is_empty(v) for v, _ in row):
            filled += 1
        if filled > max_rows or len(rows) > 20 * MAX_ROWS:
            raise WorkbookError(f"{name}: the '{sheet_name}' sheet has more than "
                                f"{MAX_ROWS:,} rows, and a plan has far fewer; delete the rows "
                                "below the plan.")
    return rows


def is_empty(value: Any) -> bool:
    """Nothing in the cell, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())
