"""Shared fixtures. Qt runs offscreen and no test touches the real per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
MINI_DIR = DATA / "mini"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """The suite runs in English whatever the machine's language, unless a test asks for
    another (and the window's language preference defaults to English here too)."""
    from assessment_app import i18n

    monkeypatch.setenv("LANGUAGE", "en")
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture
def mini_catalog():
    from assessment_app.content.catalog import load_catalog

    catalog = load_catalog(MINI_DIR)
    assert catalog.problems == []
    return catalog


@pytest.fixture
def mini(mini_catalog):
    return mini_catalog.get("mini")


@pytest.fixture(scope="session")
def catalog():
    """The questionnaires, glossary and actions as installed, loaded once for the run."""
    from assessment_app.content.catalog import load_catalog

    return load_catalog()


@pytest.fixture
def installed_catalog():
    from assessment_app.content.catalog import load_catalog

    return load_catalog()


@pytest.fixture
def store(tmp_path):
    from assessment_app.store.database import Store

    s = Store.open(tmp_path / "tandem.sqlite")
    yield s
    s.close()


def undo_later_migrations(conn, version: int) -> None:
    """Undo what the migrations after ``version`` (from 6 on) added, on an open connection."""
    if version < 17:
        conn.execute("ALTER TABLE workshops DROP COLUMN report_language")
    if version < 16:
        conn.execute("ALTER TABLE answers DROP COLUMN language")
        conn.execute("ALTER TABLE round2_answers DROP COLUMN language")
    if version < 15:
        conn.execute("ALTER TABLE workshops DROP COLUMN privacy_threshold")
    if version < 14:
        conn.execute("DROP INDEX participants_workshop")
        conn.execute("CREATE INDEX participants_workshop ON participants(workshop_id)")
    if version < 13:
        conn.execute("ALTER TABLE workshops DROP COLUMN follows")
        conn.execute("ALTER TABLE participants DROP COLUMN person")
    if version < 12:
        for table in ("consensus_rounds", "round2_answers", "decisions", "votes"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
    if version < 11:
        for event in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER answers_version_{event}")
        conn.execute("ALTER TABLE participants DROP COLUMN answers_version")
    if version < 10:
        conn.execute("ALTER TABLE plan_entries DROP COLUMN edited_at")
    if version < 9:  # the answers table as migration 1 made it, with migration 4's triggers
        from assessment_app.store.migrations import _finished_triggers

        conn.execute("""
            CREATE TABLE answers_before_9 (
                participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                current INTEGER CHECK (current IS NULL OR current BETWEEN 1 AND 5),
                target INTEGER CHECK (target IS NULL OR target BETWEEN 1 AND 5),
                comment TEXT NOT NULL DEFAULT '',
                answered_at TEXT NOT NULL,
                PRIMARY KEY (participant_id, item_id),
                CHECK (current IS NULL OR target IS NULL OR target >= current)
            )""")
        conn.execute("INSERT INTO answers_before_9 SELECT * FROM answers")
        conn.execute("DROP TABLE answers")
        conn.execute("ALTER TABLE answers_before_9 RENAME TO answers")
        _finished_triggers(conn)
    if version < 8:
        conn.execute("DROP TABLE IF EXISTS join_tokens")
    if version < 7:
        conn.execute("ALTER TABLE workshops DROP COLUMN plan_agreed_at")
        conn.execute("ALTER TABLE plan_entries DROP COLUMN accountable")
        conn.execute("ALTER TABLE plan_entries DROP COLUMN status")


def downgrade_to_schema_1(path) -> None:
    """Turn a current database back into what Tandem's first schema wrote."""
    import sqlite3

    conn = sqlite3.connect(path)
    undo_later_migrations(conn, 6)
    conn.execute("DROP TABLE IF EXISTS pin_attempts")
    conn.execute("DROP TABLE deletions")
    conn.execute("ALTER TABLE workshops DROP COLUMN edited_at")
    conn.execute("ALTER TABLE participants DROP COLUMN edited_at")
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER answers_finished_{trigger}")
    conn.execute("ALTER TABLE participants DROP COLUMN finished")
    conn.execute("ALTER TABLE workshops DROP COLUMN pin_hash")
    conn.execute("DROP TABLE plan_entries")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


@pytest.fixture
def main_window(qtbot, store, mini_catalog):
    """The facilitator's window on the test database, shown."""
    from assessment_app.ui.main_window import MainWindow

    window = MainWindow(store, mini_catalog)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless (never a downloaded browser), for the answering page's
    tests; one per test module."""
    from tests.test_answering_browser import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
