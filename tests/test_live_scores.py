"""Live results while the room answers (``analysis/live_scores``): after one participant's
answer changes, only that participant's answers are read again, and the scores are exactly
what scoring the whole workshop from scratch gives."""

from __future__ import annotations

import random

import pytest

from assessment_app.analysis.live_scores import LiveScores
from assessment_app.analysis.summary import completion_lines
from assessment_app.analysis.workshop import load_scored_workshop
from assessment_app.store.answers import checked_answer
from assessment_app.store.database import Store


def count_answer_rows(store: Store) -> list[int]:
    """Every row the store's connection reads from ``answers`` from now on, counted: on this
    connection a temporary view of the same name stands in for the table and counts each row
    that passes through it (writes go through another connection)."""
    seen = [0]

    def tally(_row: object) -> int:
        seen[0] += 1
        return 1

    store.conn.create_function("tally_row", 1, tally)  # given a column: called once per row
    store.conn.execute("CREATE TEMP VIEW answers AS SELECT * FROM main.answers "
                       "WHERE tally_row(item_id)")
    return seen


def answer_everything(store: Store, people, items, rng: random.Random) -> None:
    with store.transaction():
        for person in people:
            for item in items:
                current = rng.choice([None, 1, 2, 3, 4, 5])
                target = None if current is None else rng.randint(current, 5)
                store.write_answer(checked_answer(person.id, item.id, current, target, ""))


@pytest.fixture
def room(store, catalog):
    """A workshop of the core questionnaire where 20 people answered every statement, and a
    second connection to the file, as the phone server or another window has."""
    core = catalog.get("core")
    workshop = store.create_workshop("W", core)
    people = [store.add_participant(workshop.id, f"P{n}", ("marketing", "it")[n % 2])
              for n in range(20)]
    answer_everything(store, people, core.items, random.Random(1))
    other = Store.another(store.path)
    yield workshop, people, core, other
    other.close()


def test_one_changed_answer_rereads_only_that_participants_answers(store, catalog, room):
    workshop, people, core, other = room
    rows = count_answer_rows(store)
    live = LiveScores(workshop.id, catalog.actions)
    live.update(store)
    assert rows[0] == len(people) * len(core.items)  # the first look reads everything

    rows[0] = 0
    other.save_answer(people[3].id, core.items[7].id, 1, 5, "changed on a phone")
    scored = live.update(store)
    assert 0 < rows[0] <= len(core.items)  # one participant's answers, not the room's
    assert scored.scores.item(core.items[7].id).roles["it"].min == 1

    rows[0] = 0
    live.update(store)
    assert rows[0] == 0  # nothing changed, nothing read


def test_live_scores_equal_a_full_scoring_through_random_changes(store, catalog, room):
    workshop, people, core, other = room
    rng = random.Random(25)
    live = LiveScores(workshop.id, catalog.actions)
    people = list(people)
    for step in range(60):
        for _ in range(rng.randint(1, 3)):
            change = rng.random()
            if change < 0.6 and people:
                person, item = rng.choice(people), rng.choice(core.items)
                current = rng.choice([None, 1, 2, 3, 4, 5])
                target = None if current is None else rng.choice([None, rng.randint(current, 5)])
                other.save_answer(person.id, item.id, current, target,
                                  rng.choice(["", "a comment"]))
            elif change < 0.75 and people:
                person = rng.choice(people)
                other.clear_answer(person.id, rng.choice(core.items).id)
            elif change < 0.85 and people:
                person = rng.choice(people)
                role = "it" if person.role == "marketing" else "marketing"
                other.update_participant(person.id, person.name, role, "")
                people[people.index(person)] = other.participant(person.id)
            elif change < 0.93:
                people.append(other.add_participant(workshop.id, f"New {step}", "it"))
            elif people:
                person = people.pop(rng.randrange(len(people)))
                other.remove_participant(person.id)
        assert live.update(store) == load_scored_workshop(store, workshop.id, catalog.actions)


@pytest.fixture
def shown_results(store, mini, main_window):
    """The results screen on a workshop where ten people answered every statement."""
    workshop = store.create_workshop("W", mini)
    people = [store.add_participant(workshop.id, f"P{n}", ("marketing", "it")[n % 2])
              for n in range(10)]
    answer_everything(store, people, mini.items, random.Random(2))
    main_window.changes._timer.stop()  # the test says when the window looks
    main_window.show_results(workshop.id)
    other = Store.another(store.path)  # the phone server's connection
    yield workshop, people, other
    other.close()


def test_the_results_screen_rereads_only_the_participant_who_answered(
        store, mini, mini_catalog, main_window, shown_results):
    workshop, people, other = shown_results
    results = main_window.results
    rows = count_answer_rows(store)
    other.save_answer(people[2].id, "meet-1", 5, 5)  # an answer from a phone
    assert main_window.changes.check_other_writers()
    assert results.scores.item("meet-1").roles["marketing"].max == 5  # shown at once
    assert 0 < rows[0] <= len(mini.items)
    full = load_scored_workshop(store, workshop.id, mini_catalog.actions)
    assert (results.scores, results.answers) == (full.scores, full.answers)


def test_many_changes_are_scored_in_a_thread_and_shown_when_done(
        qtbot, store, mini, mini_catalog, main_window, shown_results):
    workshop, people, other = shown_results
    results = main_window.results
    assert results.scores.item("data-1").roles["it"].max != 1
    for person in people:  # everyone answers between two looks
        other.save_answer(person.id, "data-1", 1, 2)
    assert main_window.changes.check_other_writers()
    assert results.scores.item("data-1").roles["it"].max != 1  # the window did not wait
    qtbot.waitUntil(lambda: results.scores.item("data-1").roles["it"].max == 1, timeout=5000)
    full = load_scored_workshop(store, workshop.id, mini_catalog.actions)
    assert (results.scores, results.answers) == (full.scores, full.answers)
    assert results.status.text() == f"10 of {len(people)} participants finished"


def test_the_screens_sentences_are_made_in_the_thread_with_the_scores(
        qtbot, store, mini, mini_catalog, main_window, shown_results):
    """Headlines, findings and the heat map's rows (about 13 ms a refresh) are made where the
    scores are, so the UI thread only shows them while a room answers."""
    import threading

    workshop, people, other = shown_results
    results = main_window.results
    made_in: list[str] = []
    prepare = results.feed.prepare

    def recording(scored):
        made_in.append(threading.current_thread().name)
        return prepare(scored)

    results.feed.prepare = recording
    for person in people:  # everyone answers between two looks
        other.save_answer(person.id, "data-1", 1, 2)
    assert main_window.changes.check_other_writers()
    qtbot.waitUntil(lambda: results.scores.item("data-1").roles["it"].max == 1, timeout=5000)
    assert made_in and threading.main_thread().name not in made_in
    full = load_scored_workshop(store, workshop.id, mini_catalog.actions)
    assert results.completion.text() == "   ".join(completion_lines(full))
