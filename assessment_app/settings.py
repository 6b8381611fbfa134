"""The app's preferences: one typed registry over an INI file in the user's data folder, read and
written the same way by the window and by the command line (so ``tandem export-pdf`` uses the
paper size chosen in File > PDF paper size). Tests point the data folder elsewhere, so they never
touch real settings. Plain Python: no Qt."""

from __future__ import annotations

import configparser
import io
import locale
from collections.abc import Callable
from dataclasses import dataclass

from . import i18n, paths
from .errors import TandemError
from .files import write_text_atomically

SETTINGS_FILE = "settings.ini"
# Where Letter paper is the norm (by ISO territory code and by the names Windows reports).
LETTER_TERRITORIES = {"US", "CA", "MX", "CL", "CO", "PH", "Canada", "Mexico", "Chile",
                      "Colombia", "Philippines",
                      "United States"}  # not translated: the name Windows reports


def _read() -> configparser.ConfigParser:
    ini = configparser.ConfigParser(interpolation=None)
    try:
        ini.read(paths.data_dir() / SETTINGS_FILE, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return configparser.ConfigParser(interpolation=None)  # unreadable: the defaults
    return ini


def _write(key: str, value: str) -> None:
    section, _, name = key.partition("/")
    ini = _read()
    if not ini.has_section(section):
        ini.add_section(section)
    ini.set(section, name, value)
    folder = paths.data_dir()
    text = io.StringIO()
    ini.write(text)
    try:  # a write cut short (a full disk) leaves the earlier preferences whole
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomically(folder / SETTINGS_FILE, text.getvalue())
    except (OSError, TandemError):
        pass  # a preference that cannot be kept is not worth interrupting anyone for


@dataclass(frozen=True)
class Option:
    """One preference: ``section/name`` in the file, a default, and the values it may take."""

    key: str
    default: Callable[[], str]
    choices: tuple[str, ...]

    def get(self) -> str:
        section, _, name = self.key.partition("/")
        value = _read().get(section, name, fallback=None)
        return value if value in self.choices else self.default()

    def set(self, value: str) -> None:
        if value not in self.choices:
            raise ValueError(f"{self.key} must be one of {self.choices}")
        _write(self.key, value)


@dataclass(frozen=True)
class TextSetting:
    """A remembered value with no fixed choices (a folder, a window's geometry); '' if unset."""

    key: str

    def get(self) -> str:
        section, _, name = self.key.partition("/")
        return _read().get(section, name, fallback="")

    def set(self, value: str) -> None:
        _write(self.key, value.replace("\n", " "))


def territory(locale_name: str | None) -> str:
    """The territory part of a locale name: 'en_US.UTF-8' -> 'US',
    'English_United States' -> 'United States'."""
    if not locale_name:
        return ""
    return locale_name.split(".")[0].partition("_")[2]


def default_paper(locale_name: str | None = None) -> str:
    """Letter where it is the norm (the US, Canada, Mexico...), A4 everywhere else."""
    if locale_name is None:
        try:
            locale_name = locale.getlocale()[0] or locale.setlocale(locale.LC_CTYPE, None)
        except (ValueError, locale.Error):
            locale_name = ""
    return "letter" if territory(locale_name) in LETTER_TERRITORIES else "a4"


# How large the window's text is: normal, or larger for a projector at the back of a room.
TEXT_SIZES = {"normal": 1.0, "large": 1.25, "projector": 1.5}
TEXT_SIZE = Option("window/text_size", lambda: "normal", tuple(TEXT_SIZES))
LAST_FOLDER = TextSetting("files/last_folder")  # where the last file was opened or saved
WINDOW_GEOMETRY = TextSetting("window/geometry")  # the main window's size and place (base64)

# the default is looked up when asked, so a test (or a changed locale) is seen at once
PAPER = Option("pdf/paper", lambda: default_paper(), ("a4", "letter"))
# The window's language (View › Language); unset: the system's, if Tandem speaks it.
LANGUAGE = Option("interface/language", lambda: i18n.system_language(), tuple(i18n.LANGUAGES))
