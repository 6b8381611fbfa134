"""The workshop rehearsal: a whole workshop in one process, the way a facilitator runs it.

The real main window with the real stylesheet and the installed questionnaire; eight executives
added through the window, six handed the laptop and answering every statement by keys only (some
"don't know", some comments, some typed before the level; one with a name full of markup and
CJK; one answering half on their phone while the laptop shows it), two answering at the same
time on their own devices through the window's local-network server, as their phones' page
sends answers; the results screen switched through every view many times; the plan edited,
marked agreed, exported to Excel and read back; the workshop PDF and every handout exported;
the window closed. Tests of parts never ran long enough to reach the crash
PySide6 6.12.0 causes (it loses a reference to None on calls that return nothing, and Python
3.11 aborts with ``none_dealloc`` after a few thousand); this run makes thousands of those calls,
and checks the signature of that whole family of faults: ``sys.getrefcount(None)`` must not
fall. It also checks what the room cares about: every answer given is on disk, exactly.
"""

from __future__ import annotations

import gc
import random
import sys

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

from assessment_app.store.database import Store
from assessment_app.ui import dialogs
from assessment_app.ui.app import apply_style
from tests.test_radar_labels import clashes as radar_clashes

EXECUTIVES = [
    ("Claire Dubois", "marketing", "Chief Marketing Officer"),
    ("Zoë <b>R&D</b> 李明 김민준", "marketing", "VP Digital & Growth"),
    ("Priya Raman", "marketing", "Head of Marketing Technology"),
    ("Дмитрий Иванов", "marketing", "Brand Director"),
    ("Tom O'Neill", "it", "Chief Information Officer"),
    ("山田 太郎", "it", "CTO"),
    ("Aisha Khan", "it", "IT Director"),
    ("Lars Øberg", "it", "Enterprise Architect"),
]
TARGET_KEYS = {1: Qt.Key_Q, 2: Qt.Key_W, 3: Qt.Key_E, 4: Qt.Key_R, 5: Qt.Key_T}
LEVEL_KEYS = {n: getattr(Qt, f"Key_{n}") for n in range(6)}
PIN = "2468"
ON_THEIR_PHONES = 2  # the last executives answer on their own devices


def answer_on_a_phone(server, participant_id: str, items, rng: random.Random,
                      round_no: int = 1) -> dict:
    """What the answering page sends, statement after statement (JSON POSTs with the page's
    origin; in the consensus round with ``"round": 2``); each answer must come back as
    saved."""
    import json
    import time
    import urllib.error
    import urllib.request

    given = {}
    for item in items:
        if rng.random() < 0.1:
            current = target = None  # don't know
        else:
            current = rng.randint(1, 5)
            target = rng.randint(current, 5)
        comment = rng.choice(["", "", "", "نحتاج خطة مشتركة 🚀", "Budget & roadmap <first>"])
        sent = {"item": item.id, "current": current, "target": target, "comment": comment}
        body = json.dumps(sent | ({"round": 2} if round_no == 2 else {})).encode()
        request = urllib.request.Request(server.join_url(participant_id) + "/answer", body,
                                         {"Content-Type": "application/json",
                                          "Origin": server.url})
        for _ in range(20):  # as the page does: wait when told to slow down, then resend
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    assert response.status == 200 and json.loads(response.read()).get("saved")
                break
            except urllib.error.HTTPError as refused:
                assert refused.code == 429, refused.read()
                time.sleep(float(refused.headers.get("Retry-After", "1")))
        else:
            raise AssertionError("the server kept refusing an answer")
        given[item.id] = (current, target, comment)
    return given


@pytest.fixture
def styled_app():
    """The application with Tandem's own stylesheet, as `tandem` starts it."""
    from assessment_app.ui.fonts import apply_text_size

    app = QApplication.instance()
    apply_style(app)
    assert app.styleSheet(), "the stylesheet shipped with the package did not load"
    yield app
    apply_text_size("normal")
    app.setStyleSheet("")


SCREEN = QSize(1366, 768)  # the projector's laptop screen, at View › Text size › Projector


