"""Where Tandem's files live: its own data (questionnaires, fonts, styles, the method page) inside
the package, read through ``importlib.resources`` so a wheel, an editable install and the frozen
app all find it; and the user's database in the platform's per-user data folder. Environment
variables override both so tests and support can point elsewhere.

The source tree keeps ``questionnaires/`` and ``resources/`` at its top level, where consultants
find them; the build maps them into the package (``package-dir`` in pyproject.toml, ``datas`` in
build.spec). Run from the source tree (an editable install, ``PYTHONPATH``) they are read there."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

APP_DIR_NAME = "Tandem"
DB_FILE_NAME = "tandem.sqlite"


def package_dir() -> Path:
    """The installed ``assessment_app`` folder, as a real path (reportlab and Qt open fonts
    and icons by file name). PyInstaller's reader maps it into the frozen bundle."""
    return Path(str(files("assessment_app")))


def _data_folder(name: str) -> Path:
    """A folder of Tandem's data: inside the installed package (a wheel, the frozen app), else
    beside the package at the top of the source tree."""
    inside = package_dir() / name
    return inside if inside.is_dir() else package_dir().parent / name


def questionnaires_dir() -> Path:
    override = os.environ.get("TANDEM_QUESTIONNAIRES")
    return Path(override) if override else _data_folder("questionnaires")


def resources_dir() -> Path:
    return _data_folder("resources")


def data_dir() -> Path:
    """The per-user data folder (created lazily by the caller that writes to it)."""
    override = os.environ.get("TANDEM_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME
