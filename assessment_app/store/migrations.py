"""The database's migrations, in order: ``PRAGMA user_version`` holds how many have been
applied, and ``upgrade`` (called when a store opens) applies the rest, each in its own
transaction, after backing up a file an older Tandem wrote.

A migration, once released, never changes: an upgrade adds a new one at the end. A migration
holds its own tables' definitions and imports nothing from the features that use them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..rules.progress import COMPLETE_SQL

if TYPE_CHECKING:
    from sqlite_utils import Database


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
    (1.2 s at 500 workshops of 30 people before, a few milliseconds after). An answer counts
    when it is complete (``rules.progress.COMPLETE_SQL``, the rule of ``Answer.is_complete``)."""
    complete = COMPLETE_SQL
    db.execute("ALTER TABLE participants ADD COLUMN finished INTEGER NOT NULL DEFAULT 0")
    db.execute(f"""UPDATE participants SET finished = (
                      SELECT count(*) FROM answers a WHERE a.participant_id = participants.id
                      AND {complete.format(row="a")})""")
    _finished_triggers(db)


def _finished_triggers(db: Database) -> None:
    """The triggers that keep each participant's count of complete answers (migration 4, and
    again after migration 9 rebuilds the answers table)."""
    new, old = COMPLETE_SQL.format(row="NEW"), COMPLETE_SQL.format(row="OLD")
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


def _m5_deletions_and_edit_times(db: Database) -> None:
    """What merging laptops needs: a record of each deleted workshop and participant, so that
    an older bundle does not bring it back, and the time names and titles were last edited, so
    that renames travel.

    Backfill: a workshop's ``edited_at`` is its ``updated_at`` (no later than any rename made
    before this migration, and no earlier); a participant's is its ``created_at``, the only time
    known for it. Nothing was recorded of deletions before this migration."""
    db.execute("""
        CREATE TABLE deletions (
            kind TEXT NOT NULL CHECK (kind IN ('workshop', 'participant')),
            id TEXT NOT NULL,
            workshop_id TEXT NOT NULL,
            deleted_at TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        )""")
    db.execute("CREATE INDEX deletions_workshop ON deletions(workshop_id)")
    db.execute("ALTER TABLE workshops ADD COLUMN edited_at TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE workshops SET edited_at = updated_at")
    db.execute("ALTER TABLE participants ADD COLUMN edited_at TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE participants SET edited_at = created_at")


def _m6_pin_attempts(db: Database) -> None:
    """The count of wrong tries at each workshop's PIN, kept so that restarting the app does
    not reset the growing wait between tries (``store/pin``). ``IF NOT EXISTS``: databases
    written while this table was created on first use may have it."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS pin_attempts (
            workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            failures INTEGER NOT NULL DEFAULT 0,
            last_try REAL NOT NULL DEFAULT 0
        )""")


def _m7_plan_status(db: Database) -> None:
    """A plan's status: the plan is suggested until the facilitator marks it agreed
    (``plan_agreed_at``, empty: suggested); each row may name an accountable participant beside
    its owning function, and has a status."""
    db.execute("ALTER TABLE workshops ADD COLUMN plan_agreed_at TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE plan_entries ADD COLUMN accountable TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE plan_entries ADD COLUMN status TEXT NOT NULL DEFAULT 'not started'")


