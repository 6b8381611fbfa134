"""The facilitator's side of answering on the local network: the join screen serves a workshop,
shows each person's code and progress live as answers arrive from the network, prints a sheet
of cards, re-issues links, and the server stops whenever the facilitator stops, leaves the
workshop or quits (nothing keeps listening)."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from assessment_app.reports.join_sheet import JoinCard, sheet_pdf
from assessment_app.store.database import Store
from assessment_app.ui import dialogs, join_screen
from assessment_app.web.qr import qr_matrix

ITEMS = ("trust-1", "trust-2", "meet-1", "data-1")
MARKUP_NAME = "Zoë <b>R&D</b> 李明 김민준"


@pytest.fixture
def workshop(store, mini):
    w = store.create_workshop("Board <b>offsite</b> & more", mini)
    store.add_participant(w.id, MARKUP_NAME, "marketing", "VP Digital & Growth <R&D>")
    store.add_participant(w.id, "Ivo Petrov", "it", "CIO")
    store.add_participant(w.id, "Ana Lima", "it", "")
    return w


@pytest.fixture
def window(main_window, monkeypatch):
    """The main window with the server on loopback and any free port. pytest-qt closes the
    window before fixtures end, and closing while serving asks: no real dialog may open."""
    monkeypatch.setattr(join_screen, "list_addresses",
                        lambda: [("127.0.0.1", "this computer only")])
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    main_window.serving.port = 0
    yield main_window
    main_window.serving.stop()


@pytest.fixture
def join(window, workshop, qtbot):
    """The join screen of the workshop, opened with the workshop page's button, serving."""
    window.open_workshop(workshop.id)
    qtbot.mouseClick(window.workshop.join_button, Qt.LeftButton)
    page = window.join
    assert window.stack.currentWidget() is page
    qtbot.mouseClick(page.start_button, Qt.LeftButton)
    assert window.serving.serves(workshop.id)
    return page


def refused(url: str) -> bool:
    host, port = url.removeprefix("http://").split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError:
        return True
    return False


def post_answer(link: str, item: str, current: int | None, target: int | None) -> dict:
    base = link.split("/a/")[0]
    request = urllib.request.Request(
        f"{link}/answer", method="POST",
        data=json.dumps({"item": item, "current": current, "target": target}).encode(),
        headers={"Content-Type": "application/json", "Origin": base})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def select(page, name: str) -> None:
    row = next(r for r in range(page.model.rowCount()) if page.model.participant(r).name == name)
    page.table.selectRow(row)


# -- the screen --------------------------------------------------------------------------------

def test_the_join_screen_shows_each_persons_code_as_typed(join, window, workshop):
    card = join.card
    assert card.qr.isVisible() and not card.placeholder.isVisible()
    assert card.name.text() == MARKUP_NAME  # plain text, as typed
    assert card.name.textFormat() == Qt.PlainText
    assert card.detail.text() == "Marketing · VP Digital & Growth <R&D>"
    first = window.store.participants(workshop.id)[0]
    assert card.link.text() == window.serving.join_url(first.id)
    assert card.link.text().startswith(window.serving.url + "/a/")
    assert card.qr.matrix == qr_matrix(card.link.text())
    assert card.qr.code_rect().width() >= 240  # scannable across a room
    assert join.position.text() == "1 of 3"
    assert not join.previous_button.isEnabled() and join.next_button.isEnabled()
    join.next()
    assert card.name.text() == "Ivo Petrov" and join.position.text() == "2 of 3"
    join.next()
    assert not join.next_button.isEnabled()
    join.previous()
    assert card.name.text() == "Ivo Petrov"
    assert f"Serving at {window.serving.url}" in join.status.text()


def test_only_loopback_says_so_and_codes_wait_for_start(window, workshop, qtbot):
    window.open_workshop(workshop.id)
    window.show_join(workshop.id)
    page = window.join
    assert page.no_network.isVisible()
    assert "on no network" in page.no_network.text()
    assert not page.card.qr.isVisible()
    assert "Start serving" in page.card.placeholder.text()
    assert not page.print_button.isEnabled() and not page.new_link_button.isEnabled()
    assert not page.stop_button.isEnabled()


def test_a_network_address_hides_the_note(window, workshop, monkeypatch):
    monkeypatch.setattr(join_screen, "list_addresses",
                        lambda: [("192.168.1.5", "main network"), ("127.0.0.1", "x")])
    window.open_workshop(workshop.id)
    window.show_join(workshop.id)
    assert not window.join.no_network.isVisible()
    assert window.join.address.currentData() == "192.168.1.5"


