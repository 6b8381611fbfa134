"""One answer rule, every door: the store, bundle import, the phone page (a real server) and the
kiosk (its session and its writer thread) refuse the same bad answers with the same sentence,
and store nothing of them."""

from __future__ import annotations

import dataclasses
import json

import pytest

from assessment_app.analysis.answering import AnsweringSession, AnswerRefused
from assessment_app.errors import BundleError, StorageError
from assessment_app.exchange.bundle_export import export_bundle
from assessment_app.exchange.bundle_import import apply_import
from assessment_app.exchange.bundle_merge import plan_import
from assessment_app.rules.answers import answer_problem
from assessment_app.rules.levels import DONT_KNOW_WITH_TARGET
from assessment_app.rules.text import COMMENT_MAX_CHARS
from assessment_app.store.database import Store

ITEM = "trust-1"
LONG = "c" * (COMMENT_MAX_CHARS + 1)

# (what, today's level, target, comment)
BAD = [
    ("level 0", 0, None, ""),
    ("level 6", 6, None, ""),
    ("level 1000", 1000, None, ""),
    ("the text '3'", "3", None, ""),
    ("true", True, None, ""),
    ("a target below today", 4, 2, ""),
    ("don't know with a target", None, 3, ""),
    ("an over-long comment", 3, 4, LONG),
]


def sentence(current, target, comment) -> str:
    problem = answer_problem(current, target, comment)
    assert problem is not None
    return problem.sentence


def test_dont_know_with_a_target_has_its_own_sentence():
    assert sentence(None, 3, "") == DONT_KNOW_WITH_TARGET
    assert answer_problem(None, None, "") is None  # don't know alone is an answer


@pytest.fixture
def room(tmp_path, mini):
    store = Store.open(tmp_path / "tandem.sqlite")
    workshop = store.create_workshop("Doors", mini)
    ana = store.add_participant(workshop.id, "Ana", "marketing")
    yield store, workshop, ana, tmp_path / "tandem.sqlite"
    store.close()


@pytest.mark.parametrize("what,current,target,comment", BAD, ids=[b[0] for b in BAD])
def test_the_store_refuses(room, what, current, target, comment):
    store, _, ana, _ = room
    with pytest.raises(StorageError) as refused:
        store.save_answer(ana.id, ITEM, current, target, comment)
    assert str(refused.value) == sentence(current, target, comment)
    assert store.answers_for_participant(ana.id) == {}


@pytest.mark.parametrize("what,current,target,comment", BAD, ids=[b[0] for b in BAD])
def test_bundle_import_refuses(room, mini_catalog, what, current, target, comment):
    store, workshop, ana, _ = room
    store.save_answer(ana.id, ITEM, 2, 3, "fine")
    data = json.loads(json.dumps(export_bundle(store, workshop.id)))
    data["answers"][0].update(current=current, target=target, comment=comment)
    elsewhere = Store.in_memory()  # another laptop
    with pytest.raises(BundleError) as refused:
        apply_import(elsewhere, plan_import(elsewhere, data, mini_catalog))
    assert sentence(current, target, comment).rstrip(".") in str(refused.value)
    assert elsewhere.workshops() == []
    elsewhere.close()


@pytest.mark.parametrize("what,current,target,comment", BAD, ids=[b[0] for b in BAD])
def test_the_phone_page_refuses(room, mini_catalog, what, current, target, comment):
    from assessment_app.web.server import AnswerServer

    from .test_web_server import answer, stored  # the same HTTP calls the server tests make

    store, workshop, ana, path = room
    server = AnswerServer(path, workshop.id, mini_catalog)
    server.start()
    try:
        status, _, body = answer(server, ana.id, ITEM, current, target, comment)
    finally:
        server.stop()
    assert status == 400
    assert json.loads(body)["error"] == sentence(current, target, comment)
    assert stored(path, ana.id) == {}


def _kiosk_try(session: AnsweringSession, current, target, comment) -> None:
    """The bad answer as the kiosk's keys would give it: a level today (with the comment), or
    a target after today's level or after "don't know"."""
    if target is None:
        session.choose_current(current, comment)
    elif current is None:
        session.choose_dont_know()
        session.choose_target(target, comment)
    else:
        session.choose_current(current)
        session.choose_target(target, comment)