def _m8_join_tokens(db: Database) -> None:
    """One join token per participant for answering on the local network (``store/join``):
    the link stays the same across restarts of the server until the facilitator re-issues it."""
    db.execute("""
        CREATE TABLE join_tokens (
            participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            token TEXT NOT NULL UNIQUE,
            issued_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX join_tokens_workshop ON join_tokens(workshop_id)")


def _m9_dont_know_has_no_target(db: Database) -> None:
    """The database holds the level rules itself (``rules.levels.level_problem``): levels 1 to
    5 or NULL, a target not below today's level (both since migration 1), and now no target
    beside "don't know" (current NULL). SQLite adds a CHECK only by rebuilding the table.

    An older Tandem let a bundle or a phone store a don't-know answer with a target. Such an
    answer is kept as what the person said, "don't know", with its comment and time; only the
    target is cleared, since a target without today's level means nothing to the scoring. It
    was complete before and stays complete, so the finished counts do not move."""
    db.execute("""
        CREATE TABLE answers_checked (
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            current INTEGER CHECK (current IS NULL OR current BETWEEN 1 AND 5),
            target INTEGER CHECK (target IS NULL OR target BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            answered_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, item_id),
            CHECK (current IS NULL OR target IS NULL OR target >= current),
            CHECK (current IS NOT NULL OR target IS NULL)
        )""")
    db.execute("""INSERT INTO answers_checked (participant_id, item_id, current, target,
                                               comment, answered_at)
                  SELECT participant_id, item_id, current,
                         CASE WHEN current IS NULL THEN NULL ELSE target END,
                         comment, answered_at FROM answers""")
    db.execute("DROP TABLE answers")  # its triggers go with it
    db.execute("ALTER TABLE answers_checked RENAME TO answers")
    _finished_triggers(db)


def _m10_plan_edit_times(db: Database) -> None:
    """Each plan row's edit time (``PlanRow.edited_at``), so plan edits travel between laptops
    by it as answers do. A row saved before has no time of its own: it takes its workshop's last
    change, which is no earlier than the row's."""
    db.execute("ALTER TABLE plan_entries ADD COLUMN edited_at TEXT NOT NULL DEFAULT ''")
    db.execute("""UPDATE plan_entries SET edited_at = (
                      SELECT updated_at FROM workshops WHERE workshops.id = workshop_id)""")


def _m11_answer_versions(db: Database) -> None:
    """Each participant's answer version, drawn anew (a random 64-bit number, so a restored
    backup never repeats a version seen since) by triggers on every write to their answers by
    any connection (the window, the phone server, another process): the live results re-read
    only the participants whose answers changed (``analysis/live_scores``), not every answer."""
    db.execute("ALTER TABLE participants ADD COLUMN answers_version INTEGER NOT NULL DEFAULT 0")
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        db.execute(f"""CREATE TRIGGER answers_version_{event.lower()} AFTER {event} ON answers
                       BEGIN UPDATE participants SET answers_version = random()
                       WHERE id = {row}.participant_id; END""")


def _m12_consensus_round(db: Database) -> None:
    """The consensus round (``rules.consensus``): each workshop's round state with its selected
    statements in order (a JSON list), round-2 answers in their own table (round 1 stays in
    ``answers``, untouched: its rows, its finished counts and every query of it), the room's
    decisions and each participant's dots on actions. Round-2 answers and dots go with their
    participant, decisions and the round with their workshop; those deletions travel as before.
    The CHECKs hold the level and status rules as the answers' do (migration 9)."""
    db.execute("""
        CREATE TABLE consensus_rounds (
            workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            opened_at TEXT NOT NULL DEFAULT '',
            closed_at TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL DEFAULT '[]',
            vote_budget INTEGER NOT NULL DEFAULT 3 CHECK (vote_budget >= 1),
            edited_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE round2_answers (
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            current INTEGER CHECK (current IS NULL OR current BETWEEN 1 AND 5),
            target INTEGER CHECK (target IS NULL OR target BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            answered_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, item_id),
            CHECK (current IS NULL OR target IS NULL OR target >= current),
            CHECK (current IS NOT NULL OR target IS NULL)
        )""")
    db.execute("""
        CREATE TABLE decisions (
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            current INTEGER NOT NULL CHECK (current BETWEEN 1 AND 5),
            target INTEGER NOT NULL CHECK (target BETWEEN 1 AND 5 AND target >= current),
            status TEXT NOT NULL CHECK (status IN ('agreed', 'dissent', 'deferred')),
            note TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL,
            PRIMARY KEY (workshop_id, item_id)
        )""")
    db.execute("""
        CREATE TABLE votes (
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            action_id TEXT NOT NULL,
            count INTEGER NOT NULL CHECK (count >= 0),
            voted_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, action_id)
        )""")


def _m13_series(db: Database) -> None:
    """Workshops of one organisation form a series: a follow-up names the workshop it follows
    (``follows``, empty: none), and each participant copied into it names the person they
    were first (``person``, empty: themselves), so a comparison tells returning people from
    newcomers."""
    db.execute("ALTER TABLE workshops ADD COLUMN follows TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE participants ADD COLUMN person TEXT NOT NULL DEFAULT ''")


def _m14_progress_index(db: Database) -> None:
    """The workshop list's counts (``Store.workshops``: participants and finished per
    workshop) read from the index alone, never the participants' rows: with a cold page cache
    at 500 workshops x 30 people that read was 100-300 ms of the start before the window, and
    the index is a fifth of the table."""
    db.execute("DROP INDEX participants_workshop")
    db.execute("CREATE INDEX participants_workshop ON participants(workshop_id, finished)")


def _m15_privacy_threshold(db: Database) -> None:
    """Each workshop's privacy threshold (``Workshop.privacy_threshold``): the fewest people a
    shown figure may rest on, 3 for every workshop until the facilitator raises it."""
    db.execute("ALTER TABLE workshops ADD COLUMN privacy_threshold INTEGER NOT NULL DEFAULT 3 "
               "CHECK (privacy_threshold >= 3)")


def _m16_answer_language(db: Database) -> None:
    """The language each answer was given in (``Answer.language``: an ``i18n`` code), chosen on
    the phone page or at the kiosk's hand-over, so the report can say how many answered in
    each. NULL: unknown, every answer saved before this migration."""
    db.execute("ALTER TABLE answers ADD COLUMN language TEXT")
    db.execute("ALTER TABLE round2_answers ADD COLUMN language TEXT")


def _m17_report_language(db: Database) -> None:
    """Each workshop's report language (``Workshop.report_language``): the language its PDFs
    and plan workbook are written in, English for the workshops made before there was a
    choice."""
    db.execute("ALTER TABLE workshops ADD COLUMN report_language TEXT NOT NULL DEFAULT 'en'")


MIGRATIONS: list[Callable[[Database], None]] = [_m1_initial, _m2_facilitator_pin,
                                                _m3_action_plan, _m4_finished_counts,
                                                _m5_deletions_and_edit_times, _m6_pin_attempts,
                                                _m7_plan_status, _m8_join_tokens,
                                                _m9_dont_know_has_no_target,
                                                _m10_plan_edit_times, _m11_answer_versions,
                                                _m12_consensus_round,
                                                _m13_series, _m14_progress_index,
                                                _m15_privacy_threshold,
                                                _m16_answer_language,
                                                _m17_report_language]
SCHEMA_VERSION = len(MIGRATIONS)
# The backup taken before an upgrade records why (``backups.reason_label`` shows it).
UPGRADE_REASON = "before upgrade from schema "  # not translated: stored in the backup's record


def upgrade(db: Database, version: int,
            backup: Callable[[str], object] | None = None) -> None:
    """Apply the migrations after ``version`` (the file's ``user_version``), one transaction
    each; a file an older Tandem wrote is backed up first, by ``backup`` (given the reason;
    None: nothing to back up, a database in memory or a backup being restored)."""
    if 0 < version < SCHEMA_VERSION and backup is not None:
        backup(f"{UPGRADE_REASON}{version}")
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
