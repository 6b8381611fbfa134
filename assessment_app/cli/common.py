"""What every subcommand shares: the store, the questionnaires and the JSON it prints."""

from __future__ import annotations

import argparse
import json
from typing import Any


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def open_store(args: argparse.Namespace):
    from .. import paths
    from ..store.database import Store

    return Store.open(args.db or paths.default_db_path())


def get_catalog():
    from ..content.catalog import load_catalog

    return load_catalog()


def keep_comments(args: argparse.Namespace) -> bool | None:
    """--drop-comments, --keep-comments, or neither: the export's default (kept unless
    anonymised)."""
    return False if args.drop_comments else True if args.keep_comments else None
