"""Re-rating and voting in the kiosk (issue 27): while the consensus round is open, handing the
laptop over shows only the chosen statements, each with the person's own round-1 answer ("In
round 1 you said 2"), with the same choices and save rules as round 1; round 1 stays byte for
byte; after the review come the dots on actions, within the dots per person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessment_app.analysis.answering import AnsweringSession, round_one_said
from assessment_app.analysis.consensus_view import open_consensus
from assessment_app.errors import TandemError
from assessment_app.rules.records import Answer
from assessment_app.store.database import Store
from tests.consensus_room import build_room
from tests.test_consensus import round_one_hash


@pytest.fixture
def room(tmp_path, catalog):
    store = Store.open(tmp_path / "tandem.sqlite")
    workshop_id, people = build_room(store, catalog.get("core"))
    open_consensus(store, workshop_id)
    yield store, workshop_id, people
    store.close()


@pytest.mark.parametrize("answer,said", [
    (Answer("p", "x", 2, 4, "", "t"), "In round 1 you said 2 (Emerging), target 4."),
    (Answer("p", "x", None, None, "", "t"), "In round 1 you said you don't know."),
    (None, "You did not answer this statement in round 1."),
])
def test_the_reminder_of_round_one_is_one_sentence(answer, said):
    assert round_one_said(answer) == said


def kiosk(qtbot, store, pid, catalog):
    from assessment_app.ui.answering_window import AnsweringWindow

    window = AnsweringWindow(AnsweringSession.start(store, pid), catalog.glossary,
                             actions=list(catalog.actions))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_kiosk_rerates_only_the_chosen_statements_beside_round_one(qtbot, room, catalog):
    store, wid, people = room
    before = round_one_hash(store, wid)
    chosen = store.round_state(wid).items
    pid = people["Ivo Jansen"]
    first = store.answers_for_participant(pid)[chosen[0]]
    window = kiosk(qtbot, store, pid, catalog)
    assert window.position.text() == f"Statement 1 of {len(chosen)}"
    note = window.question_page.round_note
    assert note.isVisible() and note.text() == round_one_said(first)
    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.keyClick(window, Qt.Key.Key_R)  # target 4
    window.writer.wait()
    again = store.answers_for_participant(pid, round_no=2)[chosen[0]]
    assert (again.current, again.target) == (2, 4)
    assert window.saved.text() == "✓ Saved"
    qtbot.keyClick(window, Qt.Key.Key_Q)  # a target below today: refused as in round 1
    assert "below" in window.message.text()
    assert store.answers_for_participant(pid, round_no=2)[chosen[0]].target == 4
    assert round_one_hash(store, wid) == before
    assert store.answers_for_participant(pid)[chosen[0]] == first


def test_the_kiosk_votes_within_the_dots_per_person(qtbot, room, catalog):
    store, wid, people = room
    pid = people["Pia Sørensen"]
    window = kiosk(qtbot, store, pid, catalog)
    window.show_review()
    window.finish()
    page = window.vote_page
    assert window.pages.currentWidget() is page
    assert page.left_label.text() == "3 of your 3 dots left."
    first, second = list(page.plus)[:2]
    qtbot.mouseClick(page.plus[first], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.plus[first], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.plus[second], Qt.MouseButton.LeftButton)
    assert {v.action_id: v.count for v in store.votes_of(pid)} == {first: 2, second: 1}
    assert page.left_label.text() == "0 of your 3 dots left."
    assert not any(b.isEnabled() for b in page.plus.values())
    page.vote(second, 1)  # past the budget: the store's sentence, nothing placed
    assert "3 dots" in page.message.text()
    assert sum(v.count for v in store.votes_of(pid)) == 3
    qtbot.mouseClick(page.minus[first], Qt.MouseButton.LeftButton)
    assert page.left_label.text() == "1 of your 3 dots left."
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.thanks_page


def test_after_the_round_closed_the_hand_over_says_so_instead_of_refusing_every_answer(room):
    store, wid, people = room
    store.close_round(wid)
    with pytest.raises(TandemError, match="The consensus round is closed, so answering is over"):
        AnsweringSession.start(store, people["Ivo Jansen"])
