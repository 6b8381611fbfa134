"""The local store: one SQLite file holding workshops, participants and answers.

Every answer is one committed transaction with ``synchronous=FULL`` in WAL mode, so a crash or a
dying battery loses nothing already answered. A file that is corrupt, locked, or written by a
newer Tandem is refused with a plain message before anything is written to it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.questionnaire import ROLES, Questionnaire, questionnaire_from_content
from ..errors import DatabaseDamaged, DatabaseInUse, StorageError
from ..text_limits import too_long
from .sqlite_lite import import_sqlite_utils

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_S = 3.0


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_id() -> str:
    return str(uuid.uuid4())


# ---------------------------------------------------------------------------------------------
# Migrations: ordered; PRAGMA user_version holds how many have been applied.


def _m1_initial(db: Database) -> None:
    db.execute("""
        CREATE TABLE questionnaires (
            hash TEXT PRIMARY KEY,
            id TEXT NOT NULL,
            version TEXT NOT NULL,
            content TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE workshops (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            organization TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL,
            questionnaire_id TEXT NOT NULL,
            questionnaire_version TEXT NOT NULL,
            questionnaire_hash TEXT NOT NULL REFERENCES questionnaires(hash),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE participants (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('marketing', 'it')),
            title TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX participants_workshop ON participants(workshop_id)")
    db.execute("""
        CREATE TABLE answers (
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            current INTEGER CHECK (current IS NULL OR current BETWEEN 1 AND 5),
            target INTEGER CHECK (target IS NULL OR target BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            answered_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, item_id),
            CHECK (current IS NULL OR target IS NULL OR target >= current)
        )""")


def _m2_facilitator_pin(db: Database) -> None:
    db.execute("ALTER TABLE workshops ADD COLUMN pin_hash TEXT NOT NULL DEFAULT ''")


def _m3_action_plan(db: Database) -> None:
    db.execute("""
        CREATE TABLE plan_entries (
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            action_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            included INTEGER NOT NULL CHECK (included IN (0, 1)),
            owner TEXT NOT NULL,
            horizon TEXT NOT NULL,
            due TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (workshop_id, action_id)
        )""")


def _m4_finished_counts(db: Database) -> None:
    """Each participant's finished-answer count, kept by triggers on every write to answers,
    so the workshop list reads 15,000 participant rows instead of scanning every answer
    (1.2 s at 500 workshops of 30 people before, a few milliseconds after)."""
    finished = "({row}.current IS NULL OR {row}.target IS NOT NULL)"
    new, old = finished.format(row="NEW"), finished.format(row="OLD")
    db.execute("ALTER TABLE participants ADD COLUMN finished INTEGER NOT NULL DEFAULT 0")
    db.execute(f"""UPDATE participants SET finished = (
                      SELECT count(*) FROM answers a WHERE a.participant_id = participants.id
                      AND {finished.format(row="a")})""")
    db.execute(f"""CREATE TRIGGER answers_finished_insert AFTER INSERT ON answers BEGIN
                     UPDATE participants SET finished = finished + {new}
                     WHERE id = NEW.participant_id; END""")
    db.execute(f"""CREATE TRIGGER answers_finished_delete AFTER DELETE ON answers BEGIN
                     UPDATE participants SET finished = finished - {old}
                     WHERE id = OLD.participant_id; END""")
    db.execute(f"""CREATE TRIGGER answers_finished_update AFTER UPDATE ON answers BEGIN
                     UPDATE participants SET finished = finished - {old}
                     WHERE id = OLD.participant_id;
                     UPDATE participants SET finished = finished + {new}
                     WHERE id = NEW.participant_id; END""")


MIGRATIONS: list[Callable[[Database], None]] = [_m1_initial, _m2_facilitator_pin,
                                                _m3_action_plan, _m4_finished_counts]
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workshop:
    id: str
    name: str
    organization: str
    date: str
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_hash: str


@dataclass(frozen=True)
class Participant:
    id: str
    workshop_id: str
    name: str
    role: str
    title: str


@dataclass(frozen=True)
class Answer:
    participant_id: str
    item_id: str
    current: int | None  # None means "don't know"
    target: int | None
    comment: str
    answered_at: str

    @property
    def dont_know(self) -> bool:
        return self.current is None

    @property
    def is_complete(self) -> bool:
        """Done means today's level and a target, or "don't know" (the same rule as the
        ``finished`` counts the database keeps, migration 4)."""
        return self.current is None or self.target is not None




@dataclass(frozen=True)
class WorkshopSummary:
    """One row of the workshop list: enough to choose a workshop without opening it."""

    id: str
    name: str
    organization: str
    date: str
    questionnaire_id: str
    participants: int
    completed: int


def _describe(exc: sqlite3.Error, path: str) -> StorageError:
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


class Store:
    """All reads and writes of the database; the UI and the CLI never write SQL themselves."""

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
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate a database, refusing unusable files untouched."""
        path = Path(path)
        shown = str(path)
        if path.exists() and path.is_dir():
            raise StorageError(f"The database path {shown} is a folder, not a file.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"The folder {path.parent} cannot be created ({exc.strerror}); "
                               "choose another location with --db.") from None
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        except sqlite3.Error as exc:
            raise _describe(exc, shown) from None
        try:
            store = cls(conn, shown)
            store._prepare()
        except sqlite3.Error as exc:
            conn.close()
            raise _describe(exc, shown) from None
        except StorageError:
            conn.close()
            raise
        return store

    @classmethod
    def in_memory(cls) -> Store:
        store = cls(sqlite3.connect(":memory:", check_same_thread=False), ":memory:",
                    memory=True)
        store._prepare()
        return store

    def _prepare(self) -> None:
        conn = self.conn
        # Read-only checks first: nothing below may write to a file we are going to refuse.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"The database {self.path} was written by a newer version of Tandem (schema "
                f"{version}, this version knows {SCHEMA_VERSION}); it was left untouched. "
                "Update Tandem to open it.")
        if version > 0:
            tables = {r[0] for r in
                      conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"workshops", "participants", "answers"} <= tables:
                raise StorageError(f"The file {self.path} is not a Tandem database; it was left "
                                   "untouched. Choose another file with --db.")
        elif conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0:
            raise StorageError(f"The file {self.path} is an SQLite database from another program, "
                               "not Tandem; it was left untouched. Choose another file with --db.")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DatabaseDamaged(f"The database {self.path} is damaged ({check}); it was left "
                               "untouched. Restore a backup or open another file with --db.")
        conn.execute("PRAGMA foreign_keys = ON")
        if not self.memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(f"The database {self.path} could not switch to WAL mode "
                                   f"(got {mode}).")
        conn.execute("PRAGMA synchronous = FULL")
        if 0 < version < SCHEMA_VERSION and not self.memory:
            from .backups import make_backup

            make_backup(conn, self.path, f"before upgrade from schema {version}")
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                conn.execute(f"PRAGMA user_version = {number}")

    def backup(self, reason: str):
        from .backups import make_backup

        return make_backup(self.conn, self.path, reason)

    def restore(self, backup) -> None:
        """Bring a backup's content back, after backing up what is here now."""
        from .backups import restore_into

        self.backup("before restore")
        restore_into(self.conn, backup)
        self._questionnaire_cache.clear()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One committed transaction; sqlite errors become plain StorageErrors."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def _query(self, sql: str, params: Any = ()) -> list[dict]:
        try:
            cursor = self.conn.execute(sql, params)
            columns = [c[0] for c in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    # -- questionnaires ------------------------------------------------------------------------

    def remember_questionnaire(self, q: Questionnaire) -> None:
        """Keep a snapshot so the workshop's wording survives later edits of the file."""
        self.db.table("questionnaires").insert(
            {"hash": q.content_hash, "id": q.id, "version": q.version,
             "content": json.dumps(q.content(), ensure_ascii=False)},
            ignore=True,
        )

    def questionnaire(self, content_hash: str) -> Questionnaire:
        if content_hash not in self._questionnaire_cache:
            rows = self._query("SELECT content FROM questionnaires WHERE hash = ?", [content_hash])
            if not rows:
                raise StorageError(f"The questionnaire {content_hash[:12]} used by this workshop "
                                   "is missing from the database.")
            self._questionnaire_cache[content_hash] = questionnaire_from_content(
                json.loads(rows[0]["content"]), f"stored questionnaire {content_hash[:12]}")
        return self._questionnaire_cache[content_hash]

    def questionnaire_for(self, workshop_id: str) -> Questionnaire:
        return self.questionnaire(self.workshop(workshop_id).questionnaire_hash)

    # -- workshops -----------------------------------------------------------------------------

    def create_workshop(self, name: str, questionnaire: Questionnaire, organization: str = "",
                        on: str | None = None, workshop_id: str | None = None) -> Workshop:
        name = clean_text(name)
        if not name:
            raise StorageError("A workshop needs a name.")
        organization = clean_text(organization)
        _within_limit("workshop name", name)
        _within_limit("organisation", organization)
        workshop = Workshop(workshop_id or new_id(), name, organization,
                            on or date.today().isoformat(), questionnaire.id,
                            questionnaire.version, questionnaire.content_hash)
        with self.transaction():
            self.write_workshop(workshop, questionnaire)
        return self.workshop(workshop.id)

    def write_workshop(self, workshop: Workshop, questionnaire: Questionnaire) -> None:
        """Insert a new workshop (and its questionnaire snapshot) inside the caller's
        transaction."""
        stamp = now_iso()
        self.remember_questionnaire(questionnaire)
        self.db.table("workshops").insert({
            "id": workshop.id, "name": workshop.name, "organization": workshop.organization,
            "date": workshop.date, "questionnaire_id": workshop.questionnaire_id,
            "questionnaire_version": workshop.questionnaire_version,
            "questionnaire_hash": workshop.questionnaire_hash, "created_at": stamp,
            "updated_at": stamp})

    def workshop(self, workshop_id: str) -> Workshop:
        rows = self._query("SELECT * FROM workshops WHERE id = ?", [workshop_id])
        if not rows:
            raise StorageError(f"There is no workshop with id {workshop_id}.")
        return _workshop(rows[0])

    def has_workshop(self, workshop_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM workshops WHERE id = ?", [workshop_id]))

    def workshops(self) -> list[WorkshopSummary]:
        """Every workshop with participant and completion counts, newest first, in one query
        (item counts come from the stored questionnaires without parsing them in Python)."""
        rows = self._query("""
            WITH totals AS (
                SELECT hash, json_array_length(content, '$.items') AS total FROM questionnaires),
            per_workshop AS (
                SELECT p.workshop_id, count(*) AS participants,
                       sum(t.total > 0 AND p.finished >= t.total) AS completed
                FROM participants p JOIN workshops w2 ON w2.id = p.workshop_id
                JOIN totals t ON t.hash = w2.questionnaire_hash
                GROUP BY p.workshop_id)
            SELECT w.id, w.name, w.organization, w.date, w.questionnaire_id,
                   coalesce(pw.participants, 0) AS participants,
                   coalesce(pw.completed, 0) AS completed
            FROM workshops w LEFT JOIN per_workshop pw ON pw.workshop_id = w.id
            ORDER BY w.date DESC, w.created_at DESC""")
        return [WorkshopSummary(**row) for row in rows]

    def _answered_counts(self, workshop_id: str | None = None) -> dict[str, dict[str, int]]:
        sql = "SELECT p.workshop_id, p.id AS participant, p.finished AS n FROM participants p"
        params: list[str] = []
        if workshop_id:
            sql += " WHERE p.workshop_id = ?"
            params.append(workshop_id)
        counts: dict[str, dict[str, int]] = {}
        for row in self._query(sql, params):
            counts.setdefault(row["workshop_id"], {})[row["participant"]] = row["n"]
        return counts

    def update_workshop(self, workshop_id: str, **fields: str) -> Workshop:
        allowed = {"name", "organization", "date"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        values = {k: clean_text(v) for k, v in fields.items()}
        if "name" in values and not values["name"]:
            raise StorageError("A workshop needs a name.")
        _within_limit("workshop name", values.get("name"))
        _within_limit("organisation", values.get("organization"))
        values["updated_at"] = now_iso()
        with self.transaction():
            self.db.table("workshops").update(workshop_id, values)
        return self.workshop(workshop_id)

    def delete_workshop(self, workshop_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])

    # -- facilitator PIN ----------------------------------------------------------------------

    def set_pin(self, workshop_id: str, pin: str | None) -> None:
        """Set (or with None/"" remove) the PIN that guards leaving answering mode."""
        if pin and not (pin.isdigit() and 4 <= len(pin) <= 8):
            raise StorageError("A facilitator PIN is 4 to 8 digits.")
        with self.transaction():
            self.db.execute("UPDATE workshops SET pin_hash = ? WHERE id = ?",
                            [_hash_pin(pin) if pin else "", workshop_id])

    def has_pin(self, workshop_id: str) -> bool:
        return bool(self._pin_hash(workshop_id))

    def check_pin(self, workshop_id: str, pin: str) -> bool:
        stored = self._pin_hash(workshop_id)
        if not stored:
            return True
        salt = bytes.fromhex(stored.split("$")[0])
        return hmac.compare_digest(_hash_pin(pin, salt), stored)

    def _pin_hash(self, workshop_id: str) -> str:
        rows = self._query("SELECT pin_hash FROM workshops WHERE id = ?", [workshop_id])
        return rows[0]["pin_hash"] if rows else ""

    # -- action plan --------------------------------------------------------------------------

    def plan_rows(self, workshop_id: str) -> list[dict]:
        """The facilitator's saved plan, in plan order (empty: no edits, use the suggestion)."""
        return self._query("SELECT * FROM plan_entries WHERE workshop_id = ? ORDER BY position",
                           [workshop_id])

    def save_plan_rows(self, workshop_id: str, rows: list[dict]) -> None:
        """Replace the saved plan in one transaction."""
        for row in rows:
            _within_limit("notes", clean_text(row.get("notes", ""), multiline=True))
        with self.transaction():
            self.db.execute("DELETE FROM plan_entries WHERE workshop_id = ?", [workshop_id])
            for position, row in enumerate(rows):
                self.db.execute(
                    """INSERT INTO plan_entries (workshop_id, action_id, position, included,
                       owner, horizon, due, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    [workshop_id, row["action_id"], position, int(bool(row["included"])),
                     row["owner"], row["horizon"], row.get("due", ""),
                     clean_text(row.get("notes", ""), multiline=True)])
            self._touch(workshop_id)

    # -- participants --------------------------------------------------------------------------

    def add_participant(self, workshop_id: str, name: str, role: str, title: str = "",
                        participant_id: str | None = None) -> Participant:
        name, title = _participant_fields(name, role, title)
        participant = Participant(participant_id or new_id(), workshop_id, name, role, title)
        with self.transaction():
            self.write_participant(participant)
            self._touch(workshop_id)
        return self.participant(participant.id)

    def write_participant(self, participant: Participant) -> None:
        """Insert a new participant inside the caller's transaction."""
        p = participant
        self.db.table("participants").insert({
            "id": p.id, "workshop_id": p.workshop_id, "name": p.name, "role": p.role,
            "title": p.title, "created_at": now_iso()})

    def participant_exists(self, participant_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM participants WHERE id = ?", [participant_id]))

    def participant(self, participant_id: str) -> Participant:
        rows = self._query("SELECT * FROM participants WHERE id = ?", [participant_id])
        if not rows:
            raise StorageError(f"There is no participant with id {participant_id}.")
        return _participant(rows[0])

    def participants(self, workshop_id: str) -> list[Participant]:
        rows = self._query("SELECT * FROM participants WHERE workshop_id = ? "
                           "ORDER BY created_at, rowid", [workshop_id])
        return [_participant(r) for r in rows]

    def update_participant(self, participant_id: str, name: str, role: str, title: str
                           ) -> Participant:
        name, title = _participant_fields(name, role, title)
        p = self.participant(participant_id)
        with self.transaction():
            self.db.table("participants").update(
                participant_id, {"name": name, "role": role, "title": title})
            self._touch(p.workshop_id)
        return self.participant(participant_id)

    def remove_participant(self, participant_id: str) -> None:
        p = self.participant(participant_id)
        with self.transaction():
            self.db.execute("DELETE FROM participants WHERE id = ?", [participant_id])
            self._touch(p.workshop_id)

    def completion(self, workshop_id: str) -> dict[str, int]:
        """Finished item count per participant of a workshop (don't-knows count as finished)."""
        return self._answered_counts(workshop_id).get(workshop_id, {})

    # -- answers -------------------------------------------------------------------------------

    def save_answer(self, participant_id: str, item_id: str, current: int | None,
                    target: int | None, comment: str = "", answered_at: str | None = None
                    ) -> Answer:
        """Save one answer as one committed transaction; ``current=None`` is "don't know"."""
        _check_levels(current, target)
        comment = clean_text(comment, True)
        _within_limit("comment", comment)
        answer = Answer(participant_id, item_id, current, target, comment,
                        answered_at or now_iso())
        with self.transaction():
            self.write_answer(answer)
        return answer

    def write_answer(self, answer: Answer) -> None:
        """Insert or replace one answer inside the caller's transaction."""
        self.db.execute(
            """INSERT INTO answers (participant_id, item_id, current, target, comment,
                                    answered_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (participant_id, item_id) DO UPDATE SET
                 current = excluded.current, target = excluded.target,
                 comment = excluded.comment, answered_at = excluded.answered_at""",
            [answer.participant_id, answer.item_id, answer.current, answer.target,
             answer.comment, answer.answered_at])

    def clear_answer(self, participant_id: str, item_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM answers WHERE participant_id = ? AND item_id = ?",
                            [participant_id, item_id])

    def answers_for_participant(self, participant_id: str) -> dict[str, Answer]:
        rows = self._query("SELECT * FROM answers WHERE participant_id = ?", [participant_id])
        return {r["item_id"]: _answer(r) for r in rows}

    def answers_for_workshop(self, workshop_id: str) -> list[Answer]:
        rows = self._query("""SELECT a.* FROM answers a JOIN participants p
                              ON p.id = a.participant_id WHERE p.workshop_id = ?
                              ORDER BY p.created_at, p.rowid, a.item_id""", [workshop_id])
        return [_answer(r) for r in rows]

    def _touch(self, workshop_id: str) -> None:
        self.db.execute("UPDATE workshops SET updated_at = ? WHERE id = ?",
                        [now_iso(), workshop_id])


def _participant_fields(name: str, role: str, title: str) -> tuple[str, str]:
    """A participant's name and title as stored, or one sentence saying what is wrong."""
    name = clean_text(name)
    if not name:
        raise StorageError("A participant needs a name.")
    if role not in ROLES:
        raise StorageError(f"A participant's role must be marketing or it, not {role!r}.")
    title = clean_text(title)
    _within_limit("name", name)
    _within_limit("title", title)
    return name, title


def _hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 100_000)
    return f"{salt.hex()}${digest.hex()}"


def _check_levels(current: int | None, target: int | None) -> None:
    for name, value in (("current", current), ("target", target)):
        if value is not None and (isinstance(value, bool) or value not in range(1, 6)):
            raise StorageError(f"The {name} level must be 1 to 5, not {value!r}.")
    if current is not None and target is not None and target < current:
        raise StorageError(f"The target level ({target}) cannot be below the current level "
                           f"({current}).")


def _within_limit(field: str, value: str | None) -> None:
    """Refuse text longer than ``text_limits`` allows, with its one sentence."""
    problem = too_long(field, value)
    if problem:
        raise StorageError(problem)


def clean_text(value: str | None, multiline: bool = False) -> str:
    """Text exactly as typed, minus what no one means to keep: surrounding spaces and control
    characters (NUL and friends break exports); comments keep their line breaks."""
    if value is None:
        return ""
    keep = "\n\t" if multiline else ""
    text = "".join(ch for ch in str(value) if ch in keep or (ord(ch) >= 32 and ord(ch) != 127))
    if not multiline:
        text = " ".join(text.split("\t"))
    return text.strip()


def _workshop(row: dict) -> Workshop:
    return Workshop(row["id"], row["name"], row["organization"], row["date"],
                    row["questionnaire_id"], row["questionnaire_version"],
                    row["questionnaire_hash"])


def _participant(row: dict) -> Participant:
    return Participant(row["id"], row["workshop_id"], row["name"], row["role"], row["title"])


def _answer(row: dict) -> Answer:
    return Answer(row["participant_id"], row["item_id"], row["current"], row["target"],
                  row["comment"], row["answered_at"])