def fits_the_screen(window) -> None:
    """Nothing wider than the screen and no button's text cut, as the room sees it."""
    for _ in range(3):
        QApplication.processEvents()
    assert window.width() <= SCREEN.width(), window.windowTitle()
    assert window.minimumSizeHint().width() <= SCREEN.width(), window.windowTitle()
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            needed = QFontMetrics(button.font()).horizontalAdvance(button.text().replace("&", ""))
            assert needed <= button.contentsRect().width(), button.text()


def none_references() -> int:
    gc.collect()
    return sys.getrefcount(None)


def type_text(widget, text: str) -> None:
    """Typing as a keyboard (or an input method) delivers it: one key event per character.
    QTest.keyClicks maps characters to ASCII key codes and aborts on any other script."""
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))


def press(qtbot, window, key) -> None:
    """One key, where a keyboard sends it: to whatever has the focus."""
    qtbot.keyClick(window.focusWidget(), key)


def write_comment(qtbot, window, comment: str, rng: random.Random) -> None:
    """A comment by keys only: C enters the box, the hint says how to leave, and Enter, Tab or
    Esc gives the answer keys back."""
    press(qtbot, window, Qt.Key_C)
    assert window.focusWidget() is window.comment
    assert "Esc" in window.question_page.key_help.text()
    window.comment.clear()
    type_text(window.focusWidget(), comment)
    press(qtbot, window, rng.choice([Qt.Key_Tab, Qt.Key_Escape, Qt.Key_Return]))
    assert window.focusWidget() is not window.comment
    assert "Q W E R T" in window.question_page.key_help.text()


def answer_everything(qtbot, window, rng: random.Random, on_phone: dict | None = None) -> dict:
    """One executive at the keyboard, keys only: today's level, a target, now and then "don't
    know" or a comment (sometimes typed before the level, then Next and Back), Enter to move
    on; then review and finish. Statements already answered on their phone (``on_phone``) are
    shown with that answer and passed with Enter. Returns what they gave, per item."""
    given = dict(on_phone or {})
    session = window.session
    for n, item in enumerate(session.items):
        assert window.position.text() == f"Statement {n + 1} of {len(session.items)}"
        if item.id in given:  # answered on the phone meanwhile: the kiosk shows it
            current, target, comment = given[item.id]
            assert [c.level for c in window.cards.cards if c.is_chosen()] == (
                [current] if current else [])
            assert window.dont_know.isChecked() == (current is None)
            assert window.comment.toPlainText() == comment
            press(qtbot, window, Qt.Key_Return)
            continue
        comment = ""
        # a comment typed before any level is chosen (then Next and Back: not on the last
        # statement, whose Next is the review)
        first = rng.random() < 0.1 and n < len(session.items) - 1
        if first or rng.random() < 0.15:
            comment = rng.choice(["Depends on the team & the quarter.",
                                  "Shared KPIs <only> on paper", "Мы не знаем", "数据分散"])
        if first:
            write_comment(qtbot, window, comment, rng)
            assert window.saved.text() == "Comment kept: it is saved with your answer"
            press(qtbot, window, Qt.Key_Right)
            press(qtbot, window, Qt.Key_Left)
            assert window.position.text() == f"Statement {n + 1} of {len(session.items)}"
            assert window.comment.toPlainText() == comment  # still there after Next and Back
        if rng.random() < 0.1:
            current, target = None, None
            press(qtbot, window, Qt.Key_0)
        else:
            current = rng.randint(1, 5)
            target = rng.randint(current, 5)
            press(qtbot, window, LEVEL_KEYS[current])
            press(qtbot, window, TARGET_KEYS[target])
        if comment and not first:
            write_comment(qtbot, window, comment, rng)
        # the writer thread commits the answer; the screen says so when it has
        qtbot.waitUntil(lambda: window.saved.text() == "✓ Saved" or bool(window.message.text()))
        assert window.saved.text() == "✓ Saved", window.message.text()
        given[item.id] = (current, target, comment)
        press(qtbot, window, Qt.Key_Return)
    assert window.pages.currentWidget() is window.review_page
    assert window.review_title.text() == f"All {len(session.items)} statements answered"
    qtbot.keyClick(window.finish_button, Qt.Key_Space)
    # round 1 ends with thanks; the consensus round's re-rating goes on to the dots
    assert window.pages.currentWidget() is (window.vote_page if session.round_no == 2
                                            else window.thanks_page)
    return given