@pytest.mark.parametrize("what,current,target,comment", BAD, ids=[b[0] for b in BAD])
def test_the_kiosk_session_refuses(room, what, current, target, comment):
    store, _, ana, _ = room
    session = AnsweringSession.start(store, ana.id)
    with pytest.raises((StorageError, AnswerRefused)) as refused:
        _kiosk_try(session, current, target, comment)
    assert str(refused.value) == sentence(current, target, comment)
    kept = store.answers_for_participant(ana.id).get(ITEM)
    assert kept is None or (kept.current, kept.target, kept.comment) != (current, target,
                                                                         comment)
    assert kept is None or kept.target is None  # what came before the refusal, nothing more
    assert session.answers.get(ITEM) == kept


@pytest.mark.parametrize("what,current,target,comment", BAD, ids=[b[0] for b in BAD])
def test_the_kiosk_writer_refuses_before_queuing(qapp, room, what, current, target, comment):
    from assessment_app.ui.answer_writer import AnswerWriter

    store, _, ana, path = room
    writer = AnswerWriter(str(path))
    try:
        with pytest.raises(StorageError) as refused:
            writer.save(ana.id, ITEM, current, target, comment)
        assert writer.pending == 0
    finally:
        writer.close()
    assert str(refused.value) == sentence(current, target, comment)
    assert store.answers_for_participant(ana.id) == {}


def test_the_database_refuses_a_target_beside_dont_know_and_an_upgrade_keeps_the_answer(
        tmp_path, mini):
    """Migration 9: a don't-know answer an older Tandem stored with a target keeps everything
    the person said (don't know, the comment, the time) and loses only the target; the
    finished counts stay right, and the database itself refuses such a row from then on."""
    import sqlite3

    from assessment_app.store.migrations import SCHEMA_VERSION

    from .conftest import undo_later_migrations

    path = tmp_path / "old.sqlite"
    s = Store.open(path)
    w = s.create_workshop("Old", mini)
    p = s.add_participant(w.id, "P", "it")
    for item in mini.item_ids[1:]:
        s.save_answer(p.id, item, 2, 3, "kept")
    s.close()
    conn = sqlite3.connect(path)
    undo_later_migrations(conn, 8)
    conn.execute("INSERT INTO answers VALUES (?, ?, NULL, 4, 'no idea', "
                 "'2026-05-01T10:00:00.000+00:00')", [p.id, mini.item_ids[0]])
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()

    s = Store.open(path)
    assert s.schema_version == SCHEMA_VERSION
    answers = s.answers_for_participant(p.id)
    dont_know = answers[mini.item_ids[0]]
    assert (dont_know.current, dont_know.target, dont_know.comment, dont_know.answered_at) == (
        None, None, "no idea", "2026-05-01T10:00:00.000+00:00")
    assert all((a.current, a.target, a.comment) == (2, 3, "kept")
               for item, a in answers.items() if item != mini.item_ids[0])
    assert s.progress(w.id).counts == {p.id: len(mini.item_ids)}
    assert s.workshops()[0].completed == 1
    for current, target in ((None, 4), (0, None), (3, 6), (4, 2)):
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute("INSERT OR REPLACE INTO answers (participant_id, item_id, current, "
                           "target, comment, answered_at) VALUES (?, ?, ?, ?, '', "
                           "'2026-05-02T10:00:00.000+00:00')",
                           [p.id, mini.item_ids[0], current, target])
    s.close()


@pytest.mark.parametrize("field,value", [("owner", "ceo"), ("horizon", "someday"),
                                         ("due", "1999-12-31"), ("status", "forgotten")])
def test_a_plan_field_is_refused_with_one_sentence_by_the_screen_and_the_store(
        room, catalog, field, value):
    from assessment_app.analysis.plan import edited, load_plan, saved_rows
    from assessment_app.errors import TandemError
    from assessment_app.rules.plan_fields import plan_sentence

    store, workshop, _, _ = room
    plan = load_plan(store, workshop.id, catalog.actions)
    expected = plan_sentence(field, value)
    assert expected
    with pytest.raises(TandemError) as on_screen:
        edited(plan[0], **{field: value})
    rows = saved_rows(plan)
    rows[0] = dataclasses.replace(rows[0], **{field: value})
    with pytest.raises(StorageError) as in_store:
        store.save_plan_rows(workshop.id, rows)
    assert str(on_screen.value) == str(in_store.value) == expected
    assert store.plan_rows(workshop.id) == []