def test_progress_follows_answers_from_the_network(join, window, workshop, qtbot):
    """Answers POSTed to the real server (its own connection) reach the join screen, the
    workshop page's list and the status bar through PRAGMA data_version, with no hand-made
    refresh."""
    assert window.changes._timer.isActive()
    assert window.changes._timer.interval() <= 500
    ivo = next(p for p in window.store.participants(workshop.id) if p.name == "Ivo Petrov")
    select(join, "Ivo Petrov")
    assert join.card.progress.text() == "0 of 4 answered"
    link = join.card.link.text()
    assert post_answer(link, "trust-1", 2, 4)["saved"]
    assert post_answer(link, "trust-2", None, None)["saved"]
    qtbot.waitUntil(lambda: join.card.progress.text() == "2 of 4 answered", timeout=5000)
    assert join.current_participant().id == ivo.id  # the selection survived the refresh
    for item in ITEMS[2:]:
        post_answer(link, item, 3, 3)
    qtbot.waitUntil(lambda: join.card.progress.text().startswith("✓ Finished"), timeout=5000)
    assert "1 of 3 finished" in join.status.text()
    assert "1 of 3 finished" in window.serving_sign.label.text()
    # the workshop page follows too, when shown, and keeps the facilitator's selection
    window.stack.setCurrentWidget(window.workshop)
    table = window.workshop.table
    table.selectRow(0)
    model = window.workshop.model
    qtbot.waitUntil(lambda: model.answered(ivo.id) == 4, timeout=5000)
    ana = next(p for p in window.store.participants(workshop.id) if p.name == "Ana Lima")
    post_answer(window.serving.join_url(ana.id), "trust-1", 1, 2)
    qtbot.waitUntil(lambda: model.answered(ana.id) == 1, timeout=5000)
    assert window.workshop.selected_row() is not None


def test_a_new_link_replaces_the_old_one_after_confirmation(join, window, monkeypatch):
    old = join.card.link.text()
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: False)
    join.new_link()
    assert join.card.link.text() == old and status_of(old) == 200
    asked = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: asked.append(a[2]) or True)
    join.new_link()
    new = join.card.link.text()
    assert new != old and "stops working" in asked[0] and MARKUP_NAME in asked[0]
    assert status_of(old) == 404 and status_of(new) == 200
    assert join.card.qr.matrix == qr_matrix(new)


def test_full_screen_shows_the_same_code_and_moves_with_the_arrows(join, qtbot):
    join.show_projector()
    view = join.projector
    assert view.card.link.text() == join.card.link.text()
    qtbot.keyClick(view, Qt.Key_Right)
    assert view.card.name.text() == "Ivo Petrov" == join.card.name.text()
    qtbot.keyClick(view, Qt.Key_Left)
    assert view.card.name.text() == MARKUP_NAME
    qtbot.keyClick(view, Qt.Key_Escape)
    qtbot.waitUntil(lambda: join.projector is None)


def test_print_sheet_writes_one_card_per_participant(join, window, monkeypatch, qtbot,
                                                     tmp_path):
    out = tmp_path / "codes.pdf"
    opened = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(dialogs, "open_folder", lambda path: opened.append(path) or True)
    monkeypatch.setattr(dialogs, "show_error", lambda *a: pytest.fail(a[2]))
    join.print_sheet()
    qtbot.waitUntil(lambda: bool(opened), timeout=60000)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Ivo Petrov" in text and "<R&D>" in text and "Board <b>offsite</b> & more" in text
    links = [window.serving.join_url(p.id) for p in window.store.participants(
        join.workshop_id)]
    flat = text.replace("\n", "")
    assert all(link in flat for link in links)


# -- the sheet on its own ------------------------------------------------------------------------

def test_the_sheet_prints_user_text_as_typed_and_codes_as_vectors(tmp_path):
    url = "http://192.168.100.123:8765/a/" + "x" * 22
    cards = [JoinCard(MARKUP_NAME, "Marketing", "x<y & <b>", url)] + [
        JoinCard(f"Person {n} " + "Ω" * 150, "IT", "", url) for n in range(6)]
    pdf = sheet_pdf(cards, "Offsite <i>", qr_matrix, "letter")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    assert len(reader.pages) == 2  # six cards a page
    text = reader.pages[0].extract_text()
    assert "Zoë <b>R&D</b>" in text and "x<y & <b>" in text and "Offsite <i>" in text
    assert "…" in text  # the 150-character names are cut on the card, not past it
    assert not reader.pages[0].images  # the codes are vector squares, not pictures
    assert sheet_pdf([], "Empty", qr_matrix).startswith(b"%PDF")


