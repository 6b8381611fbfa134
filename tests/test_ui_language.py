"""The window's language: chosen in View › Language, kept, applied at the next start to
Tandem's sentences and to Qt's own (standard buttons, numbers in spin boxes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assessment_app import i18n
from assessment_app.settings import LANGUAGE


@pytest.fixture
def restore_language(qapp: object) -> Iterator[None]:
    from assessment_app.ui.language import apply_language

    yield
    apply_language("en")


def test_the_preference_defaults_to_the_system_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de_AT")
    assert LANGUAGE.get() == "de"
    monkeypatch.setenv("LANGUAGE", "fr")
    assert LANGUAGE.get() == "en"


def test_choosing_german_is_kept_and_says_it_applies_at_the_next_start(
        main_window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMainWindow

    from assessment_app.ui import dialogs

    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(text))
    assert isinstance(main_window, QMainWindow)
    view = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&View")
    language = next(a.menu() for a in view.actions() if a.text() == "&Language")
    deutsch = next(a for a in language.actions() if a.text() == "Deutsch")
    deutsch.trigger()
    assert LANGUAGE.get() == "de"
    assert told == ["Tandem erscheint beim nächsten Start auf Deutsch."]
    assert i18n.current() == "en"  # the open window stays as it was built


def test_at_start_up_the_preference_reaches_tandem_and_qt(
        qtbot: object, store: object, mini_catalog: object, restore_language: None) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QDialogButtonBox

    from assessment_app.ui.language import apply_language
    from assessment_app.ui.main_window import MainWindow

    LANGUAGE.set("de")
    assert apply_language() == "de"
    window = MainWindow(store, mini_catalog)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Ansicht")
    assert "&Sprache" in [action.text() for action in view.actions()]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    assert QLocale().toString(1.5) == "1,5"
    apply_language("en")
    assert QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel).button(
        QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert QLocale().toString(1.5) == "1.5"
