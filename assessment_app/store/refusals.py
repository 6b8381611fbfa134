"""The checks that refuse a database file before anything is written to it: written by a newer
Tandem or by another program, damaged, or emptied while its backups hold workshops. Each raises
one plain sentence (``faults``), and nothing is written to a file that is going to be refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StorageError
from ..i18n import tr
from .backups import list_backups
from .faults import DamagedFile


def refuse_emptied(path: Path) -> None:
    """An empty file (0 bytes) where the backups beside it hold workshops is a database that
    lost its content (a failed copy, a sync tool), not a new one: refused as damaged, so the
    app offers the newest good backup instead of starting empty over it."""
    try:
        if not path.is_file() or path.stat().st_size:
            return
        wal = path.with_name(path.name + "-wal")
        if wal.is_file() and wal.stat().st_size:  # SQLite reads its content from the WAL
            return
    except OSError:
        return
    held = max((b.workshops for b in list_backups(path) if b.database in ("", path.name)),
               default=0)
    if held:
        raise DamagedFile(str(path), held)


def unclean_shutdown(path: Path) -> bool:
    """Whether the last program to write the file stopped without closing it: SQLite removes
    the ``-wal`` file when the last connection closes, so one left behind (with content) means
    a crash, a power cut or a writer still open elsewhere. That is when a whole-file check is
    worth its cost (a 110 MB file takes 0.2 s warm, 1.5 s from a cold disk)."""
    try:
        wal = path.with_name(path.name + "-wal")
        return wal.is_file() and wal.stat().st_size > 0
    except OSError:
        return True


def whole_file_damaged(path: str | Path) -> bool:
    """SQLite's quick check over the whole file, on a read-only connection of its own, so it
    can run in a thread while the window uses the file (a damaged header says so as well)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return "malformed" in str(exc) or "not a database" in str(exc)


def refuse_unusable(conn: sqlite3.Connection, path: str, schema_version: int,
                    whole_file: bool = True) -> int:
    """The file's schema version, after read-only checks that raise for a file Tandem must not
    write to: nothing may be written to a file that is going to be refused. ``whole_file``:
    SQLite's quick check of every page too (the window asks for it only after an unclean
    shutdown and runs it in the background after its first paint otherwise)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema_version:
        raise StorageError(tr(
            "The database {path} was written by a newer version of Tandem (schema {version}, "
            "this version knows {known}) and was left untouched: update Tandem to open it.",
            path=path, version=version, known=schema_version))
    if version > 0:
        tables = {r[0] for r in
                  conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"workshops", "participants", "answers"} <= tables:
            raise StorageError(tr("The file {path} is not a Tandem database and was left "
                                  "untouched: choose another file with --db.", path=path))
    elif conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0:
        raise StorageError(tr("The file {path} is an SQLite database from another program, "
                              "not Tandem, and was left untouched: choose another file with "
                              "--db.", path=path))
    upgrading = 0 < version < schema_version  # a backup is taken first: of a checked file
    # SQLite's account of the damage (pages, cells) helps no one here, and spans lines
    if (whole_file or upgrading) and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise DamagedFile(path)
    return version
