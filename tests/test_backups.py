"""Backups: taken when data changed and before migrations, pruned, restorable, and used to
recover a damaged file without deleting it."""

from __future__ import annotations

import sqlite3

from assessment_app.store import backups
from assessment_app.store.database import Store
from tests.conftest import downgrade_to_schema_1


def filled_store(path, mini, answers=2):
    s = Store.open(path)
    w = s.create_workshop("W", mini)
    p = s.add_participant(w.id, "Ann", "it")
    for item in mini.items[:answers]:
        s.save_answer(p.id, item.id, 2, 3)
    return s, w, p


def test_startup_backup_only_when_data_changed(tmp_path, mini):
    s, w, p = filled_store(tmp_path / "t.sqlite", mini)
    first = backups.backup_if_changed(s.conn, s.path)
    assert first is not None and first.answers == 2
    assert backups.backup_if_changed(s.conn, s.path) is None
    s.save_answer(p.id, mini.items[3].id, 1, 1)
    second = backups.backup_if_changed(s.conn, s.path)
    assert second is not None and second.answers == 3
    assert [b.path for b in backups.list_backups(s.path)] == [second.path, first.path]


def test_empty_database_is_not_backed_up(tmp_path):
    s = Store.open(tmp_path / "t.sqlite")
    assert backups.backup_if_changed(s.conn, s.path) is None


def test_only_the_newest_are_kept(tmp_path, mini):
    s, *_ = filled_store(tmp_path / "t.sqlite", mini)
    for n in range(5):
        backups.make_backup(s.conn, s.path, f"manual {n}", keep=3)
    assert [b.reason for b in backups.list_backups(s.path)] == ["manual 4", "manual 3",
                                                                "manual 2"]


def test_backup_is_taken_before_a_migration(tmp_path, mini):
    path = tmp_path / "old.sqlite"
    s, w, _ = filled_store(path, mini)
    s.close()
    downgrade_to_schema_1(path)
    Store.open(path).close()
    [b] = backups.list_backups(path)
    assert b.reason == "before upgrade from schema 1" and b.answers == 2
    copy = sqlite3.connect(b.path)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    copy.close()


def test_restore_brings_data_back_and_keeps_a_copy_of_the_present(tmp_path, mini):
    s, w, p = filled_store(tmp_path / "t.sqlite", mini)
    saved = s.backup("manual")
    s.delete_workshop(w.id)
    s.restore(saved)
    assert s.workshop(w.id).name == "W" and len(s.answers_for_participant(p.id)) == 2
    assert [b.reason for b in backups.list_backups(s.path)][:1] == ["before restore"]
    assert backups.list_backups(s.path)[0].workshops == 0


def test_damaged_database_is_recovered_from_the_newest_good_backup(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    s, w, _ = filled_store(path, mini)
    good = s.backup("start-up")
    s.close()
    path.write_bytes(b"\x00garbage" * 1000)
    assert backups.is_good(good)
    aside = backups.recover_file(path, good)
    assert aside.read_bytes() == b"\x00garbage" * 1000  # kept, never deleted
    assert Store.open(path).workshop(w.id).name == "W"