def hand_over(qtbot, window, page, row: int):
    """The facilitator selects a participant and hands the laptop over."""
    window.stack.setCurrentWidget(page)
    page.table.selectRow(row)
    person = page.model.participant(page.selected_row())
    qtbot.mouseClick(page.hand_over_button, Qt.LeftButton)
    answering = window.answering
    assert answering is not None and answering.session.participant.id == person.id
    answering.resize(SCREEN)
    qtbot.waitExposed(answering)
    fits_the_screen(answering)
    return person, answering


def hand_back(qtbot, window, answering) -> None:
    qtbot.mouseClick(answering.return_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.answering is None and window.isVisible())


def test_a_whole_workshop_runs_without_a_fault(qtbot, styled_app, store, installed_catalog,
                                               monkeypatch, tmp_path):
    from assessment_app.ui.main_window import MainWindow

    before = none_references()
    rng = random.Random(20261129)
    core = installed_catalog.get("core")
    workshop = store.create_workshop("Rehearsal: Northwind retail", core, "Northwind & Co")
    window = MainWindow(store, installed_catalog)
    qtbot.addWidget(window)
    window.full_screen_answering = False
    window.resize(SCREEN)
    window.show()
    window.set_text_size("projector")  # the room reads it from the back, on every screen
    window.open_workshop(workshop.id)
    page = window.workshop

    # The facilitator adds everyone through the window and sets a PIN.
    for name, role, title in EXECUTIVES:
        fields = dialogs.ParticipantFields(name, role, title)
        monkeypatch.setattr(dialogs, "ask_participant", lambda *a, f=fields: f)
        qtbot.mouseClick(page.add_button, Qt.LeftButton)
    monkeypatch.setattr(dialogs, "ask_new_pin", lambda *a: PIN)
    qtbot.mouseClick(page.pin_button, Qt.LeftButton)
    people = store.participants(workshop.id)
    assert [p.name for p in people] == [e[0] for e in EXECUTIVES]
    fits_the_screen(window)

    # Each executive is handed the laptop in turn and answers every statement by keys.
    monkeypatch.setattr(dialogs, "ask_pin", lambda *a: PIN)
    expected = {}
    for row in range(len(EXECUTIVES) - ON_THEIR_PHONES - 1):
        person, answering = hand_over(qtbot, window, page, row)
        expected[person.id] = answer_everything(qtbot, answering, rng)
        hand_back(qtbot, window, answering)

    # The window serves the workshop to the participants' own devices.
    from assessment_app.ui import join_screen

    monkeypatch.setattr(join_screen, "list_addresses", lambda: [("127.0.0.1", "loopback")])
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)  # stop serving when leaving
    qtbot.mouseClick(page.join_button, Qt.LeftButton)
    join = window.join
    qtbot.mouseClick(join.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.serving.running)
    fits_the_screen(window)

    # One starts on the laptop, answers half on their phone meanwhile, and finishes on the
    # laptop, which shows what the phone saved without being reopened.
    person, answering = hand_over(qtbot, window, page, len(EXECUTIVES) - ON_THEIR_PHONES - 1)
    half = core.items[: len(core.items) // 2]
    on_phone = answer_on_a_phone(window.serving.server, person.id, half, rng)
    qtbot.waitUntil(lambda: all(i.id in answering.session.answers for i in half),
                    timeout=10_000)
    done = sum(bar.value() for bar in answering.dimension_bars.values())
    assert done == len(half)  # the progress on screen counts the phone's answers
    expected[person.id] = answer_everything(qtbot, answering, rng, on_phone)
    hand_back(qtbot, window, answering)

    # The last two answer on their own devices only.
    for person in people[-ON_THEIR_PHONES:]:
        expected[person.id] = answer_on_a_phone(window.serving.server, person.id,
                                                core.items, rng)
    finished = f"{len(EXECUTIVES)} of {len(EXECUTIVES)} finished"  # live, as answers land
    qtbot.waitUntil(lambda: finished in window.serving_sign.label.text(), timeout=10_000)
    window.stack.setCurrentWidget(page)
    qtbot.waitUntil(lambda: f"{len(EXECUTIVES)} finished" in page.summary.text(),
                    timeout=10_000)

    # Results on the projector: every chart, both tables, drill-downs, again and again.
    qtbot.mouseClick(page.results_button, Qt.LeftButton)
    results = window.results
    for turn in range(36):
        results.tabs.setCurrentIndex(turn % 2)
        results.chart_choice.setCurrentIndex(turn % results.chart_choice.count())
        (results.show_items if turn % 3 else results.show_themes).setChecked(True)
        results.table.selectRow(turn % results.proxy.rowCount())
        if turn % 6 == 0:
            results.refresh()
        QApplication.processEvents()
        fits_the_screen(window)
        if results.tabs.currentIndex() == 0:
            assert radar_clashes(results.chart) == []  # no label over another, at any chart
    assert "8 of 8 participants finished" in results.status.text()

    consensus_round(qtbot, window, page, store, workshop.id, rng)

    # The plan, edited with the room.
    window.stack.setCurrentWidget(page)
    qtbot.mouseClick(page.plan_button, Qt.LeftButton)
    plan = window.plan
    from assessment_app.ui.plan_page import DUE, NOTES, OWNER

    fits_the_screen(window)
    model = plan.model
    assert model.rowCount() >= 8
    assert model.setData(model.index(0, OWNER), "cio", Qt.EditRole)
    assert model.setData(model.index(0, DUE), "31.03.2027", Qt.EditRole)  # as people type it
    assert model.setData(model.index(1, NOTES), "Start with the loyalty data & consent",
                         Qt.EditRole)
    plan.table.selectRow(2)
    qtbot.mouseClick(plan.up_button, Qt.LeftButton)
    assert "Suggested" in plan.banner.text()
    qtbot.mouseClick(plan.agree_button, Qt.LeftButton)
    assert "Agreed" in plan.banner.text()

    # The editable plan: out to Excel and back, as after the workshop.
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan.xlsx"))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(tmp_path / "plan.xlsx"))
    before_excel = [(e.id, e.owner, e.due, e.notes, e.included) for e in model.entries]
    qtbot.mouseClick(plan.excel_out_button, Qt.LeftButton)
    qtbot.mouseClick(plan.excel_in_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: plan.job is None, timeout=10_000)  # read off the UI thread
    qtbot.waitUntil(lambda: [(e.id, e.owner, e.due, e.notes, e.included)
                             for e in plan.model.entries] == before_excel, timeout=5_000)
    assert "Agreed" in plan.banner.text()

    # Both PDFs, exported as the facilitator does: the workshop plan and every handout.
    opened = []
    monkeypatch.setattr(dialogs, "open_folder", opened.append)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan.pdf"))
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: str(tmp_path / "handouts"))
    (tmp_path / "handouts").mkdir()
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    qtbot.mouseClick(plan.pdf_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: plan.job is None, timeout=120_000)
    qtbot.mouseClick(plan.handouts_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: plan.job is None, timeout=120_000)
    assert errors == []
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    printed = "".join(p.extract_text() for p in PdfReader(tmp_path / "plan.pdf").pages)
    assert "Agreed plan" in printed and "Suggested plan" not in printed
    handouts = sorted((tmp_path / "handouts").glob("*.pdf"))
    assert len(handouts) == len(EXECUTIVES)
    assert all(h.read_bytes().startswith(b"%PDF") for h in handouts)

    window.close()
    QApplication.processEvents()
    assert not window.serving.running  # quitting stops the server: nothing keeps listening

    # Every answer the executives gave is on disk, exactly as given.
    fresh = Store.open(store.path)
    try:
        for participant_id, given in expected.items():
            saved = fresh.answers_for_participant(participant_id)
            assert {k: (a.current, a.target, a.comment) for k, a in saved.items()} == given
    finally:
        fresh.close()

    after = none_references()
    assert after >= before, (
        f"sys.getrefcount(None) fell by {before - after} over the workshop: a binding is "
        "losing references to None and will abort the interpreter (none_dealloc)")


