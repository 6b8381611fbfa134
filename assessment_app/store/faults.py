"""What can be wrong with a database file, each said in one plain sentence: SQLite's errors
turned into ``StorageError``s (``describe``), a full disk, and a file refused as damaged
(``DamagedFile``). The checks that refuse a file before anything is written are ``refusals``'."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ..errors import DatabaseDamaged, DatabaseInUse, StorageError
from ..i18n import formats, tr, tr_n

# SQLite's primary result codes (an extended code carries one in its low byte)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_NOTADB = 13, 14, 8, 26

# Below this much free space an I/O error is taken for a full disk: SQLite says "disk I/O
# error", not "database or disk is full", when the disk fills up while it grows the WAL index
# (SQLITE_IOERR_SHMSIZE) or writes the WAL, and a transaction needs a few megabytes at most.
NEARLY_FULL_BYTES = 8 * 2**20


class DamagedFile(DatabaseDamaged):
    """A database refused as damaged: corrupt, or emptied (0 bytes) while its backups hold
    ``held`` workshops; the sentence says the way back (a backup, or another file), and
    ``problem`` says what is wrong without it, for a window that offers the backup itself."""

    def __init__(self, path: str, held: int = 0) -> None:
        self.held = held
        if held:
            self.problem = tr_n(
                "The database {path} is empty (0 bytes), yet its backups hold {n} workshop.",
                "The database {path} is empty (0 bytes), yet its backups hold {n} workshops.",
                held, path=path)
            sentence = tr_n(
                "The database {path} is empty (0 bytes), yet its backups hold {n} workshop; it "
                "was left untouched: open the Tandem app to bring back its newest good backup, "
                "or choose another file with --db.",
                "The database {path} is empty (0 bytes), yet its backups hold {n} workshops; it "
                "was left untouched: open the Tandem app to bring back its newest good backup, "
                "or choose another file with --db.", held, path=path)
        else:
            self.problem = tr("The database {path} is damaged.", path=path)
            sentence = tr("The database {path} is damaged; it was left untouched: open the "
                          "Tandem app to bring back its newest good backup, or choose another "
                          "file with --db.", path=path)
        super().__init__(sentence)


# What an SQLite error means, by its primary result code or, where SQLite gives none, its words.
ERROR_KINDS = (  # kinds are keys, words are SQLite's: none of it is shown
    ("in use", (SQLITE_BUSY, SQLITE_LOCKED), ("locked", "busy")),  # not translated: a key
    ("damaged", (SQLITE_CORRUPT, SQLITE_NOTADB),
     ("not a database", "malformed", "corrupt")),  # not translated: SQLite's words
    ("full", (SQLITE_FULL,), ("disk is full",)),  # not translated: SQLite's words
    ("disk error", (SQLITE_IOERR,), ("disk i/o",)),  # not translated: a key
    ("read-only", (SQLITE_READONLY, SQLITE_CANTOPEN),
     ("readonly", "read-only", "unable to open")),  # not translated: SQLite's words
)


def error_kind(exc: sqlite3.Error) -> str | None:
    """Which of ``ERROR_KINDS`` an SQLite error is, or None."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    for kind, codes, words in ERROR_KINDS:
        if primary in codes or any(word in text for word in words):
            return kind
    return None


def describe(exc: sqlite3.Error, path: str) -> StorageError:
    """One sentence for an SQLite error on the database ``path``, by its result code where
    SQLite gives one, else by its words."""
    kind = error_kind(exc)
    if kind == "in use":
        return DatabaseInUse(tr("The database {path} is in use by another program (it is "
                                "locked); close the other copy of Tandem and try again.",
                                path=path))
    if kind == "damaged":
        return DamagedFile(path)
    if kind == "full":
        return disk_full(path)
    if kind == "disk error":
        free = free_bytes(path)
        if free is not None and free < NEARLY_FULL_BYTES:
            return disk_full(path, free)
        return StorageError(tr("The disk holding {path} reported an error ({error}); nothing "
                               "already saved was lost, but check the drive before going on.",
                               path=path, error=exc))
    if kind == "read-only":
        return StorageError(tr("The database {path} cannot be written ({error}); check that "
                               "its folder exists and is writable, or choose another file with "
                               "--db.", path=path, error=exc))
    return StorageError(tr("The database {path} could not be used: {error}.", path=path,
                           error=str(exc).rstrip(".")))


def disk_full(path: str, free: int | None = None) -> StorageError:
    if free is None:
        free = free_bytes(path)
    if free is None:
        return StorageError(tr("The disk holding {path} is full: free some space, then try "
                               "again; nothing already saved was lost.", path=path))
    return StorageError(tr("The disk holding {path} is full ({free} free): free some space, "
                           "then try again; nothing already saved was lost.", path=path,
                           free=size_text(free)))


def free_bytes(path: str) -> int | None:
    """Free space on the disk holding ``path`` (None when it cannot be told)."""
    try:
        return shutil.disk_usage(Path(path).resolve().parent).free
    except (OSError, ValueError):
        return None


def size_text(n: int) -> str:
    if n < 1024:
        return tr_n("{n} byte", "{n} bytes", n)
    if n < 2**20:
        return f"{n // 1024} KB"
    return f"{formats.number(n / 2**20, 1)} MB"
