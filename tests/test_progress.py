"""Finished means one thing everywhere: every item answered, and at least one item. Every
screen that counts (the workshop list and page, the join screen, the serving sign, the main
window's question before it stops serving, the phone server, the PDFs' summary) reads
``Store.progress``; a questionnaire snapshot of no items finishes nobody."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assessment_app.analysis.summary import completion_lines
from assessment_app.analysis.workshop import load_scored_workshop


@pytest.fixture
def room(store, mini):
    w = store.create_workshop("W", mini)
    done = store.add_participant(w.id, "Done", "marketing")
    some = store.add_participant(w.id, "Some", "it")
    none = store.add_participant(w.id, "None", "it")
    for item in mini.items:
        store.save_answer(done.id, item.id, 2, 3)
    store.save_answer(some.id, mini.items[0].id, None, None)  # don't know counts as done
    return w, done, some, none


def test_progress_counts_complete_answers_and_who_finished(store, mini, room):
    w, done, some, none = room
    progress = store.progress(w.id)
    total = len(mini.items)
    assert progress.total == total
    assert [(p.done, p.finished) for p in progress.people.values()] == [
        (total, True), (1, False), (0, False)]
    assert (progress.count, progress.finished(), progress.left) == (3, 1, 2)
    assert progress.finished([some.id, none.id]) == 0
    assert store.workshops()[0].completed == 1


def test_nobody_finishes_a_questionnaire_of_no_items(qapp, store, mini_catalog, room):
    from assessment_app.ui.join_screen import progress_text
    from assessment_app.ui.models import ParticipantsModel

    w, done, some, none = room
    scored = load_scored_workshop(store, w.id, mini_catalog.actions)
    with store.transaction():  # the snapshot the workshop keeps, emptied of its items
        store.conn.execute("UPDATE questionnaires SET content = "
                           "json_set(content, '$.items', json('[]'))")
    progress = store.progress(w.id)
    assert progress.total == 0
    assert progress.finished() == 0 and progress.left == 3
    assert not any(p.finished for p in progress.people.values())
    assert store.workshops()[0].completed == 0  # the workshop list

    model = ParticipantsModel(store)  # the workshop page and the join screen
    model.set_workshop(w.id)
    assert model.finished() == 0
    assert not any("✓" in model.data(model.index(row, 3)) for row in range(model.rowCount()))
    assert not any(progress_text(model.progress_of(p.id)).startswith("✓")
                   for p in (done, some, none))

    lines = completion_lines(replace(scored, progress=progress))  # the PDFs' summary
    assert not any("every statement" in line for line in lines), lines
    assert replace(scored, progress=progress).finished() == 0