def vote_on_a_phone(server, participant_id: str, action: str, count: int) -> dict:
    """The page's dots: one POST to /vote, answered with the person's ballot."""
    import json
    import urllib.request

    body = json.dumps({"action": action, "count": count}).encode()
    request = urllib.request.Request(server.join_url(participant_id) + "/vote", body,
                                     {"Content-Type": "application/json",
                                      "Origin": server.url})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())["ballot"]


def consensus_round(qtbot, window, page, store, workshop_id, rng) -> None:
    """The workshop's middle hour: triage, the statements on the projector revealed one by
    one, re-rated by all eight (four in the kiosk, four on their phones through the window's
    server), dots placed, the revote revealed, decisions recorded, the round closed; round 1
    byte for byte the same, and no name on the projector at any moment."""
    from assessment_app.analysis.consensus_view import load_consensus
    from tests.test_consensus import round_one_hash

    names = [p.name for p in store.participants(workshop_id)]

    def nameless(text: str) -> str:
        assert not any(name in text for name in names)
        return text

    round_one = round_one_hash(store, workshop_id)
    window.stack.setCurrentWidget(page)
    qtbot.mouseClick(page.consensus_button, Qt.LeftButton)
    consensus = window.consensus
    fits_the_screen(window)
    assert consensus.triage.rowCount() > 0
    chosen = consensus.chosen_items()
    qtbot.mouseClick(consensus.open_button, Qt.LeftButton)
    assert store.round_state(workshop_id).items == tuple(chosen)
    qtbot.mouseClick(consensus.present_button, Qt.LeftButton)
    presenter = window.presenter
    qtbot.waitExposed(presenter)
    for _ in chosen:  # hidden, then revealed, statement by statement
        assert "level 1:" not in nameless(presenter.visible_text())
        qtbot.keyClick(presenter, Qt.Key_Space)
        assert "level 1:" in nameless(presenter.visible_text())
        qtbot.keyClick(presenter, Qt.Key_Right)
    people = store.participants(workshop_id)
    items = [i for i in store.questionnaire_for(workshop_id).items if i.id in chosen]
    for row in range(4):
        person, answering = hand_over(qtbot, window, page, row)
        assert answering.session.round_no == 2
        answer_everything(qtbot, answering, rng)
        vote = answering.vote_page
        for action in list(vote.plus)[:3]:
            qtbot.mouseClick(vote.plus[action], Qt.LeftButton)
        qtbot.mouseClick(vote.done_button, Qt.LeftButton)
        hand_back(qtbot, window, answering)
    server = window.serving.server
    from assessment_app.analysis.ballot import ballot

    for person in people[4:]:
        answer_on_a_phone(server, person.id, items, rng, round_no=2)
        first = ballot(store, person.id, window.catalog.actions).options[0][0]
        assert vote_on_a_phone(server, person.id, first, 2)["left"] == 1
    window.stack.setCurrentWidget(consensus)
    everyone = f"{len(people)} of {len(people)} participants have re-rated"
    qtbot.waitUntil(lambda: everyone in consensus.rerated.text(), timeout=10_000)
    assert round_one_hash(store, workshop_id) == round_one
    assert sum(load_consensus(store, workshop_id).votes.values()) == 4 * 3 + 4 * 2
    presenter.reload()
    for _ in chosen:
        qtbot.keyClick(presenter, Qt.Key_Left)
    assert "level 1:" not in nameless(presenter.visible_text())  # the revote: hidden again
    qtbot.keyClick(presenter, Qt.Key_Space)
    assert "Round 2, Marketing" in nameless(presenter.visible_text())
    for _ in range(presenter.pages):  # the last page: the room's dots, hidden, then revealed
        qtbot.keyClick(presenter, Qt.Key_Right)
    assert "  12  " not in nameless(presenter.visible_text())
    qtbot.keyClick(presenter, Qt.Key_Space)
    assert "●" in nameless(presenter.votes_view.lines.text())
    qtbot.keyClick(presenter, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.presenter is None)
    panel = consensus.decisions
    for row in range(len(chosen)):
        status = ("agreed", "dissent", "deferred")[row % 3]
        panel.table.selectRow(row)
        panel.status.setCurrentIndex(panel.status.findData(status))
        panel.note.setText(f"Row {row}: the room's position & why")
        qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    assert len(store.decisions(workshop_id)) == len(chosen)
    qtbot.mouseClick(consensus.close_button, Qt.LeftButton)
    assert store.round_state(workshop_id).phase == "closed"
    assert round_one_hash(store, workshop_id) == round_one
    window.stack.setCurrentWidget(page)