# -- the server's life ----------------------------------------------------------------------------

def test_stop_closes_the_port(join, window, qtbot):
    url = window.serving.url
    assert not refused(url)
    qtbot.mouseClick(join.stop_button, Qt.LeftButton)
    assert refused(url)
    assert not window.serving.running and not window.serving_sign.isVisible()
    assert "Start serving" in join.card.placeholder.text()


def test_while_serving_the_window_waits_at_most_a_millisecond_for_the_interpreter(
        join, window, qtbot):
    """The server's thread shares the window's interpreter lock: while it serves, a thread
    waiting for the lock (the window painting the results) gets it within a millisecond,
    and the interpreter's own setting is back once serving stops."""
    import sys

    assert window.serving.running and sys.getswitchinterval() <= 0.001
    qtbot.mouseClick(join.stop_button, Qt.LeftButton)
    assert sys.getswitchinterval() == 0.005


def test_serving_outlives_the_join_screen_and_the_status_bar_says_so(join, window, qtbot,
                                                                     workshop):
    url = window.serving.url
    qtbot.mouseClick(join.back_button, Qt.LeftButton)
    window.show_results(workshop.id)  # the facilitator shows the results meanwhile
    assert not refused(url)
    sign = window.serving_sign
    assert sign.isVisible() and url in sign.label.text()
    qtbot.mouseClick(sign.codes_button, Qt.LeftButton)
    assert window.stack.currentWidget() is join
    qtbot.mouseClick(sign.stop_button, Qt.LeftButton)
    assert refused(url) and not sign.isVisible()
    assert join.start_button.isEnabled()


def test_leaving_the_workshop_asks_then_stops(join, window, monkeypatch):
    url = window.serving.url
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: False)
    window.show_workshops()
    assert window.stack.currentWidget() is join and not refused(url)  # stayed
    asked = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: asked.append(a[2:]) or True)
    window.show_workshops()
    assert window.stack.currentWidget() is window.workshops
    text, button = asked[0]
    assert "3 participants have not finished" in text
    assert button == "Stop serving and close the workshop"  # says all it does
    assert refused(url) and not window.serving.running


def test_quitting_stops_the_server(join, window, monkeypatch):
    url = window.serving.url
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: False)
    window.close()
    assert window.isVisible() and not refused(url)  # the facilitator chose to stay
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    window.close()
    assert not window.isVisible()
    assert refused(url)


def test_the_app_quitting_without_closing_the_window_stops_it(join, window):
    url = window.serving.url
    from PySide6.QtWidgets import QApplication

    QApplication.instance().aboutToQuit.emit()
    assert refused(url)


def test_a_taken_preferred_port_falls_back_to_a_free_one(window, workshop):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        window.serving.port = taken.getsockname()[1]
        window.serving.start(workshop.id, "127.0.0.1")
        assert window.serving.running
        assert not window.serving.url.endswith(f":{window.serving.port}")


def test_an_address_that_is_not_this_laptops_says_so(window, workshop, monkeypatch):
    said = []
    monkeypatch.setattr(join_screen, "list_addresses", lambda: [("192.0.2.77", "gone")])
    monkeypatch.setattr(dialogs, "show_error", lambda *a: said.append(a[2]))
    window.open_workshop(workshop.id)
    window.show_join(workshop.id)
    window.join.start()
    assert not window.serving.running
    assert said and "192.0.2.77" in said[0]


def test_answers_are_on_disk_for_a_fresh_connection(join, window, workshop):
    link = join.card.link.text()
    post_answer(link, "trust-1", 1, 5)
    reopened = Store.open(Path(window.store.path))
    first = reopened.participants(workshop.id)[0]
    assert reopened.answers_for_participant(first.id)["trust-1"].target == 5
    reopened.close()


def test_the_sheet_prints_in_german_with_the_workshop_name_as_typed(tmp_path):
    """The sheet's own words follow the language; the workshop's name is looked up by its field
    key, which a translation must never change (it did: 'Workshop-Name' was no field)."""
    from assessment_app.i18n import speaking

    url = "http://192.168.100.123:8765/a/" + "x" * 22
    with speaking("de"):
        pdf = sheet_pdf([JoinCard("Ana", "Marketing", "", url)], "Vorstandsklausur", qr_matrix)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = PdfReader(path).pages[0].extract_text()
    assert "Vorstandsklausur" in text and "Seite 1 von 1" in text
