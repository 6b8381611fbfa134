"""The local store: durable answers, schema versioning, and refusing unusable files untouched."""

from __future__ import annotations

import sqlite3

import pytest

from assessment_app.errors import StorageError
from assessment_app.store.database import Store
from assessment_app.store.migrations import SCHEMA_VERSION
from tests.conftest import downgrade_to_schema_1


def test_new_database_is_migrated_in_wal_with_foreign_keys(store):
    conn = store.conn
    assert store.schema_version == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_migrations_run_on_memory_database():
    s = Store.in_memory()
    assert s.schema_version == SCHEMA_VERSION
    assert {"workshops", "participants", "answers", "questionnaires"} <= set(s.db.table_names())


def test_workshop_participants_answers_and_completion(store, mini):
    w = store.create_workshop("Spring session", mini, organization="Acme & Co", on="2026-03-01")
    cmo = store.add_participant(w.id, "Inès Moreau", "marketing", "CMO")
    cio = store.add_participant(w.id, "Tomasz Nowak", "it", "CIO")
    for item in mini.items:
        store.save_answer(cmo.id, item.id, 3, 4)
    store.save_answer(cio.id, "trust-1", None, None, comment="no idea")
    assert store.progress(w.id).counts == {cmo.id: 4, cio.id: 1}
    [summary] = store.workshops()
    assert (summary.name, summary.organization, summary.participants, summary.completed) == (
        "Spring session", "Acme & Co", 2, 1)
    assert store.answers_for_participant(cio.id)["trust-1"].dont_know


def test_reanswering_replaces_the_answer(store, mini):
    w = store.create_workshop("W", mini)
    p = store.add_participant(w.id, "A", "it")
    store.save_answer(p.id, "trust-1", 2, 3)
    store.save_answer(p.id, "trust-1", 4, 5, "changed my mind")
    a = store.answers_for_participant(p.id)["trust-1"]
    assert (a.current, a.target, a.comment) == (4, 5, "changed my mind")


