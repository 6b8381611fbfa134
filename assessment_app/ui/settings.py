"""The app's preferences, in one typed registry over an INI file in the user's data folder
(so tests, which point that folder elsewhere, never touch real settings)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QSettings

from .. import paths


def _store() -> QSettings:
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.IniFormat)


@dataclass(frozen=True)
class Option:
    key: str
    default: str
    choices: tuple[str, ...]

    def get(self) -> str:
        value = _store().value(self.key, self.default)
        return value if value in self.choices else self.default

    def set(self, value: str) -> None:
        if value not in self.choices:
            raise ValueError(f"{self.key} must be one of {self.choices}")
        s = _store()
        s.setValue(self.key, value)
        s.sync()


def _default_paper() -> str:
    letter_countries = {QLocale.UnitedStates, QLocale.Canada, QLocale.Mexico, QLocale.Chile,
                        QLocale.Colombia, QLocale.Philippines}
    return "letter" if QLocale.system().territory() in letter_countries else "a4"


PAPER = Option("pdf/paper", _default_paper(), ("a4", "letter"))
