"""What can be wrong with a database file, each said in one plain sentence: SQLite's errors
turned into ``StorageError``s, and the checks that refuse a file before anything is written to
it (written by a newer Tandem, by another program, or damaged)."""

from __future__ import annotations

import sqlite3

from ..errors import DatabaseDamaged, DatabaseInUse, StorageError


def describe(exc: sqlite3.Error, path: str) -> StorageError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseInUse(f"The database {path} is in use by another program (it is locked); "
                            "close the other copy of Tandem and try again.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(f"The database {path} is damaged ({exc}); it was left untouched. "
                            "Restore a backup or open another file with --db.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(f"The database {path} cannot be written ({exc}); check that its "
                            "folder exists and is writable, or choose another file with --db.")
    if "disk is full" in text or "full" in text:
        return StorageError(f"The disk holding {path} is full; free some space and try again. "
                            "Nothing already saved was lost.")
    if "disk i/o" in text:
        return StorageError(f"The disk holding {path} reported an error ({exc}); nothing already "
                            "saved was lost, but check the drive before going on.")
    return StorageError(f"The database {path} could not be used: {str(exc).rstrip('.')}.")


def refuse_unusable(conn: sqlite3.Connection, path: str, schema_version: int) -> int:
    """The file's schema version, after read-only checks that raise for a file Tandem must not
    write to: nothing may be written to a file that is going to be refused."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema_version:
        raise StorageError(
            f"The database {path} was written by a newer version of Tandem (schema "
            f"{version}, this version knows {schema_version}); it was left untouched. "
            "Update Tandem to open it.")
    if version > 0:
        tables = {r[0] for r in
                  conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"workshops", "participants", "answers"} <= tables:
            raise StorageError(f"The file {path} is not a Tandem database; it was left "
                               "untouched. Choose another file with --db.")
    elif conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0:
        raise StorageError(f"The file {path} is an SQLite database from another program, "
                           "not Tandem; it was left untouched. Choose another file with --db.")
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise DatabaseDamaged(f"The database {path} is damaged ({check}); it was left "
                              "untouched. Restore a backup or open another file with --db.")
    return version