def test_each_answer_is_committed_at_once(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    s = Store.open(path)
    w = s.create_workshop("W", mini)
    p = s.add_participant(w.id, "A", "it")
    s.save_answer(p.id, "trust-1", 2, 3)
    # another connection (another process would do the same) sees it without any close
    other = sqlite3.connect(path)
    assert other.execute("SELECT current, target FROM answers").fetchall() == [(2, 3)]
    other.close()
    s.close()


@pytest.mark.parametrize("current,target,message", [
    (4, 2, "The target level (2) cannot be below today's level (4)"),
    (0, 3, "Today's level must be a whole number from 1 to 5, not 0."),
    (3, 6, "The target level must be a whole number from 1 to 5, not 6."),
])
def test_invalid_levels_are_refused(store, mini, current, target, message):
    w = store.create_workshop("W", mini)
    p = store.add_participant(w.id, "A", "it")
    with pytest.raises(StorageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.save_answer(p.id, "trust-1", current, target)
    assert store.answers_for_participant(p.id) == {}


def test_deleting_a_workshop_removes_its_people_and_answers(store, mini):
    w = store.create_workshop("W", mini)
    p = store.add_participant(w.id, "A", "it")
    store.save_answer(p.id, "trust-1", 2, 3)
    store.delete_workshop(w.id)
    assert store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM participants").fetchone()[0] == 0


def test_workshop_keeps_its_questionnaire_snapshot(store, mini):
    w = store.create_workshop("W", mini)
    stored = store.questionnaire_for(w.id)
    assert stored.content_hash == mini.content_hash == w.questionnaire_hash
    assert stored.item("trust-1").text == mini.item("trust-1").text


def test_odd_text_is_kept_as_typed_minus_control_characters(store, mini):
    w = store.create_workshop("  <b>R&D</b> \"Ops\"\x00 ", mini, organization="Ωμέγα 北京 Москва")
    assert w.name == '<b>R&D</b> "Ops"'
    assert w.organization == "Ωμέγα 北京 Москва"
    p = store.add_participant(w.id, "عائشة", "marketing")
    a = store.save_answer(p.id, "trust-1", 1, 2, "line one\nline two\x07")
    assert a.comment == "line one\nline two"


def _bytes(path):
    return path.read_bytes()


def test_corrupt_file_is_refused_untouched(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    before = _bytes(path)
    with pytest.raises(StorageError, match="is damaged.*left untouched"):
        Store.open(path)
    assert _bytes(path) == before


def test_truncated_database_is_refused_untouched(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    s = Store.open(path)
    w = s.create_workshop("W", mini)
    for n in range(30):
        p = s.add_participant(w.id, f"P{n}", "it")
        for item in mini.items:
            s.save_answer(p.id, item.id, 2, 3)
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    data = _bytes(path)
    damaged = data[:4096] + b"\xff" * 4096 + data[8192:]
    path.write_bytes(damaged)
    with pytest.raises(StorageError, match="damaged"):
        Store.open(path)
    assert _bytes(path) == damaged


def test_database_from_newer_tandem_is_refused_untouched(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StorageError, match="newer version of Tandem"):
        Store.open(path)
    assert _bytes(path) == before


def test_other_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StorageError, match="another program"):
        Store.open(path)
    assert _bytes(path) == before


def test_locked_database_gives_a_clear_message(tmp_path, monkeypatch):
    path = tmp_path / "t.sqlite"
    Store.open(path).close()
    monkeypatch.setattr("assessment_app.store.connection.BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="in use by another program"):
            Store.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_unwritable_location_gives_a_clear_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot be created"):
        Store.open(blocker / "sub" / "t.sqlite")


def test_facilitator_pin_is_checked_and_never_stored_in_clear(store, mini):
    w = store.create_workshop("W", mini)
    assert not store.has_pin(w.id) and store.check_pin(w.id, "")
    store.set_pin(w.id, "2468")
    assert store.has_pin(w.id)
    assert store.check_pin(w.id, "2468") and not store.check_pin(w.id, "1357")
    raw = store.db.execute("SELECT pin_hash FROM workshops").fetchone()[0]
    assert "2468" not in raw
    with pytest.raises(StorageError, match="4 to 8 digits"):
        store.set_pin(w.id, "12a")
    store.set_pin(w.id, None)
    assert not store.has_pin(w.id)


def test_version_one_database_is_migrated_keeping_its_data(tmp_path, mini):
    from assessment_app.store import migrations as storage

    path = tmp_path / "old.sqlite"
    s = Store.open(path)
    w = s.create_workshop("Kept", mini)
    s.close()
    downgrade_to_schema_1(path)
    s = Store.open(path)
    assert s.schema_version == storage.SCHEMA_VERSION
    assert s.workshop(w.id).name == "Kept" and not s.has_pin(w.id)
    s.close()


def _recount(store, workshop_id):
    counts = {p.id: 0 for p in store.participants(workshop_id)}
    for a in store.answers_for_workshop(workshop_id):
        counts[a.participant_id] += a.is_complete
    return counts


def test_completion_counts_kept_by_the_database_match_a_recount(store, mini):
    """The workshop list reads per-participant counts the database keeps up to date; every way
    an answer changes must keep them equal to counting the answers."""
    import random

    rng = random.Random(7)
    w = store.create_workshop("Counts", mini)
    people = [store.add_participant(w.id, f"P{n}", rng.choice(["marketing", "it"]))
              for n in range(4)]
    items = mini.item_ids
    for _ in range(300):
        p, item = rng.choice(people), rng.choice(items)
        move = rng.random()
        if move < 0.5:
            current = rng.randint(1, 5)
            store.save_answer(p.id, item, current, rng.choice([None, current]))
        elif move < 0.7:
            store.save_answer(p.id, item, None, None)  # don't know
        else:
            store.clear_answer(p.id, item)
        assert store.progress(w.id).counts == _recount(store, w.id)
    store.remove_participant(people[0].id)
    assert store.progress(w.id).counts == _recount(store, w.id)
    [summary] = store.workshops()
    total = len(items)
    assert summary.completed == sum(n >= total for n in _recount(store, w.id).values())


def test_upgrading_an_old_database_fills_in_the_completion_counts(tmp_path, mini):
    import sqlite3

    from assessment_app.store.database import Store
    from assessment_app.store.migrations import SCHEMA_VERSION

    from .conftest import undo_later_migrations

    path = tmp_path / "old.sqlite"
    s = Store.open(path)
    w = s.create_workshop("Old", mini)
    p = s.add_participant(w.id, "P", "it")
    for item in mini.item_ids:
        s.save_answer(p.id, item, 2, 3)
    s.close()
    conn = sqlite3.connect(path)
    undo_later_migrations(conn, 3)
    conn.execute("DROP TABLE deletions")  # what migration 5 added
    conn.execute("ALTER TABLE workshops DROP COLUMN edited_at")
    conn.execute("ALTER TABLE participants DROP COLUMN edited_at")
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER answers_finished_{trigger}")
    conn.execute("ALTER TABLE participants DROP COLUMN finished")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    s = Store.open(path)
    assert s.schema_version == SCHEMA_VERSION
    assert s.progress(w.id).counts == {p.id: len(mini.item_ids)}
    assert s.workshops()[0].completed == 1
    s.close()


def test_data_version_changes_after_another_connections_commit_only(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    s = Store.open(path)
    w = s.create_workshop("W", mini)
    p = s.add_participant(w.id, "A", "it")
    before = s.data_version()
    s.save_answer(p.id, "trust-1", 2, 3)  # this connection's own commit
    assert s.data_version() == before
    other = sqlite3.connect(path)
    other.execute("UPDATE workshops SET name = 'Renamed'")
    other.commit()
    other.close()
    assert s.data_version() != before
    s.close()
