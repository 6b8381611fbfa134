"""Where Tandem's files live: bundled data next to the code (or inside a frozen app) and the
user's database in the platform's per-user data folder. Environment variables override both so
tests and support can point elsewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "Tandem"
DB_FILE_NAME = "tandem.sqlite"


def install_root() -> Path:
    """The folder holding ``questionnaires/`` and ``resources/``: the PyInstaller bundle when
    frozen, otherwise the project checkout this package sits in."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def questionnaires_dir() -> Path:
    override = os.environ.get("TANDEM_QUESTIONNAIRES")
    return Path(override) if override else install_root() / "questionnaires"


def resources_dir() -> Path:
    return install_root() / "resources"


def data_dir() -> Path:
    """The per-user data folder (created lazily by the caller that writes to it)."""
    override = os.environ.get("TANDEM_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME
