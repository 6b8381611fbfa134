"""The connection to the SQLite file: opening (refusing unusable files untouched), the PRAGMAs
that make every answer durable (WAL, ``synchronous=FULL``), transactions and plain queries. The
rooms of ``Store`` build on this; nothing else opens a connection of its own.

Every answer is one committed transaction with ``synchronous=FULL`` in WAL mode, so a crash or a
dying battery loses nothing already answered. A file that is corrupt, locked, or written by a
newer Tandem is refused with a plain message before anything is written to it."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from ..content.questionnaire import Questionnaire
from ..errors import StorageError
from ..i18n import tr
from ..rules import stamps
from ..rules.changes import Changed, everything
from ..rules.records import Answer, Deletion, Participant, Workshop
from .backups import make_backup, restore_into
from .faults import describe
from .migrations import SCHEMA_VERSION, upgrade
from .refusals import refuse_emptied, refuse_unusable
from .sqlite_lite import import_sqlite_utils

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_S = 3.0


class Connection:
    """The connection and its transactions; the UI and the CLI never write SQL themselves."""

    def __init__(self, conn: sqlite3.Connection, path: str, memory: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.memory = memory
        self._db: Database | None = None
        self._questionnaire_cache: dict[str, Questionnaire] = {}

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, built on first use: reads go straight to
        sqlite3, so showing the workshop list does not wait for sqlite-utils to import."""
        if self._db is None:
            self._db = import_sqlite_utils().Database(self.conn)
        return self._db

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, whole_file: bool = True) -> Self:
        """Open (creating if needed) and migrate a database, refusing unusable files untouched.
        ``whole_file=False`` skips the quick check of every page (``refusals``), which the
        window runs only after an unclean shutdown or in the background."""
        path = Path(path)
        shown = str(path)
        if path.exists() and path.is_dir():
            raise StorageError(tr("The database path {path} is a folder, not a file.",
                                  path=shown))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(tr("The folder {folder} cannot be created ({error}); choose "
                                  "another location with --db.", folder=path.parent,
                                  error=exc.strerror)) from None
        refuse_emptied(path)
        return cls._connect(shown, check=True, whole_file=whole_file)

    @classmethod
    def another(cls, path: str) -> Self:
        """Another connection to a database this process has already opened (and checked), as
        the kiosk's writer thread needs: the same durability settings, without the checks of
        the whole file."""
        store = cls._connect(path, check=False)
        _ = store.db  # ready before the first write
        return store

    @classmethod
    def reader(cls, path: str) -> Self:
        """A read-only connection to a database this process has already opened, for a thread
        that only reads (the window's import plans a bundle on one): it cannot write, so it
        cannot change what the window's own connection sees."""
        try:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        except sqlite3.Error as exc:
            raise describe(exc, path) from None
        return cls(conn, path)

    @classmethod
    def _connect(cls, path: str, check: bool, whole_file: bool = True) -> Self:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        except sqlite3.Error as exc:
            raise describe(exc, path) from None
        try:
            store = cls(conn, path)
            if check:
                store._prepare(whole_file)
            else:
                store._durable()
        except sqlite3.Error as exc:
            conn.close()
            raise describe(exc, path) from None
        except StorageError:
            conn.close()
            raise
        return store

    @classmethod
    def in_memory(cls) -> Self:
        store = cls(sqlite3.connect(":memory:", check_same_thread=False), ":memory:",
                    memory=True)
        store._prepare()
        return store

    def _prepare(self, whole_file: bool = True) -> None:
        conn = self.conn
        version = refuse_unusable(conn, self.path, SCHEMA_VERSION, whole_file)  # read-only first
        self._durable()
        if version < SCHEMA_VERSION:  # self.db imports sqlite-utils: only when there is work
            upgrade(self.db, version, backup=None if self.memory else self.backup)

    def _durable(self) -> None:
        """The settings every connection to the file writes with: foreign keys enforced, WAL,
        and ``synchronous=FULL`` (each commit reaches the disk before it returns)."""
        conn = self.conn
        conn.execute("PRAGMA foreign_keys = ON")
        if not self.memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(tr("The database {path} could not switch to WAL mode "
                                      "(got {mode}).", path=self.path, mode=mode))
        conn.execute("PRAGMA synchronous = FULL")

    def backup(self, reason: str):
        return make_backup(self.conn, self.path, reason)

    def restore(self, backup) -> Changed:
        """Bring a backup's content back, after backing up what is here now."""
        self.backup("before restore")  # not translated: stored; shown through reason_label
        restore_into(self.conn, backup)
        self._questionnaire_cache.clear()
        return everything()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: it changes when another connection (another
        process, another Tandem) commits to the file, not when this one does."""
        return self._query("PRAGMA data_version")[0]["data_version"]

    def state_mark(self) -> tuple[int, int]:
        """Moves whenever anything is committed to the file, by this connection or another:
        what was read from the database before is still true while it stays the same."""
        return self.data_version(), self.conn.total_changes

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that all see one committed state, however long they take (a read
        transaction, ended without writing)."""
        try:
            self.conn.execute("BEGIN")
            try:
                yield
            finally:
                self.conn.rollback()
        except sqlite3.Error as exc:
            raise describe(exc, self.path) from None

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One committed transaction; sqlite errors become plain StorageErrors. The outermost
        one takes the write lock at once (BEGIN IMMEDIATE): several connections write here (the
        window, the answer writer, the local-network server), and a transaction that read
        first could otherwise fail at its first write instead of waiting its turn."""
        try:
            if self.conn.in_transaction:
                with self.db.atomic():  # nested: a savepoint
                    yield
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.rollback()
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise describe(exc, self.path) from None

    def _query(self, sql: str, params: Any = ()) -> list[dict]:
        try:
            cursor = self.conn.execute(sql, params)
            columns = [c[0] for c in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise describe(exc, self.path) from None


    def _records(self, record: type[R], sql: str, params: Any = ()) -> list[R]:
        """Rows straight into records: ``sql`` selects ``record_columns(record)``; no dict per
        row, for the reads that return thousands (every answer of a workshop)."""
        try:
            return [record(*row) for row in self.conn.execute(sql, params).fetchall()]
        except sqlite3.Error as exc:
            raise describe(exc, self.path) from None

    def _touch(self, workshop_id: str) -> None:
        self.db.execute("UPDATE workshops SET updated_at = ? WHERE id = ?",
                        [stamps.now_iso(), workshop_id])


R = TypeVar("R", Workshop, Participant, Answer, Deletion)
_COLUMNS = {record: tuple(f.name for f in dataclasses.fields(record))
            for record in (Workshop, Participant, Answer, Deletion)}


def record_columns(record: type[R], alias: str = "") -> str:
    """The record's fields as a SELECT list (of the table called ``alias``), in field order,
    for ``Connection._records``."""
    return ", ".join(f"{alias}.{name}" if alias else name for name in _COLUMNS[record])


def record_from_row(record: type[R], row: dict) -> R:
    """A record from a row of its table (the record's fields are columns of that table)."""
    return record(*(row[name] for name in _COLUMNS[record]))
