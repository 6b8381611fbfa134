"""What every subcommand shares: the store, the questionnaires and the JSON it prints."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def db_path(args: argparse.Namespace) -> Path:
    from .. import paths

    return Path(args.db) if args.db else paths.default_db_path()


def open_store(args: argparse.Namespace, create: bool = False):
    """The database of --db (or the default one). Only a command that makes a workshop
    (``create``: demo, import) creates a missing file: any other would make a mistyped --db's
    folders and an empty database, then report a missing workshop instead of the path."""
    from ..errors import TandemError
    from ..i18n import tr
    from ..store.database import Store

    path = db_path(args)
    if not create and not path.is_file():
        raise TandemError(tr("There is no Tandem database at {path}; check --db (only 'tandem "
                             "demo' and 'tandem import' create one).", path=path))
    return Store.open(path)


def get_catalog():
    from ..content.catalog import load_catalog

    return load_catalog()


def keep_comments(args: argparse.Namespace) -> bool | None:
    """--drop-comments, --keep-comments, or neither: the export's default (kept unless
    anonymised)."""
    return False if args.drop_comments else True if args.keep_comments else None
