"""The checks that refuse a database file before anything is written to it: written by a newer
Tandem or by another program, damaged, or emptied while its backups hold workshops. Each raises
one plain sentence (``faults``), and nothing is written to a file that is going to be refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StorageError
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
        raise DamagedFile(str(path), f"is empty (0 bytes), yet its backups hold {held} "
                                     f"workshop{'s' if held != 1 else ''}")


def refuse_unusable(conn: sqlite3.Connection, path: str, schema_version: int) -> int:
    """The file's schema version, after read-only checks that raise for a file Tandem must not
    write to: nothing may be written to a file that is going to be refused."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema_version:
        raise StorageError(
            f"The database {path} was written by a newer version of Tandem (schema "
            f"{version}, this version knows {schema_version}) and was left untouched: update "
            "Tandem to open it.")
    if version > 0:
        tables = {r[0] for r in
                  conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"workshops", "participants", "answers"} <= tables:
            raise StorageError(f"The file {path} is not a Tandem database and was left "
                               "untouched: choose another file with --db.")
    elif conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0:
        raise StorageError(f"The file {path} is an SQLite database from another program, not "
                           "Tandem, and was left untouched: choose another file with --db.")
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":  # SQLite's account (pages, cells) helps no one here, and spans lines
        raise DamagedFile(path, "is damaged")
    return version
