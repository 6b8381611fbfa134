"""Backups: consistent copies of the database made with SQLite's online backup API.

One is taken when the app starts and the data changed since the newest backup, and one before
every schema migration; the newest ``KEEP`` are kept in a ``backups`` folder beside the
database. Restoring first backs up the current file, so a restore can itself be undone.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import StorageError

KEEP = 10
SUFFIX = ".sqlite"


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str
    workshops: int
    answers: int

    def label(self) -> str:
        return (f"{self.made_at:%Y-%m-%d %H:%M:%S} · {self.reason} · {self.workshops} "
                f"workshop(s), {self.answers} answer(s)")


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
                                int(meta["workshops"]), int(meta["answers"])))
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
                "answers": answers, "fingerprint": fingerprint(conn)}
        target.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise StorageError(f"A backup could not be written to {folder} ({exc}); check the free "
                           "space on the disk.") from None
    prune(db_path, keep)
    return Backup(target, now, reason, workshops, answers)


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
    return make_backup(conn, db_path, "start-up")


def is_good(backup: Backup) -> bool:
    try:
        conn = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def restore_into(conn: sqlite3.Connection, backup: Backup) -> None:
    """Replace the live database's content with the backup's, in place."""
    try:
        source = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
        try:
            source.backup(conn)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise StorageError(f"The backup {backup.path.name} could not be restored ({exc}).") \
            from None


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
            source = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
            source.backup(dest)
            source.close()
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"Recovery from {backup.path.name} failed ({exc}); the damaged file "
                           f"is kept as {aside.name}.") from None
    return aside
