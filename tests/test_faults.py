"""Faults of the database and its disk, said in one sentence and handled early (issue 14): a
damaged file, a full disk, a damaged backup chosen in File › Restore, an emptied database
whose backups hold workshops, and backups in a folder whose name looks like URI syntax."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from assessment_app import cli
from assessment_app.errors import DatabaseDamaged, StorageError
from assessment_app.rules.dates import day_text
from assessment_app.store import backups, faults
from assessment_app.store.database import Store
from assessment_app.store.migrations import SCHEMA_VERSION

from .conftest import downgrade_to_schema_1


def filled(path: Path, mini) -> tuple[Store, str]:
    s = Store.open(path)
    w = s.create_workshop("Saved", mini)
    for n in range(20):
        p = s.add_participant(w.id, f"Person {n}", "it")
        for item in mini.items:
            s.save_answer(p.id, item.id, 2, 3, "a comment " * 5)
    return s, w.id


def damage_quietly(path: Path) -> None:
    """Damage a closed database so that SQLite opens it but its quick check fails (a leaf
    page's fragment count is wrong): SQLite then reports over several lines."""
    data = bytearray(path.read_bytes())
    page = next(n for n in range(1, len(data) // 4096) if data[n * 4096] == 13)
    data[page * 4096 + 7] = 40
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    report = conn.execute("PRAGMA quick_check").fetchone()[0]
    conn.close()
    assert "\n" in report and "Fragmentation" in report


def one_sentence(message: str) -> None:
    assert "\n" not in message and len(message) < 300, message
    assert message.count(". ") == 0 and message.endswith("."), message


# -- a damaged database ----------------------------------------------------------------------


def test_a_damaged_database_is_one_sentence(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    s, _ = filled(path, mini)
    s.close()
    damage_quietly(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged) as refused:
        Store.open(path)
    message = str(refused.value)
    one_sentence(message)  # was three lines: SQLite's page-by-page report
    assert message == (f"The database {path} is damaged; it was left untouched: open the "
                       "Tandem app to bring back its newest good backup, or choose another "
                       "file with --db.")
    assert path.read_bytes() == before


def test_a_damaged_database_in_the_terminal(tmp_path, mini, capsys):
    path = tmp_path / "t.sqlite"
    s, _ = filled(path, mini)
    s.close()
    damage_quietly(path)
    assert cli.main(["--db", str(path), "workshops"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged; it was left untouched" in err


@pytest.mark.parametrize("error", ["database disk image is malformed", "file is not a database"])
def test_sqlite_damage_reports_are_one_sentence(error):
    one_sentence(str(faults.describe(sqlite3.DatabaseError(error), "/x/t.sqlite")))


# -- a full disk -------------------------------------------------------------------------------


def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    return exc


def test_a_full_disk_says_so_when_sqlite_says_disk_io_error(monkeypatch):
    """On a full disk SQLite often fails growing the WAL index (SQLITE_IOERR_SHMSIZE, 4874),
    reported as "disk I/O error": measured on a 300 KB tmpfs, every command said "check the
    drive". With next to no free space, that is a full disk."""
    monkeypatch.setattr(faults, "free_bytes", lambda path: 0)
    message = str(faults.describe(sqlite_error("disk I/O error", 4874), "/x/t.sqlite"))
    assert message == ("The disk holding /x/t.sqlite is full (0 bytes free): free some space, "
                       "then try again; nothing already saved was lost.")
    one_sentence(message)
    monkeypatch.setattr(faults, "free_bytes", lambda path: 50 * 2**30)  # a real fault
    message = str(faults.describe(sqlite_error("disk I/O error", 778), "/x/t.sqlite"))
    assert "reported an error" in message and "check the drive" in message


def test_sqlite_full_is_a_full_disk(monkeypatch):
    monkeypatch.setattr(faults, "free_bytes", lambda path: 12 * 1024)
    message = str(faults.describe(sqlite_error("database or disk is full", 13), "/x/t.sqlite"))
    assert message.startswith("The disk holding /x/t.sqlite is full (12 KB free): ")
    one_sentence(message)


def test_a_database_that_cannot_grow_says_the_disk_is_full(store, mini):
    """SQLite's own page limit gives a real SQLITE_FULL through the store's every write."""
    w = store.create_workshop("W", mini)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageError, match="is full") as refused:
        for n in range(200):
            store.add_participant(w.id, f"P{n} " + "x" * 150, "it")
    assert "check the drive" not in str(refused.value)


def test_a_backup_on_a_full_disk_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "free_bytes", lambda path: 0)
    message = str(backups._not_written(tmp_path, OSError(errno.ENOSPC, "No space left")))
    assert message == (f"The disk holding {tmp_path} is full (0 bytes free), so no backup could "
                       "be made: free some space, then try again; nothing already saved was "
                       "lost.")


# -- restoring a backup --------------------------------------------------------------------------


@pytest.fixture
def restoring(qtbot, tmp_path, mini, monkeypatch):
    """A database with its data, a backup of it, and File › Restore answered by the test."""
    from PySide6.QtWidgets import QWidget

    from assessment_app.ui import data_actions, dialogs
    from assessment_app.ui.operations import Operations

    s, workshop_id = filled(tmp_path / "t.sqlite", mini)
    saved = s.backup("manual")
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)

    def restore(backup) -> bool:
        monkeypatch.setattr(data_actions, "ask_backup", lambda parent, found: backup)
        return data_actions.restore_from_backup(parent, Operations(s))

    yield s, workshop_id, saved, restore, told
    s.close()


def test_restore_refuses_a_damaged_backup(restoring):
    s, workshop_id, saved, restore, told = restoring
    damage_quietly(saved.path)
    answers = len(s.answers_for_workshop(workshop_id))
    made = len(backups.list_backups(s.path))
    assert restore(saved) is False
    assert told == [f"The backup from {day_text(saved.made_at.date())} at "
                    f"{saved.made_at:%H:%M} ({saved.path.name}) is damaged, so it was not "
                    "restored and nothing was changed: choose an earlier backup."]
    assert len(s.answers_for_workshop(workshop_id)) == answers  # the good data stays
    assert s.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert len(backups.list_backups(s.path)) == made  # not even a "before restore" backup


def test_the_store_refuses_a_damaged_backup_too(tmp_path, mini):
    s, workshop_id = filled(tmp_path / "t.sqlite", mini)
    saved = s.backup("manual")
    damage_quietly(saved.path)
    with pytest.raises(StorageError, match="is damaged, so it was not restored"):
        s.restore(saved)
    assert s.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    s.close()


def test_a_backup_of_another_program_or_a_newer_tandem_is_not_good(tmp_path):
    other = tmp_path / "backups" / "tandem-1.sqlite"
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    assert not backups.is_good(backups.Backup(other, None, "x", 0, 0))  # type: ignore[arg-type]
    conn = sqlite3.connect(other)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    for table in ("workshops", "participants", "answers"):
        conn.execute(f"CREATE TABLE {table} (x)")
    conn.commit()
    conn.close()
    assert not backups.is_good(backups.Backup(other, None, "x", 0, 0))  # type: ignore[arg-type]


def test_restoring_a_backup_from_before_an_upgrade_upgrades_it(restoring):
    """A "before upgrade" backup holds the older schema: restored as it was, the running app
    failed on the next write (KeyError: 'edited_at')."""
    s, workshop_id, saved, restore, told = restoring
    downgrade_to_schema_1(saved.path)
    s.update_workshop(workshop_id, name="Renamed")
    assert restore(saved) is True
    assert s.schema_version == SCHEMA_VERSION
    s.update_workshop(workshop_id, name="Again")
    assert s.workshop(workshop_id).name == "Again"


def test_backups_in_a_folder_named_like_uri_syntax(tmp_path, mini):
    """A backup was read as a file: URI, so "?" or "#" in a folder name cut its path short and
    every backup there looked damaged."""
    folder = tmp_path / "Q3 ? review #2 100%"
    s, workshop_id = filled(folder / "t.sqlite", mini)
    saved = s.backup("manual")
    assert backups.is_good(saved)
    s.delete_workshop(workshop_id)
    s.restore(saved)
    assert s.workshop(workshop_id).name == "Saved"
    s.close()


# -- an emptied database -------------------------------------------------------------------------


def emptied(tmp_path: Path, mini) -> tuple[Path, str]:
    path = tmp_path / "t.sqlite"
    s, workshop_id = filled(path, mini)
    s.backup("start-up")
    s.close()
    path.write_bytes(b"")  # a failed copy, a sync tool
    return path, workshop_id


def test_an_empty_file_whose_backups_hold_workshops_is_damaged(tmp_path, mini, capsys):
    """It was silently started again as a new, empty database."""
    path, _ = emptied(tmp_path, mini)
    with pytest.raises(DatabaseDamaged) as refused:
        Store.open(path)
    one_sentence(str(refused.value))
    assert str(refused.value) == (
        f"The database {path} is empty (0 bytes), yet its backups hold 1 workshop; it was "
        "left untouched: open the Tandem app to bring back its newest good backup, or choose "
        "another file with --db.")
    assert path.read_bytes() == b""
    assert cli.main(["--db", str(path), "workshops"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err == f"tandem: {refused.value}\n"


def test_the_window_offers_the_newest_good_backup_for_an_empty_file(tmp_path, mini,
                                                                      monkeypatch):
    from assessment_app.ui import dialogs
    from assessment_app.ui.app import open_store_or_recover

    path, workshop_id = emptied(tmp_path, mini)
    offers: list[str] = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda parent, title, text, action:
                        offers.append(text) or True)
    recovered = open_store_or_recover(path)
    assert offers[0].startswith(f"The database {path} is empty (0 bytes), yet its backups hold "
                                "1 workshop.\n\nRestore its newest good backup, from ")
    assert recovered.workshop(workshop_id).name == "Saved"
    [aside] = tmp_path.glob("t.sqlite.damaged-*")
    assert aside.read_bytes() == b""  # kept, never deleted
    recovered.close()


def test_a_new_or_unrelated_empty_file_still_opens(tmp_path, mini):
    assert Store.open(tmp_path / "new.sqlite").workshops() == []  # no backups at all
    path, _ = emptied(tmp_path, mini)
    other = tmp_path / "other.sqlite"  # a backup of t.sqlite is not one of other.sqlite
    other.write_bytes(b"")
    assert Store.open(other).workshops() == []
    # backups of an empty database hold no workshop: a new file is nothing lost
    fresh = tmp_path / "fresh" / "f.sqlite"
    s = Store.open(fresh)
    s.backup("manual")
    s.close()
    fresh.write_bytes(b"")
    assert Store.open(fresh).workshops() == []


def test_restoring_says_the_backups_day_in_the_readers_language(restoring):
    from assessment_app.i18n import speaking
    from assessment_app.rules.dates import day_text

    s, workshop_id, saved, restore, told = restoring
    with speaking("de"):
        assert restore(saved) is True
        day = day_text(saved.made_at.date())  # 5. Dezember 2026
    assert f"Stand vom {day} um {saved.made_at:%H:%M}." in told[-1]


def test_the_damaged_database_prompt_gives_the_backups_day_in_german(tmp_path, mini,
                                                                      monkeypatch):
    from assessment_app.i18n import speaking
    from assessment_app.rules.dates import day_text
    from assessment_app.ui import dialogs
    from assessment_app.ui.app import open_store_or_recover

    path, _ = emptied(tmp_path, mini)
    good = backups.list_backups(path)[0]  # the newest, the one offered
    offers: list[str] = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda parent, title, text, action:
                        offers.append(text) or False)
    with speaking("de"):
        assert open_store_or_recover(path) is None
        day = day_text(good.made_at.date())
    assert f"Sicherung vom {day} um {good.made_at:%H:%M} (" in offers[0]


def test_a_damaged_backup_is_named_by_its_day_as_the_reader_writes_it(tmp_path, mini):
    """The refusal names the backup by its day in words, in German too, never 2026-12-05."""
    from assessment_app.i18n import speaking

    s, _workshop_id = filled(tmp_path / "t.sqlite", mini)
    saved = s.backup("manual")
    damage_quietly(saved.path)
    with speaking("de"), pytest.raises(StorageError) as refused:
        s.restore(saved)
    with speaking("de"):
        day = day_text(saved.made_at.date())
    said = str(refused.value)
    assert f"Die Sicherung vom {day} um {saved.made_at:%H:%M} (" in said, said
    assert f"{saved.made_at:%Y-%m-%d}" not in said
    s.close()
