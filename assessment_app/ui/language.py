"""The window's language: the preference (View › Language) is applied once at start-up,
before any window text is built, so every page is written in it; a change takes effect at the
next start (the pages are not rebuilt live). Qt's own translations (``qtbase_<code>.qm``) give
the standard dialogs' buttons the same language, and the default locale makes spin boxes,
dates and calendars follow it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from .. import i18n
from ..i18n import speaking, tr
from ..settings import LANGUAGE

_installed: list[QTranslator] = []  # kept alive while installed: Qt does not own it


def apply_language(code: str | None = None) -> str:
    """Speak ``code`` (default: the preference) in this process and in Qt's own dialogs."""
    code = code if i18n.known(code) else LANGUAGE.get()
    assert code is not None
    i18n.use(code)
    qt_code = code if code in i18n.LANGUAGES else i18n.ENGLISH  # the pseudo-locale: English
    QLocale.setDefault(QLocale(qt_code))
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if app is not None and qt_code != i18n.ENGLISH and translator.load(f"qtbase_{qt_code}",
                                                                       folder):
        app.installTranslator(translator)
        _installed.append(translator)
    return code


def add_language_menu(parent: QWidget, menu: QMenu) -> QMenu:
    """View › Language: one choice per language, each named in its own language."""
    languages = menu.addMenu(tr("&Language"))
    group = QActionGroup(parent)
    chosen = LANGUAGE.get()
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, parent, checkable=True, checked=code == chosen)
        action.triggered.connect(lambda _=False, c=code: choose_language(parent, c))
        group.addAction(action)
        languages.addAction(action)
    return languages


def choose_language(parent: QWidget, code: str) -> None:
    """Keep the choice and say, in the chosen language, that it applies from the next start."""
    from . import dialogs

    if code == LANGUAGE.get() and code == i18n.current():
        return
    LANGUAGE.set(code)
    with speaking(code):
        dialogs.show_info(parent, tr("Language"),
                          tr("Tandem will speak {language} the next time you start it.",
                             language=i18n.LANGUAGES[code]))
