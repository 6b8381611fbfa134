"""The consensus round's screens (issue 27): the facilitator's page (triage with reasons and
measures, the chosen statements, open and close, agree at once, who has re-rated, decisions)
and the presenter view on the projector (nothing of the results before Space, never a name,
the keys)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt

from assessment_app.analysis.consensus_view import load_consensus, open_consensus
from assessment_app.analysis.presenter import round1_comments
from assessment_app.rules.records import Answer
from assessment_app.store.database import Store
from tests.consensus_room import IT, MARKETING, build_room

NAMES = MARKETING + IT


@pytest.fixture
def room(tmp_path, catalog):
    store = Store.open(tmp_path / "tandem.sqlite")
    workshop_id, people = build_room(store, catalog.get("core"))
    yield store, workshop_id, people, tmp_path / "tandem.sqlite"
    store.close()


def counts_said(store: Store, workshop_id: str, item_id: str, round_no: int = 1) -> dict:
    """How many of each function chose each level, counted from the stored answers."""
    role = {p.id: p.role for p in store.participants(workshop_id)}
    counted: dict[str, Counter] = {"marketing": Counter(), "it": Counter()}
    for a in store.answers_for_workshop(workshop_id, round_no):
        if a.item_id == item_id and a.current is not None:
            counted[role[a.participant_id]][a.current] += 1
    return {r: ", ".join(f"level {n}: {c[n]}" for n in range(1, 6)) for r, c in counted.items()}


def no_name_in(text: str) -> None:
    for name in NAMES:
        assert name not in text
        assert name.split()[0] not in text


def presenter(qtbot, store, workshop_id, size=(1366, 768)):
    from assessment_app.ui.presenter import PresenterWindow

    window = PresenterWindow(store, workshop_id)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_presenter_shows_nothing_of_the_results_before_space(qtbot, room):
    store, wid, _, _ = room
    open_consensus(store, wid)
    window = presenter(qtbot, store, wid)
    first = store.round_state(wid).items[0]
    before = window.visible_text()
    assert "Statement 1 of 6" in before
    assert "level 1:" not in before and "wrote:" not in before and "median" not in before
    item = next(i for i in store.questionnaire_for(wid).items if i.id == first)
    assert item.text_for("marketing") in before and item.text_for("it") in before
    no_name_in(before)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    after = window.visible_text()
    said = counts_said(store, wid, first)
    assert f"Marketing: {said['marketing']}" in after
    assert f"IT: {said['it']}" in after
    no_name_in(after)
    qtbot.keyClick(window, Qt.Key.Key_Space)  # hidden again
    assert "level 1:" not in window.visible_text()


def test_the_presenter_keys_move_and_time_and_leave(qtbot, room):
    store, wid, _, _ = room
    open_consensus(store, wid)
    window = presenter(qtbot, store, wid)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert "Statement 2 of 6" in window.visible_text()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert "level 1:" in window.visible_text()
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert "Statement 1 of 6" in window.visible_text()
    assert "level 1:" not in window.visible_text()  # each statement is revealed on its own
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert window.clock.isActive()
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert not window.clock.isActive()
    with qtbot.waitSignal(window.left):
        qtbot.keyClick(window, Qt.Key.Key_Escape)


def test_after_the_revote_the_presenter_hides_again_then_shows_both_rounds(qtbot, room):
    store, wid, people, _ = room
    open_consensus(store, wid)
    window = presenter(qtbot, store, wid, size=(1920, 1080))
    first = store.round_state(wid).items[0]
    qtbot.keyClick(window, Qt.Key.Key_Space)
    for k, pid in enumerate(people.values()):
        store.save_answer(pid, first, 3 + k % 2, 4, "", round_no=2)
    window.reload()
    hidden = window.visible_text()
    assert "level 1:" not in hidden and "→" not in hidden.replace("← →", "")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    shown = window.visible_text()
    again = counts_said(store, wid, first, round_no=2)
    assert f"Round 2, Marketing: {again['marketing']}" in shown
    assert f"Round 2, IT: {again['it']}" in shown
    assert "median" in shown
    no_name_in(shown)


def test_comments_of_a_function_under_the_threshold_are_not_shown():
    role_of = {"m1": "marketing", "m2": "marketing", "m3": "marketing", "i1": "it",
               "i2": "it"}
    answers = [Answer(pid, "x", 3, 4, f"note from {pid}", "2026-06-01T09:00:00+00:00")
               for pid in role_of]
    shown = dict(round1_comments("x", answers, role_of))
    assert list(shown) == ["Marketing"]
    assert shown["Marketing"] == ("note from m1", "note from m2", "note from m3")


# -- the facilitator's page ---------------------------------------------------------------------


@pytest.fixture
def page(qtbot, room, catalog, monkeypatch):
    from assessment_app.ui import dialogs
    from assessment_app.ui.main_window import MainWindow

    store, wid, people, path = room
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a, **k: True)
    window = MainWindow(store, catalog)
    window.full_screen_answering = False
    qtbot.addWidget(window)
    window.show()
    window.open_workshop(wid)
    qtbot.mouseClick(window.workshop.consensus_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.consensus
    return window, window.consensus


def test_the_page_lists_triage_with_reasons_and_measures_and_the_default_choice(page, room):
    _, consensus = page
    store, wid, _, _ = room
    view = load_consensus(store, wid)
    table = consensus.triage
    assert table.rowCount() == len(view.triage.contested)
    first = view.triage.contested[0]
    assert table.item(0, 2).text() == " ".join(r.text for r in first.reasons)
    assert consensus.chosen_items() == view.triage.default_selection
    ticked = [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())
              if table.item(r, 0).checkState() == Qt.CheckState.Checked]
    assert ticked == view.triage.default_selection
    # a function with fewer than 3 levels given shows no measure
    withheld = [r for r in range(table.rowCount())
                for c in (3, 4, 5) if table.item(r, c).text() == "fewer than 3 respondents"]
    small = [c for c in view.triage.contested
             if any(view.statements[c.item_id].round1[k].measures is None
                    for k in ("marketing", "it", "all"))]
    assert len({r for r in withheld}) == len(small)


def test_the_page_opens_the_round_with_the_chosen_order_and_counts_rerates(qtbot, page, room):
    window, consensus = page
    store, wid, people, path = room
    table = consensus.triage
    table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # drop the first
    consensus.chosen.setCurrentRow(1)
    consensus.move_chosen(-1)
    wanted = consensus.chosen_items()
    assert len(wanted) == 5
    qtbot.mouseClick(consensus.open_button, Qt.MouseButton.LeftButton)
    assert store.round_state(wid).items == tuple(wanted)
    assert "0 of 8 participants have re-rated" in consensus.rerated.text()
    phone = Store.open(path)  # another connection, as the answering server is
    try:
        pid = next(iter(people.values()))
        for item in wanted:
            phone.save_answer(pid, item, 3, 4, "", round_no=2)
    finally:
        phone.close()
    assert window.changes.check_other_writers()
    assert "1 of 8 participants has re-rated" in consensus.rerated.text()
    assert consensus.decisions.table.item(0, 1).text() == "1"


def test_the_page_agrees_at_once_and_records_decisions(qtbot, page, room):
    _, consensus = page
    store, wid, _, _ = room
    assert not consensus.agree_button.isEnabled()  # not before the round is open
    qtbot.mouseClick(consensus.open_button, Qt.MouseButton.LeftButton)
    view = load_consensus(store, wid)
    qtbot.mouseClick(consensus.agree_button, Qt.MouseButton.LeftButton)
    decided = {d.item_id: d for d in store.decisions(wid)}
    for item_id, proposal in view.triage.agree_at_once:
        assert (decided[item_id].current, decided[item_id].target, decided[item_id].status) \
            == (proposal.current, proposal.target, "agreed")
    panel = consensus.decisions
    panel.table.selectRow(0)
    panel.current.setValue(2)
    panel.target.setValue(4)
    panel.status.setCurrentIndex(panel.status.findData("dissent"))
    panel.note.setText("IT brings the delivery record next week.")
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    first = view.selected[0]
    d = {d.item_id: d for d in store.decisions(wid)}[first]
    assert (d.current, d.target, d.status, d.note) == (
        2, 4, "dissent", "IT brings the delivery record next week.")
    assert panel.table.item(0, 5).text() == "dissent: today 2, target 4"
    qtbot.mouseClick(consensus.close_button, Qt.MouseButton.LeftButton)
    assert store.round_state(wid).phase == "closed"


def test_the_page_opens_the_presenter_view(qtbot, page, room):
    from tests.test_screens import mnemonics

    window, consensus = page
    store, wid, _, _ = room
    keys = mnemonics(consensus) + ["f", "v", "h"]  # the menus'
    assert len(keys) == len(set(keys))
    # before the round opens, the projector shows the statements picked so far
    table = consensus.triage
    table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(consensus.present_button, Qt.MouseButton.LeftButton)
    picked = consensus.chosen_items()
    assert [s.item_id for s in window.presenter.slides] == picked
    assert f"Statement 1 of {len(picked)}" in window.presenter.visible_text()
    qtbot.mouseClick(consensus.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(consensus.present_button, Qt.MouseButton.LeftButton)
    assert [s.item_id for s in window.presenter.slides] == list(store.round_state(wid).items)
    assert window.presenter is not None and window.presenter.isVisible()
    no_name_in(window.presenter.visible_text())
    with qtbot.waitSignal(window.presenter.left):
        qtbot.keyClick(window.presenter, Qt.Key.Key_Escape)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_no_text_on_the_projector_is_clipped(qtbot, room, size):
    """Every statement, revealed after a revote with its longest comments, at both projector
    sizes: each text fits the room its label has (wrapped text its height, one line its
    width)."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication, QLabel

    from assessment_app.ui.text import WrappedLabel

    store, wid, people, _ = room
    open_consensus(store, wid)
    for item in store.round_state(wid).items:
        for k, pid in enumerate(people.values()):
            store.save_answer(pid, item, 2 + k % 3, 5, "", round_no=2)
    window = presenter(qtbot, store, wid, size)
    for _ in window.slides:
        qtbot.keyClick(window, Qt.Key.Key_Space)
        QApplication.processEvents()
        for label in window.findChildren(QLabel):
            if not label.isVisible() or not label.text():
                continue
            if isinstance(label, WrappedLabel):
                assert label.heightForWidth(label.width()) <= label.height() + 1, label.text()
            else:
                widest = max(QFontMetrics(label.font()).horizontalAdvance(line)
                             for line in label.text().split("\n"))
                assert widest <= label.width(), label.text()
        qtbot.keyClick(window, Qt.Key.Key_Right)


def test_the_rooms_dots_are_the_last_page_hidden_until_space(qtbot, room, catalog):
    from assessment_app.analysis.ballot import ballot
    from assessment_app.ui.presenter import PresenterWindow

    store, wid, people, _ = room
    open_consensus(store, wid)
    voters = list(people.values())
    options = [a for a, _ in ballot(store, voters[0], catalog.actions).options]
    library = {a.id for a in catalog.actions}
    store.vote(voters[0], options[0], 2, library)
    store.vote(voters[1], options[0], 1, library)
    window = PresenterWindow(store, wid, actions=list(catalog.actions))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    for _ in range(window.pages):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    title = next(a.title for a in catalog.actions if a.id == options[0])
    assert "The room's dots" in window.visible_text()
    assert title not in window.visible_text()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert "Fewer than 3 people have placed dots" in window.visible_text()  # two voted
    assert title not in window.visible_text()
    store.vote(voters[2], options[1], 3, library)
    window.reload()
    shown = window.visible_text()
    other = next(a.title for a in catalog.actions if a.id == options[1])
    assert f"3  {title}  ●●●" in shown and f"3  {other}  ●●●" in shown
    no_name_in(shown)
