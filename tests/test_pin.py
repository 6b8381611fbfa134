"""The facilitator PIN (issue 14): set twice to confirm and checked inside its dialog, wrong
tries slowed down by a wait that doubles and survives a restart, and a way for the facilitator
(not a participant) to clear a forgotten one: ``tandem clear-pin``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from assessment_app import cli
from assessment_app.store import pin as pins
from assessment_app.store.database import Store
from assessment_app.store.migrations import SCHEMA_VERSION
from assessment_app.ui import dialogs

from .conftest import undo_later_migrations

ROOT = Path(__file__).resolve().parent.parent
PIN = "2468"


class Clock:
    """The PIN's clock, moved by the test."""

    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(pins, "now", c)
    return c


@pytest.fixture
def guarded(store, mini):
    w = store.create_workshop("W", mini)
    store.set_pin(w.id, PIN)
    return store, w.id


# -- the schedule ------------------------------------------------------------------------------


def test_the_wait_doubles_after_three_free_tries_up_to_five_minutes():
    assert [pins.wait_after(n) for n in range(14)] == [
        0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert pins.wait_after(10**6) == 300


def test_a_clock_set_back_never_makes_a_wait_longer():
    assert pins.wait_left(5, last_try=1000.0, at=10.0) == pins.wait_after(5)
    assert pins.wait_left(5, last_try=1000.0, at=1002.5) == 1.5
    assert pins.wait_left(5, last_try=1000.0, at=5000.0) == 0


def test_the_wait_is_said_plainly():
    assert pins.wait_sentence(0.2) == "Too many wrong PINs: wait 1 second, then try again."
    assert pins.wait_sentence(31.5) == "Too many wrong PINs: wait 32 seconds, then try again."
    assert pins.wait_sentence(300) == "Too many wrong PINs: wait 5 minutes, then try again."


# -- the store ---------------------------------------------------------------------------------


def test_wrong_tries_are_slowed_down(guarded, clock):
    store, wid = guarded
    for _ in range(3):  # typos are free
        check = store.check_pin(wid, "1111")
        assert not check and check.taken
    assert check.wait == 1 and store.pin_wait(wid) == 1
    during = store.check_pin(wid, PIN)  # during a wait even the right PIN is not taken
    assert not during and not during.taken and during.wait == 1
    clock.t += 1
    check = store.check_pin(wid, "1111")
    assert check.taken and check.wait == 2
    clock.t += 2
    assert store.check_pin(wid, PIN)  # right: the count starts again
    assert store.pin_wait(wid) == 0
    assert [store.check_pin(wid, "0").taken for _ in range(4)] == [True, True, True, False]


def test_the_wait_survives_a_restart(tmp_path, mini, clock):
    path = tmp_path / "t.sqlite"
    s = Store.open(path)
    wid = s.create_workshop("W", mini).id
    s.set_pin(wid, PIN)
    for _ in range(6):
        clock.t += s.pin_wait(wid)
        assert s.check_pin(wid, "1111").taken
    assert s.pin_wait(wid) == 8
    s.close()
    again = Store.open(path)  # quitting and reopening the app does not reset it
    assert again.pin_wait(wid) == 8 and not again.check_pin(wid, PIN).taken
    again.close()


def test_a_try_is_counted_before_it_is_checked(guarded, clock, monkeypatch):
    """So that two tries at once (or a try cut short) gain nothing."""
    from assessment_app.store import pin_tries

    store, wid = guarded
    for _ in range(2):
        store.check_pin(wid, "1111")

    def killed(pin, stored):
        raise KeyboardInterrupt

    monkeypatch.setattr(pin_tries, "pin_matches", killed)
    with pytest.raises(KeyboardInterrupt):
        store.check_pin(wid, "1111")
    assert store.pin_wait(wid) == 1  # the third try counted, though never checked


def test_setting_or_clearing_the_pin_clears_the_wait(guarded, clock):
    store, wid = guarded
    for _ in range(5):
        store.check_pin(wid, "1111")
    store.set_pin(wid, "13579")
    assert store.pin_wait(wid) == 0 and store.check_pin(wid, "13579")
    for _ in range(5):
        store.check_pin(wid, "1111")
    store.set_pin(wid, None)
    assert store.pin_wait(wid) == 0 and store.check_pin(wid, "anything")


def test_a_script_guesses_a_few_dozen_pins_in_a_whole_workshop(guarded, clock):
    """Measured before: about 40 tries a second (every 4-digit PIN in four minutes). Now a
    script that waits exactly as long as it must gets 46 tries in three hours."""
    store, wid = guarded
    end, taken, guess = clock.t + 3 * 3600, 0, 0
    while clock.t < end:
        check = store.check_pin(wid, f"{guess:04d}")
        if check.taken:
            taken, guess = taken + 1, guess + 1
        clock.t += max(check.wait, 0.001)
    assert taken == 46  # 0.46% of the 4-digit PINs, 0.0005% of the 8-digit ones


def test_hammering_in_real_time_is_held_to_the_free_tries(guarded):
    store, wid = guarded
    start, calls = time.monotonic(), 0
    taken = 0
    while time.monotonic() - start < 0.5:
        taken += store.check_pin(wid, "0000").taken
        calls += 1
    assert taken == 3 and calls > taken


def test_an_old_database_gets_the_count_by_migration(tmp_path, mini, clock):
    """A PIN set by an earlier Tandem (schema 5, no count of wrong tries): opening the file
    adds the count, and the PIN still checks, with the wait."""
    path = tmp_path / "t.sqlite"
    s = Store.open(path)
    wid = s.create_workshop("W", mini).id
    s.set_pin(wid, PIN)
    s.conn.execute("DROP TABLE pin_attempts")
    undo_later_migrations(s.conn, 5)
    s.conn.execute("PRAGMA user_version = 5")
    s.conn.commit()
    s.close()
    s = Store.open(path)
    assert s.schema_version == SCHEMA_VERSION
    assert s.pin_wait(wid) == 0 and not s.check_pin(wid, "1111") and s.check_pin(wid, PIN)
    s.close()


def test_new_pin_problems():
    assert pins.new_pin_problem("12", "12") == "A facilitator PIN is 4 to 8 digits."
    assert pins.new_pin_problem("12a4", "12a4") == "A facilitator PIN is 4 to 8 digits."
    assert pins.new_pin_problem("١٢٣٤", "١٢٣٤") == "A facilitator PIN is 4 to 8 digits."
    assert pins.new_pin_problem("1234", "1243") == ("The two PINs are not the same; type the "
                                                   "same PIN twice.")
    assert pins.new_pin_problem("12345678", "12345678") is None


# -- the dialogs ---------------------------------------------------------------------------------


def test_the_new_pin_is_typed_twice_and_checked_in_the_dialog(qtbot):
    dialog = dialogs.NewPinDialog(has_pin=False)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    qtbot.keyClicks(dialog.pin, "12x")  # digits only
    qtbot.keyClicks(dialog.again, "12")
    assert dialog.pin.text() == "12"
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.isVisible() and dialog.problem.text() == "A facilitator PIN is 4 to 8 digits."
    assert dialog.pin.text() == "12" and dialog.again.text() == "12"  # nothing typed is lost
    qtbot.keyClicks(dialog.pin, "34")
    qtbot.keyClicks(dialog.again, "43")
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.isVisible() and "not the same" in dialog.problem.text()
    dialog.again.setText("1234")
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.result() == dialogs.QDialog.Accepted and dialog.chosen() == "1234"
    assert not [b for b in dialog.buttons.buttons() if "Remove" in b.text()]


def test_a_pin_can_be_removed_when_one_is_set(qtbot):
    dialog = dialogs.NewPinDialog(has_pin=True)
    qtbot.addWidget(dialog)
    dialog.show()
    [remove] = [b for b in dialog.buttons.buttons() if "Remove" in b.text()]
    qtbot.mouseClick(remove, Qt.LeftButton)
    assert dialog.result() == dialogs.QDialog.Accepted and dialog.chosen() == ""


def test_the_workshop_page_sets_what_the_dialog_confirmed(main_window, store, mini,
                                                          monkeypatch):
    w = store.create_workshop("W", mini)
    page = main_window.workshop
    page.show_workshop(w.id)
    monkeypatch.setattr(dialogs, "ask_new_pin", lambda parent, has_pin: "97531")
    page.change_pin()
    assert store.has_pin(w.id) and store.check_pin(w.id, "97531")


def test_the_hand_over_screen_makes_a_guesser_wait(qtbot, store, mini, clock, monkeypatch):
    """After three wrong PINs the answering window says how long to wait, and does not even
    ask for a PIN until then; a new window (a restarted app) waits as long."""
    from assessment_app.analysis.answering import AnsweringSession
    from assessment_app.ui.answering_window import AnsweringWindow

    w = store.create_workshop("W", mini)
    p = store.add_participant(w.id, "Ann", "marketing")
    store.set_pin(w.id, PIN)
    errors: list[str] = []
    asked: list[bool] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(dialogs, "ask_pin", lambda parent: asked.append(True) or "1111")

    def window():
        win = AnsweringWindow(AnsweringSession.start(store, p.id), [])
        qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_leaving_allowed", True))
        return win

    first = window()
    for _ in range(3):
        assert first.request_leave() is False
    assert len(asked) == 3
    assert errors[-1] == ("That PIN is not right; only the facilitator can leave answering "
                          "mode. Too many wrong PINs: wait 1 second, then try again.")
    assert first.request_leave() is False and len(asked) == 3  # not even asked
    assert errors[-1] == "Too many wrong PINs: wait 1 second, then try again."
    assert first.message.text() == errors[-1]
    assert window().request_leave() is False and len(asked) == 3
    clock.t += 1
    monkeypatch.setattr(dialogs, "ask_pin", lambda parent: PIN)
    assert first.request_leave() is True


# -- a forgotten PIN ---------------------------------------------------------------------------


def test_clear_pin_from_the_command_line(guarded, capsys, clock):
    store, wid = guarded
    for _ in range(8):
        store.check_pin(wid, "1111")
        clock.t += store.pin_wait(wid)
    assert cli.main(["--db", store.path, "clear-pin", "--workshop", wid]) == 0
    assert json.loads(capsys.readouterr().out) == {"workshop": wid, "name": "W",
                                                    "had_pin": True, "pin": "cleared"}
    assert not store.has_pin(wid) and store.pin_wait(wid) == 0
    assert cli.main(["--db", store.path, "clear-pin", "--workshop", "nope"]) == cli.EXIT_ERROR
    assert capsys.readouterr().err == "tandem: There is no workshop with id nope.\n"


def test_clearing_a_pin_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "tandem --db" in readme and "clear-pin --workshop" in readme


def test_the_pin_dialog_tells_the_facilitator_how_to_clear_a_forgotten_pin(qtbot):
    """In the window's own help: the standalone app's user has no terminal for clear-pin."""
    from assessment_app.ui.help_page import GUIDE

    dialog = dialogs.NewPinDialog(has_pin=False)
    qtbot.addWidget(dialog)
    assert any("Help › How to run a workshop" in label.text()
               for label in dialog.findChildren(dialogs.QLabel))
    assert "Forgot the facilitator PIN?" in GUIDE and "Remove PIN" in GUIDE
    assert not dialog.findChildren(QMessageBox)


def test_a_clock_set_back_an_hour_leaves_only_the_wait_itself(guarded, clock):
    """Five wrong tries make the next wait 4 s; the clock set back an hour (by hand, or by the
    network's time) must not stretch that to an hour: the wait counts down from then."""
    store, wid = guarded
    for _ in range(5):
        store.check_pin(wid, "1111")
        clock.t += 60
    assert store.pin_wait(wid) == 0
    store.check_pin(wid, "1111")  # the sixth: 8 s
    wait = store.pin_wait(wid)
    clock.t -= 3600
    assert 0 < store.pin_wait(wid) <= wait
    clock.t += wait
    assert store.pin_wait(wid) == 0
    assert store.check_pin(wid, PIN)  # taken and right
