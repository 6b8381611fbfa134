"""Backups: consistent copies of the database made with SQLite's online backup API.

One is taken when the app starts and the data changed since the newest backup, and one before
every schema migration; the newest ``KEEP`` are kept in a ``backups`` folder beside the
database. Restoring first backs up the current file, so a restore can itself be undone.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import StorageError
from ..i18n import tr
from ..rules.dates import day_text
from .faults import NEARLY_FULL_BYTES, SQLITE_FULL, free_bytes, size_text
from .migrations import SCHEMA_VERSION, UPGRADE_REASON, upgrade
from .sqlite_lite import import_sqlite_utils

KEEP = 10
SUFFIX = ".sqlite"


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str
    workshops: int
    answers: int
    database: str = ""  # the name of the file it was taken of ("": a backup before this was kept)


def backup_folder(db_path: str | Path) -> Path:
    return Path(db_path).parent / "backups"


def fingerprint(conn: sqlite3.Connection) -> str:
    """Changes whenever a workshop, participant or answer is added, edited or removed."""
    try:
        row = conn.execute("""
            SELECT (SELECT count(*) FROM workshops), (SELECT max(updated_at) FROM workshops),
                   (SELECT count(*) FROM participants), (SELECT count(*) FROM answers),
                   (SELECT max(answered_at) FROM answers)""").fetchone()
    except sqlite3.Error:
        return ""
    return json.dumps(row)


def _counts(conn: sqlite3.Connection) -> tuple[int, int]:
    try:
        return (conn.execute("SELECT count(*) FROM workshops").fetchone()[0],
                conn.execute("SELECT count(*) FROM answers").fetchone()[0])
    except sqlite3.Error:
        return 0, 0


def list_backups(db_path: str | Path) -> list[Backup]:
    """Backups of this database, newest first (unreadable ones are left out)."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        meta_path = path.with_suffix(".json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            found.append(Backup(path, datetime.fromisoformat(meta["made_at"]), meta["reason"],
                                int(meta["workshops"]), int(meta["answers"]),
                                str(meta.get("database", ""))))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def make_backup(conn: sqlite3.Connection, db_path: str | Path, reason: str,
                keep: int = KEEP) -> Backup:
    """Copy the live database consistently (readers and writers may carry on meanwhile)."""
    folder = backup_folder(db_path)
    now = datetime.now()
    stem = f"tandem-{now:%Y%m%d-%H%M%S-%f}"
    target = folder / f"{stem}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(target)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        workshops, answers = _counts(conn)
        meta = {"made_at": now.isoformat(), "reason": reason, "workshops": workshops,
                "answers": answers, "fingerprint": fingerprint(conn),
                "database": Path(db_path).name}
        target.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    except (OSError, sqlite3.Error) as exc:
        try:
            target.unlink(missing_ok=True)
        except OSError:
            pass
        raise _not_written(folder, exc) from None
    prune(db_path, keep)
    return Backup(target, now, reason, workshops, answers, Path(db_path).name)


def reason_label(reason: str) -> str:
    """Why a backup was made, as a reader of the current language says it (the backup's record
    keeps the English words, so a backup reads the same in every language)."""
    upgrade_from = reason.removeprefix(UPGRADE_REASON)
    if upgrade_from != reason:
        return tr("before upgrade from schema {version}", version=upgrade_from)
    if reason == "before restore":
        return tr("before restore")
    return tr("start-up") if reason == "start-up" else reason


def _not_written(folder: Path, exc: OSError | sqlite3.Error) -> StorageError:
    """Why a backup could not be made, in one sentence: most often a full disk."""
    code = getattr(exc, "sqlite_errorcode", 0) or 0
    free = free_bytes(str(folder / "x"))
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or code & 0xFF == SQLITE_FULL \
            or (free is not None and free < NEARLY_FULL_BYTES):
        if free is None:
            return StorageError(tr("The disk holding {folder} is full, so no backup could be "
                                   "made: free some space, then try again; nothing already "
                                   "saved was lost.", folder=folder))
        return StorageError(tr("The disk holding {folder} is full ({free} free), so no backup "
                               "could be made: free some space, then try again; nothing "
                               "already saved was lost.", folder=folder, free=size_text(free)))
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return StorageError(tr("A backup could not be written to {folder} ({reason}); check that "
                           "the folder can be written to.", folder=folder, reason=reason))


def prune(db_path: str | Path, keep: int = KEEP) -> None:
    for old in list_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)
        old.path.with_suffix(".json").unlink(missing_ok=True)


def backup_if_changed(conn: sqlite3.Connection, db_path: str | Path) -> Backup | None:
    """The start-up backup: only when the data differs from the newest backup's."""
    current = fingerprint(conn)
    if not current or _counts(conn) == (0, 0):
        return None
    newest = list_backups(db_path)
    if newest:
        try:
            meta = json.loads(newest[0].path.with_suffix(".json").read_text(encoding="utf-8"))
            if meta.get("fingerprint") == current:
                return None
        except (OSError, ValueError):
            pass
    return make_backup(conn, db_path, "start-up")  # not translated: stored; see reason_label


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to a backup (its path as a file: URI, so a folder named with
    ``?``, ``#`` or ``%`` is not taken for URI syntax)."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def is_good(backup: Backup) -> bool:
    """Whether a backup can be restored: an undamaged Tandem database (SQLite's quick check
    passes and it holds Tandem's tables), not one from a newer Tandem."""
    try:
        conn = _read_only(backup.path)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return False
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in
                      conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            return (1 <= version <= SCHEMA_VERSION
                    and {"workshops", "participants", "answers"} <= tables)
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def restore_into(conn: sqlite3.Connection, backup: Backup) -> None:
    """Replace the live database's content with the backup's, in place; a damaged backup is
    refused first, so good data is never replaced by bad."""
    if not is_good(backup):
        raise StorageError(damaged_backup(backup))
    try:
        source = _read_only(backup.path)
        try:
            source.backup(conn)
        finally:
            source.close()
        _bring_up_to_date(conn, backup)
    except sqlite3.Error as exc:
        raise StorageError(tr("The backup {name} could not be restored ({error}).",
                              name=backup.path.name, error=exc)) from None


def _bring_up_to_date(conn: sqlite3.Connection, backup: Backup) -> None:
    """A backup taken before an upgrade holds an older schema: migrate it as opening the file
    would, or the running app would read tables it does not know."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < SCHEMA_VERSION:
        upgrade(import_sqlite_utils().Database(conn), version)


def damaged_backup(backup: Backup) -> str:
    return tr("The backup from {day} at {time} ({name}) is damaged, so it was not restored and "
              "nothing was changed: choose an earlier backup.",
              day=day_text(backup.made_at.date()), time=f"{backup.made_at:%H:%M}",
              name=backup.path.name)


def recover_file(db_path: str | Path, backup: Backup) -> Path:
    """For a damaged database: set it aside (never delete it) and put the backup in its place."""
    db_path = Path(db_path)
    aside = db_path.with_name(f"{db_path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        db_path.rename(aside)
        for extra in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + extra)
            if side.exists():
                side.rename(aside.with_name(aside.name + extra))
        dest = sqlite3.connect(db_path)
        try:
            source = _read_only(backup.path)
            source.backup(dest)
            source.close()
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(tr("Recovery from {name} failed ({error}); the damaged file is "
                              "kept as {aside}.", name=backup.path.name, error=exc,
                              aside=aside.name)) from None
    return aside
